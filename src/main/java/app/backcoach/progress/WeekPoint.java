package app.backcoach.progress;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Objects;

/**
 * One week of progress on the chart.
 *
 * @param weekOf the week's Monday
 * @param pain the pain (0-10) reported at that week's check-in, or null if there was none
 * @param adherence the share (0..1) of that week's reminders that were done, or null if no
 *     reminders were sent that week
 */
record WeekPoint(LocalDate weekOf, Integer pain, Double adherence) {

  WeekPoint {
    Objects.requireNonNull(weekOf, "weekOf == null");
    if (weekOf.getDayOfWeek() != DayOfWeek.MONDAY) {
      throw new IllegalArgumentException("weekOf " + weekOf + " is not a Monday");
    }
    if (pain != null && (pain < 0 || pain > 10)) {
      throw new IllegalArgumentException("pain " + pain + " outside 0-10 in the week of " + weekOf);
    }
    if (adherence != null && !(adherence >= 0 && adherence <= 1)) {
      throw new IllegalArgumentException(
          "adherence " + adherence + " outside 0..1 in the week of " + weekOf);
    }
  }
}
