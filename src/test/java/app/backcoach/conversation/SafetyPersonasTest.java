package app.backcoach.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.backcoach.TestContent;
import app.backcoach.content.ContentBundle;
import app.backcoach.content.Exercise;
import app.backcoach.content.Msg;
import app.backcoach.content.Urgency;
import app.backcoach.reminders.Kind;
import app.backcoach.reply.Button;
import app.backcoach.reply.Reply;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The safety side of the personas: check-in outcomes, flared-up answers, a flag between check-ins.
 */
class SafetyPersonasTest {
  private static final ContentBundle CONTENT = TestContent.bundle();

  private static ChatDriver withReminders() {
    ChatDriver chat = EngineRemindersTest.onboarded();
    chat.tap("Yes, set them up");
    return chat;
  }

  private static void checkin(ChatDriver chat, String pain, String sessions, String fit) {
    chat.say("/checkin");
    chat.say(pain);
    chat.say(sessions);
    chat.say(fit);
    chat.say("none");
    assertEquals(Stage.READY, chat.state.stage(), chat.text());
  }

  @Test
  void aCheckInAtTenOutOfTenStepsBackAndAsksToGetItCheckedNeverKeepsThePlan() {
    ChatDriver chat = withReminders();
    checkin(chat, "10", "0", "about right");
    assertTrue(chat.text().contains("have your back checked"), chat.text());
    assertFalse(chat.text().contains(CONTENT.text(Msg.CHECKIN_HOLD)), chat.text());
    assertTrue(chat.state.plan().flaredUp());
  }

  @Test
  void aRiseFromFourToSixIsNeverRewardedWithAHarderExercise() {
    ChatDriver chat = withReminders();
    checkin(chat, "4", "3", "about right");
    var afterFirst = chat.state.plan().changes().size();
    chat.wait(Duration.ofDays(7));
    checkin(chat, "6", "3", "about right");
    assertFalse(chat.text().contains("one step up"), chat.text());
    assertTrue(chat.text().contains("have your back checked"), chat.text());
    assertTrue(chat.state.plan().changes().size() > afterFirst);
    assertTrue(chat.state.plan().flaredUp());
  }

  @Test
  void onlyOneCheckInPerWeekCountsASecondUpdatesItAndCannotProgressAgain() {
    ChatDriver chat = withReminders();
    checkin(chat, "3", "4", "about right");
    var plan = chat.state.plan();
    chat.wait(Duration.ofHours(2));
    checkin(chat, "2", "4", "about right");
    assertEquals(1, chat.state.coaching().checkins().size());
    assertEquals(2, chat.state.coaching().checkins().get(0).pain());
    assertTrue(chat.text().contains(CONTENT.text(Msg.CHECKIN_UPDATED)), chat.text());
    assertEquals(plan, chat.state.plan(), "no second progression within minutes");
  }

  @Test
  void tooManyRemindersLeadsToAnOfferToTurnSomeOff() {
    ChatDriver chat = withReminders();
    long before = enabledBesidesCheckin(chat);
    assertTrue(before > 0);
    checkin(chat, "3", "3", "too many");
    assertTrue(chat.text().contains(CONTENT.text(Msg.CHECKIN_FIT_TOO_MANY)), chat.text());
    chat.tap("Turn off");
    assertEquals(before - 1, enabledBesidesCheckin(chat));
    assertNotNull(chat.last.ack().replace(), "the tap shows the updated reminder list");
  }

  private static long enabledBesidesCheckin(ChatDriver chat) {
    return chat.state.coaching().reminders().stream()
        .filter(r -> r.enabled() && r.kind() != Kind.CHECKIN && !r.once())
        .count();
  }

  @Test
  void wrongTimesLeadsToTheWayToMoveThem() {
    ChatDriver chat = withReminders();
    checkin(chat, "3", "3", "wrong times");
    assertTrue(chat.text().contains(CONTENT.text(Msg.CHECKIN_FIT_TIMES)), chat.text());
    chat.say("mobility 7:30");
    assertEquals(
        java.time.LocalTime.of(7, 30), EngineRemindersTest.find(chat, Kind.MOBILITY).time());
  }

  @Test
  void aLegThatGoesNumbBetweenCheckInsIsReferredAndTheNextCheckInStillComes() {
    ChatDriver chat = withReminders();
    checkin(chat, "3", "3", "about right");
    chat.wait(Duration.ofDays(3));
    chat.say("since yesterday my left leg has gone numb from the knee down");
    assertTrue(
        chat.firstText().startsWith(CONTENT.safety().referrals().of(Urgency.URGENT)),
        chat.firstText());
    assertTrue(chat.state.advicePaused());
    var checkinReminder = EngineRemindersTest.find(chat, Kind.CHECKIN);
    assertTrue(checkinReminder != null && checkinReminder.enabled());
    chat.say("/reminders");
    assertTrue(chat.text().contains(CONTENT.text(Msg.REMINDERS_ADVICE_PAUSED)), chat.text());
    chat.wait(Duration.ofDays(4));
    checkin(chat, "5", "0", "about right");
    assertEquals(2, chat.state.coaching().checkins().size());
  }

  @Test
  void aUserFlaggedDuringOnboardingStillGetsTheWeeklyCheckIn() {
    ChatDriver chat = EngineOnboardingTest.toQuestion("red_flags");
    chat.tap(CONTENT.safety().redFlag("numbness").label());
    Personas.finish(chat);
    assertEquals(Stage.READY, chat.state.stage());
    assertTrue(chat.text().contains(CONTENT.text(Msg.CHECKIN_ONLY_WHILE_PAUSED)), chat.text());
    var r = EngineRemindersTest.find(chat, Kind.CHECKIN);
    assertTrue(r != null && r.enabled(), "a flagged user is followed up");
    assertEquals(
        1,
        chat.state.coaching().reminders().stream().filter(x -> !x.once()).count(),
        "only the check-in");
    chat.tap(CONTENT.text(Msg.BTN_CLEARED));
    chat.tap(CONTENT.text(Msg.BTN_YES_CLEARED));
    assertTrue(chat.text().contains("posture") || chat.last.replies().size() > 2, chat.text());
    assertEquals(Pending.PROPOSAL, chat.state.pending(), "once cleared, the full proposal");
  }

  @Test
  void aFlaredUpUserAskingForEasyExercisesGetsNoLoadedMovesInTheAnswerOrItsButtons() {
    String[] flared = Personas.DEADLIFTER.clone();
    flared[9] = "8";
    UserState s = EngineAskTest.ready(flared);
    int exerciseButtons = 0;
    for (String q :
        new String[] {
          "give me some easy exercises for my back",
          "what should I do about my weak lower back",
          "how do i do romanian deadlifts",
          "good mornings or back extensions"
        }) {
      Reply r = EngineAskTest.ask(s, q).replies().get(0);
      for (Button b : r.flatButtons()) {
        if (b.data().startsWith("x:")) {
          exerciseButtons++;
          Exercise e = CONTENT.exercise(b.data().substring(2));
          assertTrue(Boolean.TRUE.equals(e.flareUpSafe()), q + ": button " + e.id());
        }
      }
      for (String heavy : new String[] {"Romanian deadlift", "Good morning", "Back extension"}) {
        assertFalse(r.text().startsWith(heavy), q + ": " + r.text());
      }
      assertFalse(r.text().isBlank(), q);
    }
    assertTrue(exerciseButtons > 0, "the answers still offer gentle moves to open");
  }
}
