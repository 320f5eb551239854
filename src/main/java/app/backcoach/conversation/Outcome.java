package app.backcoach.conversation;

import app.backcoach.reply.Ack;
import app.backcoach.reply.Reply;
import java.util.List;

/**
 * The result of one event: the state to store, the replies to send, how to acknowledge a tap, and
 * any {@link Effect} the caller carries out (null when none).
 */
public record Outcome(UserState state, List<Reply> replies, Ack ack, Effect effect) {
  public Outcome {
    replies = List.copyOf(replies);
    ack = ack == null ? Ack.NONE : ack;
  }

  public Outcome(UserState state, List<Reply> replies, Ack ack) {
    this(state, replies, ack, null);
  }

  /** Only an effect, on an unchanged state. */
  static Outcome effect(UserState state, Effect effect) {
    return new Outcome(state, List.of(), null, effect);
  }
}
