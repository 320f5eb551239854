package app.backcoach.coaching;

import static app.backcoach.coaching.CheckinRules.Adjustment.DELOAD;
import static app.backcoach.coaching.CheckinRules.Adjustment.GET_CHECKED;
import static app.backcoach.coaching.CheckinRules.Adjustment.HOLD;
import static app.backcoach.coaching.CheckinRules.Adjustment.PROGRESS;
import static app.backcoach.coaching.CheckinRules.Adjustment.SEE_PROFESSIONAL;
import static app.backcoach.coaching.CheckinRules.Adjustment.STEP_BACK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CheckinRulesTest {
  static List<CheckinRecord> history(double adherence, int... pains) {
    List<CheckinRecord> out = new ArrayList<>();
    LocalDate week = LocalDate.parse("2026-01-05");
    for (int p : pains) {
      out.add(new CheckinRecord(week, p, 3, adherence, null));
      week = week.plusWeeks(1);
    }
    return out;
  }

  @Test
  void painUpTwoCheckInsInARowStepsBackAndAsksToGetItChecked() {
    assertEquals(List.of(STEP_BACK, GET_CHECKED), CheckinRules.decide(history(0.9, 2, 3, 4)));
  }

  @Test
  void highPainNeverKeepsThePlanOrProgressesWhateverTheTrend() {
    assertEquals(List.of(STEP_BACK, GET_CHECKED), CheckinRules.decide(history(0.0, 10)));
    assertEquals(List.of(STEP_BACK, GET_CHECKED), CheckinRules.decide(history(0.9, 8, 7)));
    assertEquals(
        List.of(STEP_BACK, GET_CHECKED),
        CheckinRules.decide(history(0.9, 7, 7, 7, 7, 7, 7)),
        "no deload or review line on top of the protective one");
  }

  @Test
  void aSharpRiseIsNeverRewardedWithAProgression() {
    assertEquals(List.of(STEP_BACK, GET_CHECKED), CheckinRules.decide(history(0.9, 4, 6)));
    assertFalse(CheckinRules.decide(history(0.9, 4, 5)).contains(PROGRESS));
  }

  @Test
  void painUpOnceOnlyHolds() {
    assertEquals(List.of(HOLD), CheckinRules.decide(history(0.9, 3, 3, 4)));
    assertEquals(List.of(HOLD), CheckinRules.decide(history(0.9, 5, 6)));
  }

  @Test
  void stableOrLowerPainWithMostRemindersDoneProgresses() {
    assertEquals(List.of(PROGRESS), CheckinRules.decide(history(0.7, 4, 4)));
    assertEquals(List.of(PROGRESS), CheckinRules.decide(history(0.6, 5, 3)));
  }

  @Test
  void fewRemindersDoneHoldsEvenWhenPainDrops() {
    assertEquals(List.of(HOLD), CheckinRules.decide(history(0.3, 5, 3)));
  }

  @Test
  void withoutRemindersTheSessionCountDecides() {
    List<CheckinRecord> h =
        List.of(new CheckinRecord(LocalDate.parse("2026-01-05"), 3, 3, null, null));
    assertEquals(List.of(PROGRESS), CheckinRules.decide(h));
    h = List.of(new CheckinRecord(LocalDate.parse("2026-01-05"), 3, 0, null, null));
    assertEquals(List.of(HOLD), CheckinRules.decide(h));
  }

  @Test
  void noImprovementAfterSixWeeksSuggestsAProfessional() {
    List<CheckinRules.Adjustment> d = CheckinRules.decide(history(0.9, 4, 4, 5, 4, 4, 4, 4));
    assertTrue(d.contains(SEE_PROFESSIONAL), d.toString());
    assertFalse(CheckinRules.decide(history(0.9, 4, 4, 3, 3, 3, 2, 2)).contains(SEE_PROFESSIONAL));
  }

  @Test
  void deloadIsSuggestedEverySixWeeksOfTraining() {
    List<CheckinRecord> h = history(0.9, 2, 2, 2, 2, 2);
    assertFalse(CheckinRules.decide(h).contains(DELOAD));
    h = history(0.9, 2, 2, 2, 2, 2, 2);
    assertTrue(CheckinRules.decide(h).contains(DELOAD));
    List<CheckinRecord> after = new ArrayList<>(h.subList(0, 5));
    after.add(new CheckinRecord(h.get(5).weekOf(), 2, 3, 0.9, "PROGRESS,DELOAD"));
    after.add(new CheckinRecord(h.get(5).weekOf().plusWeeks(1), 2, 3, 0.9, null));
    assertFalse(CheckinRules.decide(after).contains(DELOAD), "not again the week after a deload");
  }
}
