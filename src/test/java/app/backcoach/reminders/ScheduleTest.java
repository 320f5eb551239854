package app.backcoach.reminders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ScheduleTest {
  static Reminder daily(String time) {
    return new Reminder(
        1,
        1,
        Kind.MOBILITY,
        true,
        LocalTime.parse(time),
        Schedule.EVERY_DAY,
        null,
        null,
        null,
        false,
        null);
  }

  static Reminder posture(int every, String from, String to) {
    return new Reminder(
        1,
        1,
        Kind.POSTURE,
        true,
        null,
        Schedule.WORK_DAYS,
        every,
        LocalTime.parse(from),
        LocalTime.parse(to),
        false,
        null);
  }

  /** Every firing between two local dates, as local date-times in the zone. */
  static List<LocalDateTime> firings(Reminder r, ZoneId zone, String fromDate, String toDate) {
    Instant at = LocalDate.parse(fromDate).atStartOfDay(zone).toInstant();
    Instant end = LocalDate.parse(toDate).atStartOfDay(zone).toInstant();
    List<LocalDateTime> out = new ArrayList<>();
    while ((at = Schedule.next(r, zone, at)) != null && at.isBefore(end)) {
      out.add(LocalDateTime.ofInstant(at, zone));
    }
    return out;
  }

  @Test
  void dailyTimeFiresOnceAtLocalTimeOnBothBerlinChangeDays() {
    ZoneId berlin = ZoneId.of("Europe/Berlin");
    assertEquals(
        List.of(
            LocalDateTime.parse("2026-03-28T07:30"),
            LocalDateTime.parse("2026-03-29T07:30"),
            LocalDateTime.parse("2026-03-30T07:30")),
        firings(daily("07:30"), berlin, "2026-03-28", "2026-03-31"));
    assertEquals(
        List.of(
            LocalDateTime.parse("2026-10-24T07:30"),
            LocalDateTime.parse("2026-10-25T07:30"),
            LocalDateTime.parse("2026-10-26T07:30")),
        firings(daily("07:30"), berlin, "2026-10-24", "2026-10-27"));
  }

  @Test
  void dailyTimeFiresOnceOnBothNewYorkChangeDays() {
    ZoneId ny = ZoneId.of("America/New_York");
    assertEquals(3, firings(daily("07:30"), ny, "2026-03-07", "2026-03-10").size());
    assertEquals(
        List.of(
            LocalDateTime.parse("2026-10-31T07:30"),
            LocalDateTime.parse("2026-11-01T07:30"),
            LocalDateTime.parse("2026-11-02T07:30")),
        firings(daily("07:30"), ny, "2026-10-31", "2026-11-03"));
  }

  @Test
  void timeInTheSpringGapFiresAtTheNextValidMinute() {
    ZoneId berlin = ZoneId.of("Europe/Berlin");
    List<LocalDateTime> f = firings(daily("02:30"), berlin, "2026-03-29", "2026-03-30");
    assertEquals(List.of(LocalDateTime.parse("2026-03-29T03:00")), f);
    ZoneId ny = ZoneId.of("America/New_York");
    assertEquals(
        List.of(LocalDateTime.parse("2026-03-08T03:00")),
        firings(daily("02:15"), ny, "2026-03-08", "2026-03-09"));
  }

  @Test
  void timeThatHappensTwiceInAutumnFiresOnce() {
    ZoneId ny = ZoneId.of("America/New_York");
    List<LocalDateTime> f = firings(daily("01:30"), ny, "2026-11-01", "2026-11-02");
    assertEquals(1, f.size());
    Instant first =
        Schedule.next(
            daily("01:30"), ny, LocalDate.parse("2026-11-01").atStartOfDay(ny).toInstant());
    assertEquals(
        Instant.parse("2026-11-01T05:30:00Z"), first, "the first 01:30, still on daylight time");
  }

  @Test
  void oddOffsetZonesKeepLocalTime() {
    ZoneId kolkata = ZoneId.of("Asia/Kolkata");
    Instant next = Schedule.next(daily("07:30"), kolkata, Instant.parse("2026-06-01T00:00:00Z"));
    assertEquals(Instant.parse("2026-06-01T02:00:00Z"), next);
    ZoneId lordHowe =
        ZoneId.of("Australia/Lord_Howe"); // half-hour DST: 02:00 jumps to 02:30 on 4 Oct 2026
    assertEquals(
        List.of(LocalDateTime.parse("2026-10-04T02:30")),
        firings(daily("02:15"), lordHowe, "2026-10-04", "2026-10-05"));
    assertEquals(3, firings(daily("07:30"), lordHowe, "2026-10-03", "2026-10-06").size());
    assertEquals(3, firings(daily("07:30"), lordHowe, "2026-04-04", "2026-04-07").size());
  }

  @Test
  void postureBreaksFollowTheIntervalInsideWorkHoursOnWorkDays() {
    ZoneId berlin = ZoneId.of("Europe/Berlin");
    List<LocalDateTime> monday =
        firings(posture(30, "09:00", "11:00"), berlin, "2026-03-02", "2026-03-03");
    assertEquals(
        List.of("09:30", "10:00", "10:30", "11:00"),
        monday.stream().map(t -> t.toLocalTime().toString()).toList());
    assertEquals(
        List.of(),
        firings(posture(30, "09:00", "11:00"), berlin, "2026-03-07", "2026-03-09"),
        "weekend");
  }

  @Test
  void postureBreaksAcrossTheSpringChangeStayOnLocalTime() {
    ZoneId berlin = ZoneId.of("Europe/Berlin");
    Reminder r =
        new Reminder(
            1,
            1,
            Kind.POSTURE,
            true,
            null,
            Schedule.EVERY_DAY,
            60,
            LocalTime.parse("08:00"),
            LocalTime.parse("10:00"),
            false,
            null);
    assertEquals(
        List.of(LocalDateTime.parse("2026-03-29T09:00"), LocalDateTime.parse("2026-03-29T10:00")),
        firings(r, berlin, "2026-03-29", "2026-03-30"));
  }

  @Test
  void workoutOnlyOnChosenDays() {
    Reminder r =
        new Reminder(
            1,
            1,
            Kind.WORKOUT,
            true,
            LocalTime.parse("18:00"),
            Set.of(DayOfWeek.MONDAY, DayOfWeek.THURSDAY),
            null,
            null,
            null,
            false,
            null);
    List<LocalDateTime> f = firings(r, ZoneId.of("UTC"), "2026-03-02", "2026-03-09");
    assertEquals(
        List.of(LocalDateTime.parse("2026-03-02T18:00"), LocalDateTime.parse("2026-03-05T18:00")),
        f);
  }

  @Test
  void deskSessionStopsAtItsEnd() {
    ZoneId utc = ZoneId.of("UTC");
    Instant until = Instant.parse("2026-03-02T11:10:00Z");
    Reminder r =
        new Reminder(
            1,
            1,
            Kind.POSTURE,
            true,
            null,
            Schedule.EVERY_DAY,
            30,
            LocalTime.parse("10:00"),
            LocalTime.parse("18:00"),
            false,
            until.toEpochMilli());
    assertEquals(2, firings(r, utc, "2026-03-02", "2026-03-03").size());
    assertNull(Schedule.next(r, utc, until));
  }

  @Test
  void quietWindowsMayWrapPastMidnight() {
    LocalTime start = LocalTime.parse("22:00");
    LocalTime end = LocalTime.parse("07:00");
    assertTrue(Schedule.within(LocalTime.parse("23:30"), start, end));
    assertTrue(Schedule.within(LocalTime.parse("06:59"), start, end));
    assertFalse(Schedule.within(LocalTime.parse("07:00"), start, end));
    assertFalse(Schedule.within(LocalTime.parse("12:00"), start, end));
    assertTrue(
        Schedule.within(
            LocalTime.parse("13:00"), LocalTime.parse("12:00"), LocalTime.parse("14:00")));
  }
}
