package app.backcoach.conversation;

import static org.junit.jupiter.api.Assertions.fail;

import app.backcoach.TestContent;
import app.backcoach.reply.Button;
import app.backcoach.reply.Reply;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Drives the engine like a user would: typing, tapping buttons by label, with a clock the test
 * moves.
 */
final class ChatDriver {
  static final Instant START = Instant.parse("2026-03-02T08:00:00Z");
  final Engine engine;
  UserState state;
  Instant now = START;
  Outcome last;

  /** Buttons of every message sent so far, newest last, like a chat history on a phone. */
  final List<Button> history = new ArrayList<>();

  ChatDriver(long chatId) {
    this(chatId, new Engine(TestContent.bundle()));
  }

  ChatDriver(long chatId, Engine engine) {
    this.engine = engine;
    state = UserState.fresh(chatId);
  }

  Outcome send(Event e) {
    last = engine.handle(state, e, now);
    state = last.state();
    last.replies().forEach(r -> history.addAll(r.flatButtons()));
    if (last.ack().replace() != null) {
      history.addAll(last.ack().replace().flatButtons());
    }
    now = now.plusSeconds(5);
    return last;
  }

  Outcome say(String text) {
    return send(Inputs.parse(text));
  }

  /** Taps the newest button whose label contains {@code label}. */
  Outcome tap(String label) {
    return send(new Event.Tap(button(label).data()));
  }

  Button button(String label) {
    for (int i = history.size() - 1; i >= 0; i--) {
      if (history.get(i).label().contains(label)) {
        return history.get(i);
      }
    }
    return fail("no button '" + label + "' in " + history.stream().map(Button::label).toList());
  }

  void wait(Duration d) {
    now = now.plus(d);
  }

  String text() {
    return last.replies().stream().map(Reply::text).collect(Collectors.joining("\n---\n"));
  }

  String firstText() {
    return last.replies().isEmpty() ? "" : last.replies().get(0).text();
  }

  /** Starts a chat and gives consent, arriving at the first question. */
  ChatDriver consented() {
    say("/start");
    tap("Yes, store my answers");
    return this;
  }
}
