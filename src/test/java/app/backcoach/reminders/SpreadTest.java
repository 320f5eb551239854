package app.backcoach.reminders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.backcoach.coaching.Profile;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Proposed times are spread per user (issue 19): within their documented windows, the same for a
 * user every time, varied across users, and still the local time across daylight saving.
 */
class SpreadTest {
  private static final Profile DESK_LIFTER =
      new Profile(Set.of("desk", "sit_high", "train_mid", "gym"), Map.of(), Set.of());

  private static Reminder of(List<Reminder> rs, Kind kind) {
    return rs.stream().filter(r -> r.kind() == kind).findFirst().orElseThrow();
  }

  @Test
  void eachUserKeepsTheirOwnTimesAndUsersSpreadOverTheWindows() {
    Map<Kind, Set<LocalTime>> seen = new HashMap<>();
    for (long chat = 1; chat <= 2_000; chat++) {
      List<Reminder> first = ReminderPlanner.propose(DESK_LIFTER, chat);
      assertEquals(first, ReminderPlanner.propose(DESK_LIFTER, chat), "stable for chat " + chat);
      LocalTime mobility = of(first, Kind.MOBILITY).time();
      assertTrue(
          within(mobility, LocalTime.of(12, 15), LocalTime.of(12, 45)), "mobility " + mobility);
      LocalTime workout = of(first, Kind.WORKOUT).time();
      assertTrue(within(workout, LocalTime.of(17, 45), LocalTime.of(18, 15)), "workout " + workout);
      LocalTime checkin = of(first, Kind.CHECKIN).time();
      assertTrue(within(checkin, LocalTime.of(18, 0), LocalTime.of(20, 59)), "check-in " + checkin);
      Reminder posture = of(first, Kind.POSTURE);
      assertEquals(30, posture.interval());
      assertTrue(
          within(posture.windowStart(), LocalTime.of(9, 0), LocalTime.of(9, 29)),
          "posture phase " + posture.windowStart());
      seen.computeIfAbsent(Kind.MOBILITY, k -> new HashSet<>()).add(mobility);
      seen.computeIfAbsent(Kind.WORKOUT, k -> new HashSet<>()).add(workout);
      seen.computeIfAbsent(Kind.CHECKIN, k -> new HashSet<>()).add(checkin);
      seen.computeIfAbsent(Kind.POSTURE, k -> new HashSet<>()).add(posture.windowStart());
    }
    // Every minute of each window is used by someone (2,000 users over at most 180 minutes).
    assertEquals(31, seen.get(Kind.MOBILITY).size());
    assertEquals(31, seen.get(Kind.WORKOUT).size());
    assertEquals(180, seen.get(Kind.CHECKIN).size());
    assertEquals(30, seen.get(Kind.POSTURE).size());
  }

  @Test
  void aSpreadTimeIsTheUsersLocalTimeOnBothSidesOfADaylightSavingChange() {
    ZoneId berlin = ZoneId.of("Europe/Berlin");
    Reminder mobility = of(ReminderPlanner.propose(DESK_LIFTER, 4242), Kind.MOBILITY);
    Instant before = Schedule.next(mobility, berlin, Instant.parse("2027-03-27T00:00:00Z"));
    Instant after = Schedule.next(mobility, berlin, Instant.parse("2027-03-29T00:00:00Z"));
    assertEquals(mobility.time(), before.atZone(berlin).toLocalTime());
    assertEquals(mobility.time(), after.atZone(berlin).toLocalTime());
    assertEquals(DayOfWeek.SATURDAY, before.atZone(berlin).getDayOfWeek());
  }

  private static boolean within(LocalTime t, LocalTime from, LocalTime to) {
    return !t.isBefore(from) && !t.isAfter(to);
  }
}
