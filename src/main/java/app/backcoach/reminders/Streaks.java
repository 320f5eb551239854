package app.backcoach.reminders;

import java.time.LocalDate;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/** Streaks: days in a row, ending today or yesterday, with at least one Done. */
public final class Streaks {
  private Streaks() {}

  public static int streak(Collection<LocalDate> doneDates, LocalDate today) {
    Set<LocalDate> days = new HashSet<>(doneDates);
    LocalDate day = days.contains(today) ? today : today.minusDays(1);
    int n = 0;
    while (days.contains(day)) {
      n++;
      day = day.minusDays(1);
    }
    return n;
  }
}
