package app.backcoach.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.backcoach.TestContent;
import app.backcoach.content.ContentBundle;
import app.backcoach.content.Msg;
import app.backcoach.content.Urgency;
import app.backcoach.reply.Button;
import app.backcoach.safety.RedFlagScreen;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RedFlagTest {
  private final ContentBundle content = TestContent.bundle();
  private final RedFlagScreen detector = RedFlagScreen.forBundle(content);

  @ParameterizedTest
  @CsvSource({
    "my leg goes numb, numbness",
    "Numbness in my groin, saddle_numbness",
    "I can't feel my toes, numbness",
    "pins and needles in my foot, tingling",
    "tingly feeling in my calf, tingling",
    "pain shooting down my leg, shooting_leg_pain",
    "it radiates all the way down to my knee, shooting_leg_pain",
    "I think it's sciatica, shooting_leg_pain",
    "my left leg feels weak, weakness",
    "my legs gave way on the stairs, weakness",
    "I can't control my bladder, bladder",
    "had a bowel accident, bowel",
    "it started after a fall, after_fall",
    "I fell off a ladder last week, after_fall",
    "since the car accident my back hurts, after_fall",
    "the pain wakes me up at night, night_pain",
    "it keeps me awake, night_pain",
    "I have a fever and back pain, fever",
    "getting chills with it, fever",
    "no pain but my leg is numb, numbness",
    "'no, my leg is numb', numbness",
    "my foot feels numbnes, numbness",
    "pins and needels in my toes, tingling",
    "had a car acident, after_fall"
  })
  void recognisesEverydayPhrasing(String text, String flag) {
    assertTrue(
        detector.screen(text).ids().contains(flag), text + " -> " + detector.screen(text).ids());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "no numbness or tingling",
        "I have a weak core",
        "what number of sets should I do",
        "my back hurts after deadlifts",
        "I fell asleep at my desk",
        "hamstrings tight after sitting all day",
        "not any tingling at all",
        "yes, same numbers for months",
        "how long do i stay in childs pose",
        "I don't have tingling",
        "I had a fever last year",
        "my bladder is fine, just asking about stretches",
        "my dad has sciatica",
        "what if my leg goes numb"
      })
  void ignoresOrdinaryBackTalkAndPlainDenials(String text) {
    assertEquals(Set.of(), detector.screen(text).ids(), text);
  }

  @Test
  void redFlagWinsFromEveryStage() {
    for (String question :
        new String[] {"day_kind", "timezone", "pain_level", "red_flags", "warm_up", "setup"}) {
      ChatDriver chat = EngineOnboardingTest.toQuestion(question);
      chat.say("my leg goes numb");
      assertTrue(
          chat.firstText().startsWith(content.safety().referrals().of(Urgency.URGENT)), question);
      assertTrue(chat.state.advicePaused(), question);
    }
    ChatDriver fresh = new ChatDriver(9);
    fresh.say("pins and needles in my foot");
    assertTrue(fresh.firstText().startsWith(content.safety().referrals().of(Urgency.SOON)));
    assertEquals(Stage.CONSENT, fresh.state.stage());
    assertFalse(fresh.state.advicePaused(), "nothing is stored before consent");
  }

  @Test
  void flagInScreenPausesAdviceAndOnboardingGoesOn() {
    ChatDriver chat = EngineOnboardingTest.toQuestion("red_flags");
    chat.tap(content.safety().redFlag("night_pain").label());
    assertTrue(chat.firstText().startsWith(content.safety().referrals().of(Urgency.SOON)));
    assertEquals("warm_up", chat.state.questionId());
    assertEquals(Set.of("night_pain"), chat.state.redFlags());
  }

  @Test
  void planAndExercisesAreWithheldUntilClearanceConfirmed() {
    ChatDriver chat = EngineOnboardingTest.toQuestion("red_flags");
    Button exerciseButton = new Button("x", "x:dead_bug");
    chat.tap(content.safety().redFlag("fever").label());
    Personas.finish(chat);
    assertEquals(Stage.READY, chat.state.stage());
    assertTrue(chat.text().contains("paused exercise advice"), chat.text());
    assertFalse(chat.text().contains(content.mistake(chat.state.plan().fixes().get(0)).title()));
    chat.say("/plan");
    assertTrue(chat.text().contains("paused exercise advice"));
    chat.send(new Event.Tap(exerciseButton.data()));
    assertFalse(chat.text().contains(content.exercise("dead_bug").dose()));

    chat.tap("A clinician has cleared me");
    chat.tap("Not yet");
    assertTrue(chat.state.advicePaused());
    chat.tap("A clinician has cleared me");
    chat.tap("Yes, I've been cleared");
    assertFalse(chat.state.advicePaused());
    assertTrue(chat.text().contains(content.mistake(chat.state.plan().fixes().get(0)).title()));
  }

  @Test
  void aLaterNoDoesNotDismissAnEarlierFlag() {
    ChatDriver chat = EngineOnboardingTest.toQuestion("pain_level");
    chat.say("it hurts and the pain wakes me at night");
    assertTrue(chat.state.advicePaused());
    chat.say("3");
    chat.say("a few weeks");
    assertEquals("red_flags", chat.state.questionId());
    chat.tap(content.text(Msg.BTN_NONE_OF_THESE));
    assertTrue(chat.state.advicePaused(), "one 'no' must not clear a flag raised earlier");
    chat.say("/start");
    chat.tap("Start over");
    assertTrue(chat.state.advicePaused(), "starting over must not clear a flag either");
  }

  @Test
  void clearanceButtonsDoNothingWithoutAFlag() {
    ChatDriver chat = EngineOnboardingTest.toQuestion("warm_up");
    chat.send(new Event.Tap("cl:y"));
    assertEquals(content.text(Msg.STALE_BUTTON), chat.last.ack().notice());
  }

  @Test
  void forgedClearanceWithoutTheQuestionDoesNotClear() {
    ChatDriver chat = EngineOnboardingTest.toQuestion("warm_up");
    chat.say("I have a fever");
    chat.send(new Event.Tap("cl:y"));
    assertTrue(chat.state.advicePaused());
  }
}
