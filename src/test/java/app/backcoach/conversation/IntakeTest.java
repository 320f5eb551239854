package app.backcoach.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.backcoach.TestContent;
import app.backcoach.content.Msg;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The branching intake: who is asked what, typed numbers as values, and changing one answer. */
class IntakeTest {
  private static final String DONE = TestContent.bundle().text(Msg.BTN_DONE);

  private static final Set<String> LIFTING =
      Set.of(
          "training_kind",
          "experience",
          "equipment",
          "warm_up",
          "arms_tire",
          "grip",
          "machines",
          "same_weights",
          "push_through",
          "form_slips");

  @Test
  void aDeskWorkerWhoDoesNotTrainGetsAPlanInFifteenTapsOrFewerAndNoLiftingQuestion() {
    ChatDriver chat = new ChatDriver(21);
    chat.say("/start");
    int taps = 0;
    for (String label :
        List.of(
            "Yes, store my answers",
            "Mostly sitting at a desk",
            "More than 8 h",
            "0",
            "Berlin / Paris",
            "Lower back",
            DONE,
            "In the morning",
            DONE,
            "3",
            "A few weeks",
            TestContent.bundle().text(Msg.BTN_NONE_OF_THESE),
            "I slump in my chair",
            DONE)) {
      assertFalse(
          chat.state.questionId() != null && LIFTING.contains(chat.state.questionId()),
          "asked " + chat.state.questionId());
      chat.tap(label);
      taps++;
    }
    assertEquals(Stage.READY, chat.state.stage(), chat.text());
    assertTrue(taps <= 15, taps + " taps");
    assertTrue(
        chat.state.answers().keySet().stream().noneMatch(LIFTING::contains),
        chat.state.answers().keySet().toString());
    assertFalse(chat.text().contains("lifting belt"), "no lifter's option for a non-lifter");
  }

  @Test
  void aPainFreeUserIsNotAskedWhenItHurtsOrHowMuch() {
    ChatDriver chat = EngineOnboardingTest.toQuestion("pain_area");
    chat.tap("Nowhere, I want to prevent it");
    assertEquals("red_flags", chat.state.questionId(), "straight to the safety check");
    Personas.finish(chat);
    assertFalse(chat.state.answers().containsKey("pain_level"));
    assertFalse(chat.state.plan().flaredUp());
  }

  @Test
  void theQuestionCountFollowsTheAnswers() {
    ChatDriver chat = new ChatDriver(22).consented();
    assertTrue(chat.text().contains("Question 1 of 18"), chat.text());
    chat.say("desk");
    chat.say("9");
    chat.say("0");
    assertTrue(chat.text().contains("Question 4 of 10"), chat.text());
  }

  @Test
  void numbersAreValuesAndOutOfRangeNumbersGetAClearMessage() {
    ChatDriver chat = new ChatDriver(23).consented();
    chat.say("desk");
    chat.say("under 5");
    assertEquals(List.of("under5"), chat.state.answers().get("sitting_hours").options());
    chat.say("4");
    assertEquals(List.of("d3_4"), chat.state.answers().get("training_days").options());
    ChatDriver pain = EngineOnboardingTest.toQuestion("pain_level");
    for (String bad : List.of("-1", "11")) {
      pain.say(bad);
      assertEquals("pain_level", pain.state.questionId(), bad + " is not accepted");
      assertTrue(pain.text().contains("0") && pain.text().contains("10"), pain.text());
    }
    pain.say("over 8");
    assertEquals(List.of("p9"), pain.state.answers().get("pain_level").options());
  }

  @Test
  void typingOnATickBoxQuestionAddsToTheTicks() {
    ChatDriver chat = EngineOnboardingTest.toQuestion("pain_area");
    chat.tap("Lower back");
    chat.say("and my neck and shoulders");
    assertEquals(
        List.of("lower_back", "neck_shoulders"), chat.state.answers().get("pain_area").options());
  }

  @Test
  void changingOneAnswerFromSettingsRebuildsThePlanAndAsksOnlyWhatItBringsIn() {
    ChatDriver desk = new ChatDriver(24).consented();
    for (String a : Personas.DESK_WORKER) {
      desk.say(a);
    }
    desk.tap("Yes, set them up");
    assertEquals(Stage.READY, desk.state.stage());
    var before = desk.state.plan();
    desk.say("/settings");
    desk.tap(TestContent.bundle().text(Msg.BTN_CHANGE_ANSWER));
    desk.tap("Training days");
    assertEquals("training_days", desk.state.questionId());
    desk.say("3");
    assertEquals("training_kind", desk.state.questionId(), "training now: what kind");
    Personas.finish(desk);
    assertEquals(Stage.READY, desk.state.stage(), desk.text());
    assertTrue(desk.state.answers().containsKey("warm_up"));
    assertNotEquals(before, desk.state.plan());
    assertNull(desk.state.pending());
  }

  @Test
  void changingAnAnswerThatBringsNothingNewGoesStraightBackToThePlan() {
    ChatDriver chat = EngineRemindersTest.onboarded();
    chat.tap("Yes, set them up");
    chat.say("/settings");
    chat.tap(TestContent.bundle().text(Msg.BTN_CHANGE_ANSWER));
    chat.tap("Outside the gym");
    assertEquals(
        List.of("slumped_chair"), chat.state.selection(), "the current ticks are shown to change");
    chat.tap("Saggy mattress or stomach sleeping");
    chat.tap(DONE);
    assertEquals(Stage.READY, chat.state.stage());
    assertEquals(List.of("slumped_chair", "bad_bed"), chat.state.answers().get("setup").options());
  }
}
