package app.backcoach.reminders;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.Set;

/**
 * One reminder's settings. Daily kinds use {@code time} on {@code days}; posture breaks use {@code
 * interval} minutes between {@code windowStart} and {@code windowEnd} on {@code days}.
 *
 * @param once fires a single time (a snooze), then is removed
 * @param untilMillis stops after this instant (a desk session), or null
 */
public record Reminder(
    long id,
    long chatId,
    Kind kind,
    boolean enabled,
    LocalTime time,
    Set<DayOfWeek> days,
    Integer interval,
    LocalTime windowStart,
    LocalTime windowEnd,
    boolean once,
    Long untilMillis) {
  public Reminder {
    days = Set.copyOf(days);
  }
}
