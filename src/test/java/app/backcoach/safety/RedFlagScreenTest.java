package app.backcoach.safety;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.backcoach.TestContent;
import app.backcoach.content.Urgency;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RedFlagScreenTest {
  private static final RedFlagScreen SCREEN = RedFlagScreen.forBundle(TestContent.bundle());

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "I can't hold my pee since my back went | bladder | EMERGENCY",
        "peeing is hard since my back went | bladder | EMERGENCY",
        "can't hold my poo properly | bowel | EMERGENCY",
        "my knee keeps buckling since my back started hurting | weakness | EMERGENCY",
        "I cant feel the paper when I wipe | saddle_numbness | EMERGENCY",
        "got rear ended in my car last week | after_fall | URGENT",
        "running a fever and my back is killing me | fever | URGENT",
        "had breast cancer six years ago and now my back aches all the time | cancer | URGENT",
        "lost 7 kg without trying and my lower back aches | weight_loss | URGENT",
        "my left foot is numb | numbness | URGENT",
        "pain shoots from my butt down to my calf | shooting_leg_pain | SOON",
        "pins and needles in my toes | tingling | SOON",
        "the pain wakes me up every night | night_pain | SOON",
        "sciatica down both legs | both_legs | EMERGENCY"
      })
  void findsEachConceptInEverydayWordsWithItsUrgency(String text, String concept, Urgency u) {
    Screening s = SCREEN.screen(text);
    assertTrue(s.ids().contains(concept), text + " -> " + s.findings());
    assertEquals(u, s.urgency(), text);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "my leg is numbess | numbness",
        "siatica in my left leg | shooting_leg_pain",
        "I keep wetting myslef | bladder",
        "my bladdder is not working | bladder"
      })
  void forgivesATypoInALongWord(String text, String concept) {
    assertTrue(SCREEN.screen(text).ids().contains(concept), text);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "no numbness at all, just tight | negated",
        "my bladder and bowels are fine, just asking about stretches | -",
        "I had a fever last year | past",
        "my dad has sciatica | someone else",
        "what if my leg goes numb? | hypothetical",
        "can deadlifts cause sciatica? | hypothetical",
        "my legs aren't weak at all | negated",
        "had foot drop after knee surgery in 2015, fully recovered | past",
        "my wife's leg goes numb at night | someone else"
      })
  void contextClearsMentionsThatAreNotTheUsersCurrentProblem(String text, String why) {
    Screening s = SCREEN.screen(text);
    assertEquals(Set.of(), s.ids(), text + " -> " + s.findings());
    if (!why.equals("-")) {
      assertTrue(
          s.findings().stream().anyMatch(f -> why.equals(f.clearedBy())),
          text + " should be cleared as " + why + ": " + s.findings());
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "no pain but my foot keeps dragging",
        "I had a fall last week and my back has hurt since",
        "my wife says I've been dragging my foot",
        "is it normal that my foot slaps the floor since yesterday?",
        "I don't know why my knee keeps giving way"
      })
  void contextNeverClearsACurrentProblem(String text) {
    assertTrue(!SCREEN.screen(text).ids().isEmpty(), text);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "I fell asleep at my desk",
        "fell off the wagon with my workouts",
        "I have a weak core",
        "my grip gives out on deadlifts",
        "I take pee breaks every hour at work",
        "my legs are jelly after leg day",
        "I crashed on the couch after training",
        "ladders are great for reaching shelves",
        "how long do I hold childs pose",
        "beta alanine makes my legs tingle",
        "the numbers on the scale went up"
      })
  void looksAlikesAreNotRedFlags(String text) {
    assertEquals(
        Set.of(), SCREEN.screen(text).ids(), text + " -> " + SCREEN.screen(text).findings());
  }

  @ParameterizedTest
  @ValueSource(strings = {"my groin is numb", "pain down both my legs"})
  void namesOnlyTheMostSpecificConcept(String text) {
    assertEquals(1, SCREEN.screen(text).ids().size(), text + " -> " + SCREEN.screen(text).ids());
  }
}
