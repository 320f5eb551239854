package app.backcoach.reminders;

import app.backcoach.content.Msg;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The kinds of reminder, each with what the rest of the code needs to know about it: its message,
 * its names, the routine whose moves it rotates through (null when none), the words a user types
 * for it in settings ("mobility 7:30"), and its time and days when turned on without a proposal. A
 * new kind that rotates through a routine's moves needs a line here, three {@link Msg} keys and
 * their texts in the bundle (docs/ARCHITECTURE.md).
 */
public enum Kind {
  /** Short breaks from sitting, every few minutes during work hours on work days. */
  POSTURE(
      Msg.REMINDER_POSTURE,
      Msg.NAME_POSTURE,
      Msg.KIND_POSTURE,
      "desk_breaks",
      List.of("posture", "breaks", "break"),
      LocalTime.of(9, 0),
      Schedule.WORK_DAYS),
  /** A daily mobility routine at a chosen time: all its moves, from the user's plan. */
  MOBILITY(
      Msg.REMINDER_MOBILITY,
      Msg.NAME_MOBILITY,
      Msg.KIND_MOBILITY,
      "morning_mobility",
      List.of("mobility", "stretch", "stretching"),
      LocalTime.of(12, 30),
      Schedule.EVERY_DAY),
  /** A workout on chosen days at a chosen time. */
  WORKOUT(
      Msg.REMINDER_WORKOUT,
      Msg.NAME_WORKOUT,
      Msg.KIND_WORKOUT,
      null,
      List.of("workout", "workouts", "training", "gym"),
      LocalTime.of(18, 0),
      EnumSet.of(DayOfWeek.TUESDAY, DayOfWeek.SATURDAY)),
  /** The weekly check-in. */
  CHECKIN(
      Msg.REMINDER_CHECKIN,
      Msg.NAME_CHECKIN,
      Msg.KIND_CHECKIN,
      null,
      List.of("checkin", "check"),
      LocalTime.of(19, 0),
      EnumSet.of(DayOfWeek.SUNDAY));

  /** The reminder's message (with {@code {item}} for a kind that rotates through a routine). */
  public final Msg message;

  /** Its name in settings ("Mobility routine"). */
  public final Msg shownName;

  /** Its name with a count in a catch-up ("2 mobility sessions"). */
  public final Msg countedName;

  /**
   * The routine it draws on, or null: a posture break sends one of its moves at a time; the daily
   * mobility sends all of them, as the user's plan has them.
   */
  public final String routine;

  /** The words that name it in typed settings. */
  public final List<String> typed;

  /** Its time when turned on without a proposal. */
  public final LocalTime defaultTime;

  /** Its days when turned on without a proposal. */
  public final Set<DayOfWeek> defaultDays;

  Kind(
      Msg message,
      Msg name,
      Msg countedName,
      String routine,
      List<String> typed,
      LocalTime defaultTime,
      Set<DayOfWeek> defaultDays) {
    this.message = message;
    this.shownName = name;
    this.countedName = countedName;
    this.routine = routine;
    this.typed = typed;
    this.defaultTime = defaultTime;
    this.defaultDays = defaultDays;
  }

  /** The kind a typed word names, or null. */
  public static Kind typed(String word) {
    for (Kind k : values()) {
      if (k.typed.contains(word)) {
        return k;
      }
    }
    return null;
  }
}
