package app.backcoach.safety;

import static org.junit.jupiter.api.Assertions.assertTrue;

import app.backcoach.TestContent;
import app.backcoach.eval.Labelled;
import app.backcoach.eval.RedFlagScore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Regression floors for the lexical screen on the labelled sets (the full figures, with the meaning
 * net, come from {@code bench/eval} into docs/SAFETY.md). The floors sit just under the last
 * measurement; the held-out set was never tuned on.
 */
class LabelledSetsTest {
  private static final RedFlagScreen SCREEN = RedFlagScreen.forBundle(TestContent.bundle());

  @ParameterizedTest
  @CsvSource({
    "redflags-tune.tsv, 96.0, 3.0",
    "redflags-tune2a.tsv, 95.0, 3.0",
    "redflags-tune2b.tsv, 98.0, 2.0",
    "redflags-tune3a.tsv, 87.0, 3.0",
    "redflags-tune3b.tsv, 88.0, 2.0",
    "redflags-tune4a.tsv, 80.0, 4.0",
    "redflags-tune4b.tsv, 88.0, 5.0"
  })
  void tuningSetsKeepTheirRecallAndFalseReferralRate(String file, double recall, double falses) {
    RedFlagScore s =
        RedFlagScore.of(SCREEN, TestContent.bundle().safety(), Labelled.read("safety/" + file));
    assertTrue(
        s.recallEmergencyUrgent() >= recall,
        "recall " + s.recallEmergencyUrgent() + "\n" + s.misses);
    assertTrue(s.falseReferralRate() <= falses, "false " + s.falseReferralRate() + "\n" + s.misses);
  }

  @Test
  void heldOutSetDoesNotGetWorse() {
    RedFlagScore s =
        RedFlagScore.of(
            SCREEN, TestContent.bundle().safety(), Labelled.read("safety/redflags-heldout.tsv"));
    // Misses are not printed: the held-out set is never read line by line.
    assertTrue(s.recallEmergencyUrgent() >= 77.0, "held-out recall " + s.recallEmergencyUrgent());
    assertTrue(s.falseReferralRate() <= 10.0, "held-out false " + s.falseReferralRate());
  }
}
