package app.backcoach.progress;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Named histories that cover every state the progress chart can be in, for tests and examples. */
final class ChartStates {
  /** A Monday. */
  static final LocalDate MONDAY = LocalDate.of(2025, 3, 3);

  private ChartStates() {}

  static List<WeekPoint> none() {
    return List.of();
  }

  /** The first week: one check-in and a few reminders. */
  static List<WeekPoint> firstWeek() {
    return List.of(new WeekPoint(MONDAY, 5, 0.75));
  }

  /** Check-ins but no reminders (the user turned them off). */
  static List<WeekPoint> painOnly() {
    return List.of(new WeekPoint(MONDAY, 6, null), new WeekPoint(MONDAY.plusWeeks(1), 5, null));
  }

  /** Reminders but no check-in yet. */
  static List<WeekPoint> adherenceOnly() {
    return List.of(new WeekPoint(MONDAY, null, 0.5), new WeekPoint(MONDAY.plusWeeks(1), null, 0.8));
  }

  /** Eight weeks of pain going down and more reminders done. */
  static List<WeekPoint> eightWeeksImproving() {
    int[] pain = {7, 7, 6, 5, 5, 4, 3, 3};
    double[] done = {0.25, 0.5, 0.6, 0.75, 0.7, 0.9, 1.0, 0.85};
    List<WeekPoint> weeks = new ArrayList<>();
    for (int i = 0; i < pain.length; i++) {
      weeks.add(new WeekPoint(MONDAY.plusWeeks(i), pain[i], done[i]));
    }
    return weeks;
  }

  /** Missed check-ins, a week without reminders, a 0 % week, and two weeks with no data at all. */
  static List<WeekPoint> gaps() {
    return List.of(
        new WeekPoint(MONDAY, 6, 0.5),
        new WeekPoint(MONDAY.plusWeeks(1), null, 0.0),
        new WeekPoint(MONDAY.plusWeeks(3), 4, 1.0),
        new WeekPoint(MONDAY.plusWeeks(5), 5, null),
        new WeekPoint(MONDAY.plusWeeks(6), 2, 0.4));
  }

  /** Pain 10 and 0, 100 % and 0 %, alternating, across a change of month. */
  static List<WeekPoint> extremes() {
    List<WeekPoint> weeks = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      boolean high = i % 2 == 0;
      weeks.add(new WeekPoint(MONDAY.plusWeeks(4 + i), high ? 10 : 0, high ? 1.0 : 0.0));
    }
    return weeks;
  }

  /** Twelve weeks, of which the chart shows the last eight. */
  static List<WeekPoint> twelveWeeks() {
    List<WeekPoint> weeks = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      weeks.add(new WeekPoint(MONDAY.plusWeeks(i), 8 - i % 8, (i % 5) / 4.0));
    }
    return weeks;
  }

  /** Every state by name. */
  static Map<String, List<WeekPoint>> all() {
    return Map.of(
        "none", none(),
        "first-week", firstWeek(),
        "pain-only", painOnly(),
        "adherence-only", adherenceOnly(),
        "eight-weeks-improving", eightWeeksImproving(),
        "gaps", gaps(),
        "extremes", extremes(),
        "twelve-weeks", twelveWeeks());
  }
}
