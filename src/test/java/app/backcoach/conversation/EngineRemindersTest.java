package app.backcoach.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.backcoach.reminders.Kind;
import app.backcoach.reminders.Reminder;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class EngineRemindersTest {
  /** The desk worker after onboarding, with the reminder proposal on screen. */
  static ChatDriver onboarded() {
    ChatDriver chat = EngineOnboardingTest.toQuestion("setup");
    chat.say("I slump in my chair");
    assertEquals(Stage.READY, chat.state.stage());
    return chat;
  }

  static Reminder find(ChatDriver chat, Kind kind) {
    return chat.state.coaching().reminders().stream()
        .filter(r -> r.kind() == kind && r.untilMillis() == null)
        .findFirst()
        .orElse(null);
  }

  @Test
  void aTimeTheUserTypesIsKeptExactlyNotSpread() {
    ChatDriver chat = onboarded();
    chat.tap("Yes, set them up");
    chat.say("mobility 7:32");
    assertEquals(LocalTime.of(7, 32), find(chat, Kind.MOBILITY).time());
    chat.say("checkin sun 19:00");
    assertEquals(LocalTime.of(19, 0), find(chat, Kind.CHECKIN).time());
  }

  @Test
  void theProposalCanBeAnsweredByTypingYesOrNo() {
    ChatDriver yes = onboarded();
    yes.say("yes please");
    assertEquals(null, yes.state.pending());
    assertNotNull(find(yes, Kind.MOBILITY), "typed yes sets the reminders up");
    ChatDriver no = onboarded();
    no.say("no");
    assertEquals(null, no.state.pending());
    assertEquals(null, find(no, Kind.MOBILITY), "typed no leaves them off");
    ChatDriver other = onboarded();
    other.say("what should I stretch after sitting?");
    assertEquals(Pending.PROPOSAL, other.state.pending(), "a question leaves the proposal open");
  }

  @Test
  void planStepProposesRemindersMatchedToTheAnswers() {
    ChatDriver chat = onboarded();
    assertTrue(chat.text().contains("I suggest these reminders"), chat.text());
    assertEquals(Pending.PROPOSAL, chat.state.pending());
    chat.tap("Yes, set them up");
    Reminder posture = find(chat, Kind.POSTURE);
    assertEquals(30, posture.interval(), "9 hours sitting: a break every 30 minutes");
    LocalTime mobility = find(chat, Kind.MOBILITY).time();
    assertTrue(
        !mobility.isBefore(LocalTime.of(7, 15)) && !mobility.isAfter(LocalTime.of(7, 45)),
        "morning stiffness: early mobility, within the spread around 07:30: " + mobility);
    assertEquals(EnumSet.of(DayOfWeek.SUNDAY), find(chat, Kind.CHECKIN).days());
    assertNotNull(find(chat, Kind.WORKOUT));
  }

  @Test
  void notNowLeavesNoReminders() {
    ChatDriver chat = onboarded();
    chat.tap("Not now");
    assertTrue(chat.state.coaching().reminders().isEmpty());
  }

  @Test
  void remindersListShowsNextLocalTimesAndTogglesWithButtons() {
    ChatDriver chat = onboarded();
    chat.tap("Yes, set them up");
    chat.say("/reminders");
    String time = find(chat, Kind.MOBILITY).time().toString(); // the user's own, spread time
    assertTrue(
        chat.text().contains("Daily mobility: " + time + ", every day. Next: "), chat.text());
    chat.tap("Turn off Daily mobility");
    assertFalse(find(chat, Kind.MOBILITY).enabled());
    assertTrue(
        chat.last.ack().replace().text().contains("Daily mobility: " + time + ", every day (off)"));
    chat.tap("Turn on Daily mobility");
    assertTrue(find(chat, Kind.MOBILITY).enabled());
    chat.tap("Quiet hours mode");
    assertTrue(chat.state.coaching().quietSilent());
  }

  @Test
  void typedSettingsChangeTimesDaysIntervalsAndQuietHours() {
    ChatDriver chat = onboarded();
    chat.tap("Yes, set them up");
    chat.say("workout mon wed fri 18:30");
    assertEquals(LocalTime.of(18, 30), find(chat, Kind.WORKOUT).time());
    assertEquals(
        EnumSet.of(DayOfWeek.MONDAY, DayOfWeek.WEDNESDAY, DayOfWeek.FRIDAY),
        find(chat, Kind.WORKOUT).days());
    assertTrue(chat.firstText().startsWith("Saved"));
    chat.say("posture 45");
    assertEquals(45, find(chat, Kind.POSTURE).interval());
    chat.say("work 8-16");
    assertEquals(LocalTime.of(8, 0), find(chat, Kind.POSTURE).windowStart());
    assertEquals(LocalTime.of(16, 0), find(chat, Kind.POSTURE).windowEnd());
    chat.say("mobility 6:45pm");
    assertEquals(LocalTime.of(18, 45), find(chat, Kind.MOBILITY).time());
    chat.say("checkin off");
    assertFalse(find(chat, Kind.CHECKIN).enabled());
    chat.say("quiet 23-6 silent");
    assertEquals(LocalTime.of(23, 0), chat.state.coaching().quietStart());
    assertTrue(chat.state.coaching().quietSilent());
    chat.say("what a nice day");
    assertTrue(
        chat.firstText().contains("don't have a good answer"), "ordinary text is not a setting");
  }

  @Test
  void pauseAndResume() {
    ChatDriver chat = onboarded();
    chat.tap("Yes, set them up");
    chat.say("/pause");
    chat.tap("For a week");
    assertEquals(
        chat.now.minusSeconds(5).plus(Duration.ofDays(7)).toEpochMilli(),
        chat.state.coaching().pausedUntil());
    chat.say("/resume");
    assertNull(chat.state.coaching().pausedUntil());
    chat.say("/resume");
    assertTrue(chat.firstText().contains("aren't paused"));
    chat.say("/pause");
    chat.tap("Until I say");
    assertEquals(Long.MAX_VALUE, chat.state.coaching().pausedUntil());
  }

  @Test
  void deskSessionTurnsOnPostureBreaksUntilItEnds() {
    ChatDriver chat = onboarded();
    chat.tap("Not now");
    chat.say("/desk");
    Reminder desk =
        chat.state.coaching().reminders().stream()
            .filter(r -> r.untilMillis() != null)
            .findFirst()
            .orElseThrow();
    assertEquals(Kind.POSTURE, desk.kind());
    assertEquals(30, desk.interval());
    assertTrue(desk.untilMillis() > chat.now.toEpochMilli());
    chat.say("/desk");
    assertTrue(chat.state.coaching().reminders().isEmpty());
    assertTrue(chat.firstText().contains("ended"));
  }

  @Test
  void timezoneCanBeChangedLater() {
    ChatDriver chat = onboarded();
    chat.say("/timezone");
    assertTrue(chat.last.replies().get(0).requestLocation());
    chat.say("Narnia");
    assertEquals("Europe/Berlin", chat.state.zone());
    chat.say("Tokyo");
    assertEquals("Asia/Tokyo", chat.state.zone());
  }

  @Test
  void settingsNeedAPlanFirst() {
    ChatDriver chat = new ChatDriver(4);
    chat.say("/reminders");
    assertTrue(chat.firstText().contains("/start"));
    chat.send(new Event.Tap("rt:POSTURE"));
    assertNotNull(chat.last.ack().notice());
  }

  @Test
  void weeklyCheckInProgressesThePlanAndShowsTheChange() {
    ChatDriver chat = onboarded();
    chat.tap("Yes, set them up");
    var before = chat.state.plan();
    chat.say("/checkin");
    assertEquals(Stage.CHECKIN, chat.state.stage());
    chat.say("3");
    chat.say("4");
    chat.say("about right");
    chat.say("none");
    assertEquals(Stage.READY, chat.state.stage());
    assertEquals(1, chat.state.coaching().checkins().size());
    assertEquals(3, chat.state.coaching().checkins().get(0).pain());
    assertEquals(4, chat.state.coaching().checkins().get(0).sessions());
    assertTrue(chat.text().contains("one step up"), chat.text());
    assertFalse(before.equals(chat.state.plan()));
    assertEquals(1, chat.state.plan().changes().size());
    assertFalse(
        chat.state.answers().containsKey("ck_pain"),
        "check-in answers are not kept as profile answers");
    chat.say("/plan");
    assertTrue(chat.text().contains("Changes so far"));
  }

  @Test
  void painRisingTwiceStepsBackToTheGentleRoutine() {
    ChatDriver chat = onboarded();
    chat.tap("Yes, set them up");
    for (String pain : new String[] {"2", "4", "6"}) {
      chat.say("/checkin");
      chat.say(pain);
      chat.say("3");
      chat.say("about right");
      chat.say("none");
      chat.wait(Duration.ofDays(7));
    }
    assertTrue(chat.state.plan().flaredUp());
    assertTrue(chat.text().contains("stepped your plan back"), chat.text());
  }

  @Test
  void redFlagInCheckInPausesAdviceAndChangesNoPlan() {
    ChatDriver chat = onboarded();
    chat.tap("Yes, set them up");
    var plan = chat.state.plan();
    chat.say("/checkin");
    chat.say("3");
    chat.say("3");
    chat.say("about right");
    chat.tap("Fever");
    assertTrue(chat.state.advicePaused());
    assertEquals(plan, chat.state.plan());
    assertEquals(1, chat.state.coaching().checkins().size());
  }

  @Test
  void checkInButtonFromTheReminderStartsIt() {
    ChatDriver chat = onboarded();
    chat.tap("Yes, set them up");
    chat.send(new Event.Tap("ck:start"));
    assertEquals(Stage.CHECKIN, chat.state.stage());
    chat.say("/cancel");
    assertEquals(Stage.READY, chat.state.stage());
  }

  @Test
  void aKindTurnedOnWithoutAProposalGetsItsOwnDefaults() {
    for (app.backcoach.reminders.Kind k : app.backcoach.reminders.Kind.values()) {
      var r = ReminderSettings.fresh(k, 5);
      assertEquals(k, r.kind(), "turning on " + k + " adds " + k);
      assertEquals(k.defaultDays, r.days());
      if (k != app.backcoach.reminders.Kind.POSTURE) {
        assertEquals(k.defaultTime, r.time());
      }
    }
  }
}
