package app.backcoach.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.backcoach.TestContent;
import app.backcoach.coaching.Plan;
import app.backcoach.content.ContentBundle;
import app.backcoach.reply.Button;
import java.util.List;
import org.junit.jupiter.api.Test;

class EngineOnboardingTest {
  private final ContentBundle content = TestContent.bundle();

  private ChatDriver onboard(String[] answers) {
    ChatDriver chat = new ChatDriver(7).consented();
    for (String a : answers) {
      Stage before = chat.state.stage();
      String q = chat.state.questionId();
      chat.say(a);
      assertTrue(
          before != Stage.ASKING
              || !q.equals(chat.state.questionId())
              || chat.state.stage() == Stage.READY,
          "answer '" + a + "' to " + q + " was not accepted: " + chat.text());
    }
    assertEquals(Stage.READY, chat.state.stage(), chat.text());
    return chat;
  }

  @Test
  void greetsWithTheDisclaimerOnceThenAsksForConsent() {
    ChatDriver chat = new ChatDriver(1);
    chat.say("hello");
    assertEquals(Stage.CONSENT, chat.state.stage());
    assertTrue(chat.text().contains(content.safety().disclaimer()));
    assertTrue(chat.text().contains("store your answers"));
    chat.say("/start");
    assertFalse(
        chat.text().contains(content.safety().disclaimer()), "disclaimer must be said only once");
  }

  @Test
  void storesNothingButTheChatWhenConsentIsDeclined() {
    ChatDriver chat = new ChatDriver(1);
    chat.say("/start");
    chat.tap("No thanks");
    assertEquals(Stage.DECLINED, chat.state.stage());
    assertFalse(chat.state.consented());
    assertTrue(chat.state.answers().isEmpty());
    chat.say("my back hurts after deadlifts");
    assertTrue(chat.text().contains("/start"));
  }

  @Test
  void acceptsTypedYesForConsent() {
    ChatDriver chat = new ChatDriver(1);
    chat.say("/start");
    chat.say("yes sure");
    assertEquals(Stage.ASKING, chat.state.stage());
    assertEquals("day_kind", chat.state.questionId());
  }

  @Test
  void deskWorkerWithMorningStiffnessGetsSittingAndHipFixes() {
    ChatDriver chat = onboard(Personas.DESK_WORKER);
    Plan plan = chat.state.plan();
    assertEquals(List.of("poor_sitting", "tight_hip_flexors"), plan.fixes().subList(0, 2));
    assertFalse(plan.flaredUp());
    assertTrue(sectionRoutines(plan).contains("desk_breaks"));
    assertTrue(sectionRoutines(plan).contains("morning_mobility"));
    assertTrue(sectionRoutines(plan).contains("home_back_workout"));
    assertEquals("Europe/Berlin", chat.state.answers().get("timezone").value());
    assertEquals("3", chat.state.answers().get("pain_level").value());
    assertTrue(chat.text().contains(content.mistake("poor_sitting").title()));
  }

  @Test
  void lifterWhoSaysHePushesThroughPainGetsThatFixFirst() {
    ChatDriver chat = onboard(Personas.DEADLIFTER);
    Plan plan = chat.state.plan();
    // He said he pushes through pain, lifts the same numbers and his form slips: those lead, the
    // strongest (pushing through pain) first, before what his other answers only suggest.
    assertEquals("training_through_pain", plan.fixes().get(0), plan.fixes().toString());
    assertTrue(plan.fixes().contains("no_progression"), plan.fixes().toString());
    assertTrue(sectionRoutines(plan).contains("back_workout"));
    assertEquals("America/New_York", chat.state.answers().get("timezone").value());
  }

  @Test
  void pullerWhoseGripFailsGetsGripAndArmFixes() {
    ChatDriver chat = onboard(Personas.PULLER);
    Plan plan = chat.state.plan();
    assertEquals("grip_fails_first", plan.fixes().get(0));
    assertTrue(plan.fixes().contains("arms_do_pulling"), plan.fixes().toString());
    assertTrue(
        plan.exerciseIds().stream()
            .anyMatch(
                id ->
                    content.exercise(id).equipment().contains("barbell")
                        || content.exercise(id).equipment().contains("cable")),
        "a full gym gets gym exercises");
  }

  @Test
  void threePersonasGetThreeDifferentLeadingFixes() {
    List<String> first =
        List.of(Personas.DESK_WORKER, Personas.DEADLIFTER, Personas.PULLER).stream()
            .map(p -> onboard(p).state.plan().fixes().get(0))
            .distinct()
            .toList();
    assertEquals(3, first.size(), first.toString());
  }

  @Test
  void noEquipmentPlanHasOnlyExercisesDoableWithoutKit() {
    Plan plan = onboard(Personas.DESK_WORKER).state.plan();
    for (String id : plan.exerciseIds()) {
      List<String> kit = content.exercise(id).equipment();
      assertTrue(
          kit.stream().allMatch(k -> List.of("none", "mat", "wall", "chair").contains(k)),
          id + " needs " + kit);
    }
  }

  @Test
  void flaredUpBackGetsOnlyGentleExercises() {
    String[] answers = Personas.DEADLIFTER.clone();
    answers[9] = "8"; // pain level
    Plan plan = onboard(answers).state.plan();
    assertTrue(plan.flaredUp());
    assertEquals("gentle_sore_back", plan.sections().get(0).routineId());
    for (String id : plan.exerciseIds()) {
      assertTrue(content.exercise(id).flareUpSafe(), id + " is not flare-up safe");
    }
  }

  @Test
  void planOffersEachFixAndExerciseAsButtons() {
    ChatDriver chat = onboard(Personas.PULLER);
    chat.tap("Fix 1: details");
    assertTrue(chat.text().contains(content.mistake("grip_fails_first").title()));
    String exercise = chat.state.plan().exerciseIds().get(0);
    chat.tap(content.exercise(exercise).name());
    assertTrue(chat.text().contains(content.exercise(exercise).dose()));
  }

  @Test
  void typedAnswerThatFitsNoOptionGetsReasonAndSameQuestion() {
    ChatDriver chat = new ChatDriver(1).consented();
    chat.say("purple elephants");
    assertEquals("day_kind", chat.state.questionId());
    assertTrue(chat.firstText().contains("couldn't match"));
    assertTrue(chat.text().contains(content.onboarding().question("day_kind").text()));
  }

  @Test
  void numberOutOfRangeNamesTheRange() {
    ChatDriver chat = new ChatDriver(1).consented();
    chat.say("desk");
    chat.say("99 hours");
    assertEquals("sitting_hours", chat.state.questionId());
    assertTrue(chat.firstText().contains("0 to 24"), chat.firstText());
  }

  @Test
  void multipleChoiceTogglesWithTicksAndNeedsOneBeforeDone() {
    ChatDriver chat = new ChatDriver(1).consented();
    chat.say("desk");
    chat.say("9");
    chat.say("2");
    chat.tap("Done");
    assertNotNull(chat.last.ack().notice(), "Done with nothing ticked explains why");
    chat.tap("Gym weights");
    assertTrue(chat.last.ack().replace().text().contains("What kind of training"));
    assertTrue(chat.last.ack().replace().flatButtons().get(0).label().startsWith("\u2705"));
    chat.tap("Running or cardio");
    chat.tap("Done");
    assertEquals(List.of("gym", "cardio"), chat.state.answers().get("training_kind").options());
    assertEquals("experience", chat.state.questionId());
  }

  @Test
  void noneOfTheseClearsOtherTicks() {
    ChatDriver chat = new ChatDriver(1).consented();
    chat.say("desk");
    chat.say("9");
    chat.say("2");
    chat.tap("Gym weights");
    chat.tap("None yet");
    assertEquals(List.of("none"), chat.state.answers().get("training_kind").options());
    assertEquals(List.of(), chat.state.selection(), "none of these answers at once, no Done");
  }

  @Test
  void buttonFromAnEarlierQuestionDoesNothing() {
    ChatDriver chat = new ChatDriver(1).consented();
    Button old = chat.button("Mostly sitting at a desk");
    chat.say("desk");
    UserState before = chat.state;
    chat.send(new Event.Tap(old.data()));
    assertEquals(before.questionId(), chat.state.questionId());
    assertEquals(before.answers(), chat.state.answers());
    assertEquals(content.text(app.backcoach.content.Msg.STALE_BUTTON), chat.last.ack().notice());
  }

  @Test
  void tappedAnswerIsAcknowledgedWithItsLabel() {
    ChatDriver chat = new ChatDriver(1).consented();
    chat.tap("Mostly sitting at a desk");
    assertEquals("Mostly sitting at a desk", chat.last.ack().chosen());
  }

  @Test
  void timeZoneAcceptsCityOffsetAndLocation() {
    for (String[] c :
        new String[][] {
          {"I live in Munich", "Europe/Berlin"},
          {"UTC+5:30", "UTC+05:30"},
          {"America/Chicago", "America/Chicago"},
          {"gmt-3", "UTC-03:00"},
          {"sao paulo", "America/Sao_Paulo"}
        }) {
      ChatDriver chat = toQuestion("timezone");
      chat.say(c[0]);
      assertEquals(c[1], chat.state.answers().get("timezone").value(), c[0]);
    }
    ChatDriver chat = toQuestion("timezone");
    chat.send(new Event.Location(52.5, 13.4)); // the engine's default finder: no map
    assertEquals("UTC+01:00", chat.state.answers().get("timezone").value());
    assertEquals("pain_area", chat.state.questionId());
  }

  @Test
  void unknownTimeZoneIsExplained() {
    ChatDriver chat = toQuestion("timezone");
    chat.say("Atlantis");
    assertEquals("timezone", chat.state.questionId());
    assertTrue(chat.firstText().contains("Atlantis"));
  }

  @Test
  void timeZoneQuestionOffersLocationSharing() {
    ChatDriver chat = toQuestion("timezone");
    assertTrue(
        chat.engine
            .handle(chat.state, new Event.Open(), chat.now)
            .replies()
            .get(0)
            .requestLocation());
  }

  @Test
  void halfFinishedOnboardingResumesWhereItStopped() {
    ChatDriver chat = toQuestion("timezone");
    chat.send(new Event.Open());
    assertTrue(chat.text().contains("Which time zone"));
    chat.wait(java.time.Duration.ofDays(2));
    chat.send(new Event.Open());
    assertEquals(Pending.RESUME, chat.state.pending());
    chat.tap("Continue");
    assertEquals("timezone", chat.state.questionId());
    assertTrue(chat.text().contains("Which time zone"));
  }

  @Test
  void startOverAfterLongGapBeginsAgainButKeepsConsent() {
    ChatDriver chat = toQuestion("timezone");
    chat.wait(java.time.Duration.ofDays(2));
    chat.say("/start");
    chat.tap("Start over");
    assertEquals("day_kind", chat.state.questionId());
    assertTrue(chat.state.answers().isEmpty());
    assertTrue(chat.state.consented());
  }

  @Test
  void startWithAPlanAsksBeforeReplacingIt() {
    ChatDriver chat = onboard(Personas.PULLER);
    chat.say("/start");
    assertEquals(Pending.RESTART, chat.state.pending());
    chat.tap("No, keep my plan");
    assertNotNull(chat.state.plan());
    assertEquals(Stage.READY, chat.state.stage());
    chat.say("/start");
    chat.tap("Yes, start over");
    assertNull(chat.state.plan());
    assertEquals("day_kind", chat.state.questionId());
  }

  @Test
  void oldRestartConfirmationCannotWipeAPlanLater() {
    ChatDriver chat = onboard(Personas.PULLER);
    chat.say("/start");
    Button yes = chat.button("Yes, start over");
    chat.tap("No, keep my plan");
    chat.send(new Event.Tap(yes.data()));
    assertNotNull(chat.state.plan());
  }

  @Test
  void cancelStopsOnboardingAndKeepsAnswers() {
    ChatDriver chat = toQuestion("timezone");
    chat.say("/cancel");
    assertEquals(Stage.IDLE, chat.state.stage());
    assertFalse(chat.state.answers().isEmpty());
    chat.say("/start");
    assertEquals(Pending.RESUME, chat.state.pending());
  }

  @Test
  void commandsWorkFromAnyStateAndUnknownOnesAreNamed() {
    ChatDriver chat = toQuestion("pain_level");
    chat.say("/help");
    assertTrue(chat.text().contains("/plan"));
    chat.say("/plan");
    assertTrue(chat.text().contains("don't have a plan"));
    chat.say("/frobnicate");
    assertTrue(chat.text().contains("/frobnicate"));
    chat.say("/start@backcoach_bot");
    assertEquals(Pending.RESUME, chat.state.pending());
    assertEquals("pain_level", chat.state.questionId());
  }

  @Test
  void unsupportedMessagesAreExplainedAndTheQuestionRepeated() {
    ChatDriver chat = toQuestion("pain_level");
    chat.send(new Event.Unsupported("sticker"));
    assertTrue(chat.firstText().contains("sticker"));
    assertTrue(chat.text().contains("scale from 0"));
  }

  @Test
  void painLevelAcceptsTypedFormsAndStoresTheNumber() {
    for (String[] c :
        new String[][] {{"7/10", "7"}, {"about a six", "6"}, {"5.5", "5.5"}, {"0", "0"}}) {
      ChatDriver chat = toQuestion("pain_level");
      chat.say(c[0]);
      assertEquals(c[1], chat.state.answers().get("pain_level").value(), c[0]);
    }
  }

  @Test
  void sameAnswersGiveTheSamePlan() {
    assertEquals(
        onboard(Personas.DEADLIFTER).state.plan(), onboard(Personas.DEADLIFTER).state.plan());
    assertNotEquals(
        onboard(Personas.DEADLIFTER).state.plan(), onboard(Personas.PULLER).state.plan());
  }

  /** A consented chat that has answered the desk worker's script up to question {@code id}. */
  static ChatDriver toQuestion(String id) {
    ChatDriver chat = new ChatDriver(3).consented();
    int i = 0;
    while (!id.equals(chat.state.questionId())) {
      chat.say(Personas.ALL_QUESTIONS[i++]);
    }
    return chat;
  }

  private static List<String> sectionRoutines(Plan plan) {
    return plan.sections().stream().map(Plan.Section::routineId).toList();
  }
}
