package app.backcoach.conversation;

import app.backcoach.reply.Ack;
import app.backcoach.reply.Reply;
import java.util.List;

/**
 * The result of one event: the state to store, the replies to send, and how to acknowledge a tap.
 */
public record Outcome(UserState state, List<Reply> replies, Ack ack) {
  public Outcome {
    replies = List.copyOf(replies);
    ack = ack == null ? Ack.NONE : ack;
  }
}
