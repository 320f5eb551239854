package app.backcoach.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * /start with a payload from a t.me link: documented payloads do what they say, others are /start.
 */
class DeepLinkTest {
  @Test
  void deskLinkChoosesTheDeskPathOnceTheUserAgrees() {
    ChatDriver chat = new ChatDriver(1);
    chat.send(new Event.Command("start", "desk"));
    assertNull(chat.state.answers().get("day_kind"), "nothing stored before consent");
    chat.tap("Yes, store my answers");
    assertEquals(List.of("desk"), chat.state.answers().get("day_kind").options());
    assertEquals("sitting_hours", chat.state.questionId());
    assertTrue(chat.text().contains("Mostly sitting at a desk"), chat.text());
  }

  @Test
  void lifterLinkTicksGymWeightsAndSkipsThatQuestion() {
    ChatDriver chat = new ChatDriver(2);
    chat.send(new Event.Command("start", "lifter"));
    chat.tap("Yes, store my answers");
    assertEquals("day_kind", chat.state.questionId());
    List<String> asked = new java.util.ArrayList<>();
    while (chat.state.stage() == Stage.ASKING) {
      asked.add(chat.state.questionId());
      chat.say(Personas.answerTo(chat.state.questionId()));
    }
    assertTrue(asked.contains("training_days"), asked.toString());
    assertTrue(!asked.contains("training_kind"), asked.toString());
    assertEquals(List.of("gym"), chat.state.answers().get("training_kind").options());
  }

  @Test
  void checkinLinkOpensTheCheckinForSomeoneWithAPlan() {
    ChatDriver chat = new ChatDriver(3).consented();
    while (chat.state.stage() == Stage.ASKING) {
      chat.say(Personas.answerTo(chat.state.questionId()));
    }
    chat.say("/plan");
    chat.send(new Event.Command("start", "checkin"));
    assertEquals(Stage.CHECKIN, chat.state.stage());
  }

  @Test
  void checkinLinkWithoutAPlanIsAPlainStart() {
    ChatDriver linked = new ChatDriver(4);
    linked.send(new Event.Command("start", "checkin"));
    ChatDriver plain = new ChatDriver(4);
    plain.say("/start");
    assertEquals(plain.state, linked.state);
  }

  @Test
  void unknownPayloadsAreAPlainStart() {
    for (String payload : List.of("from_gym_poster", "", "DESK!!", "x".repeat(64))) {
      ChatDriver linked = new ChatDriver(5);
      linked.send(new Event.Command("start", payload));
      ChatDriver plain = new ChatDriver(5);
      plain.say("/start");
      assertEquals(plain.state, linked.state, payload);
      assertEquals(plain.last.replies(), linked.last.replies(), payload);
    }
  }

  @Test
  void aPathLinkDoesNotTouchAnOnboardingUnderWay() {
    ChatDriver chat = new ChatDriver(6).consented();
    chat.say(Personas.ALL_QUESTIONS[0]);
    var before = chat.state.answers();
    chat.send(new Event.Command("start", "lifter"));
    assertEquals(before, chat.state.answers());
  }
}
