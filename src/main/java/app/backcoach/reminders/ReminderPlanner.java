package app.backcoach.reminders;

import app.backcoach.coaching.Profile;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The reminders proposed at the end of onboarding, matched to the answers: posture breaks for
 * people who sit (more often the longer they sit), a daily mobility slot, workouts on as many days
 * as they train, and the weekly check-in. Proposed times are spread per user ({@link #spread}), so
 * a large audience in one time zone does not fall due in the same minute; a time the user types
 * later is kept exactly.
 */
public final class ReminderPlanner {
  static final LocalTime WORK_START = LocalTime.of(9, 0);
  static final LocalTime WORK_END = LocalTime.of(17, 0);

  private ReminderPlanner() {}

  public static List<Reminder> propose(Profile p, long chatId) {
    List<Reminder> out = new ArrayList<>();
    if (p.has("desk") || p.has("sit_high") || p.has("sit_mid")) {
      int interval = postureInterval(p);
      out.add(
          new Reminder(
              0,
              chatId,
              Kind.POSTURE,
              true,
              null,
              Schedule.WORK_DAYS,
              interval,
              // Breaks phased per user: the first one 0 to interval-1 minutes after 09:00.
              WORK_START.plusMinutes(spread(chatId, Kind.POSTURE, 0, interval - 1)),
              WORK_END,
              false,
              null));
    }
    LocalTime mobility = p.has("morning_stiffness") ? LocalTime.of(7, 30) : LocalTime.of(12, 30);
    out.add(
        daily(chatId, Kind.MOBILITY, around(chatId, Kind.MOBILITY, mobility), Schedule.EVERY_DAY));
    out.add(
        daily(
            chatId,
            Kind.WORKOUT,
            around(chatId, Kind.WORKOUT, LocalTime.of(18, 0)),
            workoutDays(p)));
    // Check-ins over the evening: 18:00 to 20:59.
    out.add(
        daily(
            chatId,
            Kind.CHECKIN,
            CHECKIN_FROM.plusMinutes(spread(chatId, Kind.CHECKIN, 0, 179)),
            EnumSet.of(DayOfWeek.SUNDAY)));
    return out;
  }

  /** How far a proposed daily time may move from its base, either way: 15 minutes. */
  public static final int WINDOW_MINUTES = 15;

  /** The evening check-ins spread over: 18:00 to 20:59. */
  static final LocalTime CHECKIN_FROM = LocalTime.of(18, 0);

  /** {@code base} moved by this user's offset for this kind, within {@link #WINDOW_MINUTES}. */
  static LocalTime around(long chatId, Kind kind, LocalTime base) {
    return base.plusMinutes(spread(chatId, kind, -WINDOW_MINUTES, WINDOW_MINUTES));
  }

  /**
   * A whole number from {@code min} to {@code max} that depends only on the user and the kind: the
   * same every time the bot proposes, different between users (a 64-bit mix of the two, so
   * neighbouring chat ids land far apart).
   */
  static int spread(long chatId, Kind kind, int min, int max) {
    long x = chatId * 0x9E3779B97F4A7C15L + kind.ordinal() * 0xC2B2AE3D27D4EB4FL;
    x = (x ^ (x >>> 30)) * 0xBF58476D1CE4E5B9L;
    x = (x ^ (x >>> 27)) * 0x94D049BB133111EBL;
    x ^= x >>> 31;
    return min + (int) Math.floorMod(x, (long) (max - min + 1));
  }

  /** 8+ hours sitting: every 30 minutes; 5-8: every 45; less: every 60. */
  public static int postureInterval(Profile p) {
    if (p.has("sit_high")) {
      return 30;
    }
    return p.has("sit_mid") ? 45 : 60;
  }

  static Set<DayOfWeek> workoutDays(Profile p) {
    if (p.has("train_high")) {
      return EnumSet.of(
          DayOfWeek.MONDAY,
          DayOfWeek.TUESDAY,
          DayOfWeek.THURSDAY,
          DayOfWeek.FRIDAY,
          DayOfWeek.SATURDAY);
    }
    if (p.has("train_mid")) {
      return EnumSet.of(DayOfWeek.MONDAY, DayOfWeek.WEDNESDAY, DayOfWeek.FRIDAY);
    }
    return EnumSet.of(DayOfWeek.TUESDAY, DayOfWeek.SATURDAY);
  }

  public static Reminder daily(long chatId, Kind kind, LocalTime time, Set<DayOfWeek> days) {
    return new Reminder(0, chatId, kind, true, time, days, null, null, null, false, null);
  }
}
