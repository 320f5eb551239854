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
 * as they train, and the weekly check-in.
 */
public final class ReminderPlanner {
  static final LocalTime WORK_START = LocalTime.of(9, 0);
  static final LocalTime WORK_END = LocalTime.of(17, 0);

  private ReminderPlanner() {}

  public static List<Reminder> propose(Profile p, long chatId) {
    List<Reminder> out = new ArrayList<>();
    if (p.has("desk") || p.has("sit_high") || p.has("sit_mid")) {
      out.add(
          new Reminder(
              0,
              chatId,
              Kind.POSTURE,
              true,
              null,
              Schedule.WORK_DAYS,
              postureInterval(p),
              WORK_START,
              WORK_END,
              false,
              null));
    }
    LocalTime mobility = p.has("morning_stiffness") ? LocalTime.of(7, 30) : LocalTime.of(12, 30);
    out.add(daily(chatId, Kind.MOBILITY, mobility, Schedule.EVERY_DAY));
    out.add(daily(chatId, Kind.WORKOUT, LocalTime.of(18, 0), workoutDays(p)));
    out.add(daily(chatId, Kind.CHECKIN, LocalTime.of(19, 0), EnumSet.of(DayOfWeek.SUNDAY)));
    return out;
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
