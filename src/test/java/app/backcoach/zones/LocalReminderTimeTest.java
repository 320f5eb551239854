package app.backcoach.zones;

import static org.junit.jupiter.api.Assertions.assertEquals;

import app.backcoach.reminders.Kind;
import app.backcoach.reminders.Reminder;
import app.backcoach.reminders.Schedule;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A reminder set for 12:30 by someone who shared their location arrives at 12:30 on their clock on
 * both sides of a daylight-saving change (and at the same UTC instant where there is none).
 */
class LocalReminderTimeTest {
  private static final Reminder DAILY_1230 =
      new Reminder(
          1,
          1,
          Kind.MOBILITY,
          true,
          LocalTime.of(12, 30),
          EnumSet.allOf(DayOfWeek.class),
          null,
          null,
          null,
          false,
          null);

  @ParameterizedTest
  @CsvSource({
    // place, lat, lon, a day before a change, a day after it, how far UTC moves (minutes)
    "Madrid, 40.4168, -3.7038, 2027-03-27T00:00:00Z, 2027-03-29T00:00:00Z, -60",
    "New York, 40.7128, -74.0060, 2027-03-13T00:00:00Z, 2027-03-15T00:00:00Z, -60",
    "Sydney, -33.8688, 151.2093, 2027-04-03T00:00:00Z, 2027-04-05T00:00:00Z, 60",
    "Lord Howe Island, -31.5553, 159.0821, 2027-04-03T00:00:00Z, 2027-04-05T00:00:00Z, 30",
    "Mumbai, 19.0760, 72.8777, 2027-03-27T00:00:00Z, 2027-03-29T00:00:00Z, 0"
  })
  void dailyReminderKeepsItsLocalTimeAcrossDaylightSaving(
      String place, double lat, double lon, Instant before, Instant after, long shift) {
    ZoneId zone = new MapZoneFinder().find(lat, lon).zone();
    Instant first = Schedule.next(DAILY_1230, zone, before);
    Instant second = Schedule.next(DAILY_1230, zone, after);
    assertEquals(LocalTime.of(12, 30), first.atZone(zone).toLocalTime(), place);
    assertEquals(LocalTime.of(12, 30), second.atZone(zone).toLocalTime(), place);
    long days =
        java.time.temporal.ChronoUnit.DAYS.between(
            first.atZone(zone).toLocalDate(), second.atZone(zone).toLocalDate());
    Instant sameUtcTime = first.plus(Duration.ofDays(days));
    assertEquals(shift, Duration.between(sameUtcTime, second).toMinutes(), place);
  }
}
