package app.backcoach.reminders;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;

/**
 * When a reminder next fires, in the user's zone. A local time that does not exist (the hour
 * skipped when clocks go forward) fires at the first valid minute after the gap; a time that exists
 * twice (clocks going back) fires once, at its first occurrence.
 */
public final class Schedule {
  private static final int DAYS_AHEAD = 15;

  /** Parsed "HH:MM" times: a claim of many reminders parses the same few quiet-hour bounds. */
  private static final java.util.Map<String, LocalTime> TIMES =
      new java.util.concurrent.ConcurrentHashMap<>();

  private Schedule() {}

  /**
   * A stored local time such as {@code 22:00}, parsed once per distinct value (at most one per
   * minute of the day are valid).
   *
   * @throws java.time.format.DateTimeParseException if it is not a time
   */
  public static LocalTime time(String text) {
    LocalTime t = TIMES.get(text);
    if (t == null) {
      t = LocalTime.parse(text);
      if (TIMES.size() < 2_000) {
        TIMES.put(text, t);
      }
    }
    return t;
  }

  /**
   * The first firing strictly after {@code after}, or null if there is none (a finished desk
   * session).
   */
  public static Instant next(Reminder r, ZoneId zone, Instant after) {
    LocalDate start = after.atZone(zone).toLocalDate();
    for (int d = 0; d <= DAYS_AHEAD; d++) {
      LocalDate date = start.plusDays(d);
      if (!r.days().contains(date.getDayOfWeek())) {
        continue;
      }
      Instant found =
          r.kind() == Kind.POSTURE ? nextSlot(r, date, zone, after) : at(date, r.time(), zone);
      if (found != null && found.isAfter(after)) {
        if (r.untilMillis() != null && found.toEpochMilli() > r.untilMillis()) {
          return null;
        }
        return found;
      }
    }
    return null;
  }

  private static Instant nextSlot(Reminder r, LocalDate date, ZoneId zone, Instant after) {
    LocalTime t = r.windowStart();
    LocalTime end = r.windowEnd();
    int step = Math.max(5, r.interval());
    // Slots are counted from the window start, so they stay on the same minutes every day.
    for (int k = 1; ; k++) {
      LocalTime slot = t.plusMinutes((long) step * k);
      if (!slot.isAfter(t.plusMinutes((long) step * (k - 1)))
          || !slot.isBefore(end.plusSeconds(1))) {
        return null; // past the window (or wrapped past midnight)
      }
      Instant at = at(date, slot, zone);
      if (at.isAfter(after)) {
        return at;
      }
    }
  }

  /** The instant of a local date and time; a time inside a DST gap moves to the end of the gap. */
  public static Instant at(LocalDate date, LocalTime time, ZoneId zone) {
    LocalDateTime local = date.atTime(time);
    var rules = zone.getRules();
    if (rules.getValidOffsets(local).isEmpty()) {
      ZoneOffsetTransition gap = rules.getTransition(local);
      return gap.getInstant();
    }
    return ZonedDateTime.ofLocal(local, zone, null).toInstant();
  }

  /**
   * True when a local time falls in [start, end), a window that may wrap past midnight
   * (22:00-07:00).
   */
  public static boolean within(LocalTime t, LocalTime start, LocalTime end) {
    if (start.equals(end)) {
      return false;
    }
    return start.isBefore(end)
        ? !t.isBefore(start) && t.isBefore(end)
        : !t.isBefore(start) || t.isBefore(end);
  }

  /** Monday to Friday. */
  public static final java.util.Set<DayOfWeek> WORK_DAYS =
      java.util.EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);

  /** Every day of the week. */
  public static final java.util.Set<DayOfWeek> EVERY_DAY = java.util.EnumSet.allOf(DayOfWeek.class);

  /** The zone for an id, UTC when unknown. */
  public static ZoneId zone(String id) {
    try {
      return id == null ? java.time.ZoneOffset.UTC : ZoneId.of(id);
    } catch (java.time.DateTimeException e) {
      return java.time.ZoneOffset.UTC;
    }
  }
}
