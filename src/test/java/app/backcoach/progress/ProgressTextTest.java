package app.backcoach.progress;

import static app.backcoach.progress.ChartStates.MONDAY;
import static org.junit.jupiter.api.Assertions.assertEquals;

import app.backcoach.TestContent;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressTextTest {
  private final ProgressText text = new ProgressText(TestContent.bundle());

  @Test
  void countsAreSingularForOneAndPluralOtherwise() {
    assertEquals("1 day", text.days(1));
    assertEquals("2 days", text.days(2));
    assertEquals("0 days", text.days(0));
    assertEquals("1 week", text.weeks(1));
    assertEquals("7 weeks", text.weeks(7));
  }

  @Test
  void theStreakReadsAsASentenceAndSaysHowToStartOne() {
    assertEquals("Streak: 1 day in a row", text.streak(1));
    assertEquals("Streak: 12 days in a row", text.streak(12));
    assertEquals("No streak right now: tap Done on a reminder to start one", text.streak(0));
  }

  @Test
  void summarisesEightWeeksInThreeLines() {
    assertEquals(
        "Pain: 7/10 → 3/10 over 7 weeks (lower is better)\n"
            + "Reminders done: 73% (44 of 60)\n"
            + "Streak: 5 days in a row",
        text.summary(ChartStates.eightWeeksImproving(), 44, 60, 5));
  }

  @Test
  void aFirstWeekSaysWhereThePainStandsAndThatATrendFollows() {
    assertEquals(
        "Pain at your last check-in: 5/10 (lower is better). Check in each week to see the trend.\n"
            + "Reminders done: 75% (3 of 4)\n"
            + "Streak: 1 day in a row",
        text.summary(ChartStates.firstWeek(), 3, 4, 1));
  }

  @Test
  void twoCheckInsAWeekApartAreOneWeek() {
    List<WeekPoint> weeks =
        List.of(new WeekPoint(MONDAY, 4, null), new WeekPoint(MONDAY.plusWeeks(1), 3, null));

    assertEquals(
        "Pain: 4/10 → 3/10 over 1 week (lower is better)",
        text.summary(weeks, 0, 0, 0).lines().findFirst().orElseThrow());
  }

  @Test
  void saysWhatIsMissingWithoutCheckInsOrReminders() {
    assertEquals(
        "No check-in yet: /checkin rates your pain once a week.\n"
            + "No reminders sent in these weeks yet.\n"
            + "No streak right now: tap Done on a reminder to start one",
        text.summary(ChartStates.none(), 0, 0, 0));
  }

  @Test
  void theChartCarriesTheStreakAsItsSubtitle() {
    assertEquals("Streak: 2 days in a row", text.labels(2).subtitle());
    assertEquals("No streak right now", text.labels(0).subtitle());
    assertEquals("lower is better", text.labels(2).painHint());
  }
}
