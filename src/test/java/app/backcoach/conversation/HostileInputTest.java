package app.backcoach.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.backcoach.reply.Button;
import app.backcoach.reply.Reply;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Odd and hostile input never throws, never loses answers, and always gets a reply or a notice. */
class HostileInputTest {
  static List<Event> corpus() {
    List<Event> events = new ArrayList<>();
    for (String s :
        new String[] {
          "",
          " ",
          "😀😀😀",
          "<b>bold</b> & <script>alert(1)</script>",
          "*_[]()~`>#+-=|{}.!",
          "שלום עולם",
          "مرحبا",
          "a".repeat(4096),
          "🙂".repeat(2000),
          "\u0000\u0001",
          "/",
          "//",
          "/start extra payload",
          "/START",
          "/help@some_bot",
          "/plan@x",
          "/ unknown",
          "/" + "x".repeat(200),
          "9999999999999999999",
          "-5",
          "1e9",
          "NaN",
          "null",
          "{\"a\":1}",
          "\n\n\n",
          "Robert'); DROP TABLE users;--"
        }) {
      events.add(Inputs.parse(s));
    }
    for (String data :
        new String[] {
          "",
          ":",
          "a",
          "a:",
          "a::",
          "a:day_kind:",
          "a:day_kind:nope",
          "a:other:desk",
          "m:equipment:",
          "md:",
          "x:",
          "x:../../etc/passwd",
          "x:unknown",
          "f:unknown",
          "r:unknown",
          "c:y",
          "c:maybe",
          "rs:y",
          "g:c",
          "g:r",
          "cl:a",
          "cl:y",
          "cl:zz",
          "p",
          "zz:zz:zz:zz",
          "a:" + "x".repeat(100),
          "\u0000",
          "😀:😀"
        }) {
      events.add(new Event.Tap(data));
    }
    events.add(new Event.Tap(null));
    events.add(new Event.Command(null, null));
    events.add(new Event.Unsupported(null));
    events.add(new Event.Unsupported("sticker"));
    events.add(new Event.Unsupported("x".repeat(500)));
    events.add(new Event.Location(91, 500));
    events.add(new Event.Location(Double.NaN, Double.NaN));
    events.add(new Event.Open());
    return events;
  }

  @Test
  void everyStageSurvivesTheWholeCorpus() {
    for (String question :
        new String[] {"day_kind", "training_kind", "timezone", "pain_level", "red_flags"}) {
      for (Event e : corpus()) {
        ChatDriver chat = EngineOnboardingTest.toQuestion(question);
        var answersBefore = chat.state.answers();
        Outcome o = chat.send(e);
        assertNotNull(o.state());
        assertTrue(
            !o.replies().isEmpty() || o.ack().notice() != null || o.ack().replace() != null,
            "no reply at all to " + e + " at " + question);
        assertTrue(
            o.state().answers().keySet().containsAll(answersBefore.keySet()),
            "answers lost after " + e);
        for (Reply r : o.replies()) {
          assertFalse(r.text().isBlank());
          assertTrue(r.text().length() <= 4096 + 200, "reply too long for " + e);
          for (Button b : r.flatButtons()) {
            assertTrue(
                b.data().getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= 64, b.data());
          }
        }
      }
    }
  }

  @Test
  void newAndReadyUsersSurviveTheWholeCorpus() {
    for (Event e : corpus()) {
      ChatDriver fresh = new ChatDriver(5);
      fresh.send(e);
      ChatDriver ready = EngineOnboardingTest.toQuestion("setup");
      ready.say("none");
      assertEquals(Stage.READY, ready.state.stage());
      var plan = ready.state.plan();
      ready.send(e);
      if (!(e instanceof Event.Tap t && "rs:y".equals(t.data()))) {
        assertEquals(plan, ready.state.plan(), "plan changed by " + e);
      }
    }
  }

  @Test
  void longTextIsNeverEchoedInFull() {
    ChatDriver chat = EngineOnboardingTest.toQuestion("timezone");
    chat.say("x".repeat(4000));
    assertTrue(chat.firstText().length() < 600, "the error must not repeat a 4000-character input");
  }
}
