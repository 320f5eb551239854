package app.backcoach.conversation;

import app.backcoach.coaching.CheckinRecord;
import app.backcoach.reminders.Reminder;
import java.time.LocalTime;
import java.util.List;

/**
 * What the engine needs to keep a user at it: their reminders, quiet hours, pause, and check-in
 * history.
 *
 * @param quietSilent deliver during quiet hours without sound (true) or move to the end of quiet
 *     hours (false)
 * @param pausedUntil no reminders before this instant (epoch ms), or null
 * @param adherence share of reminders done in the last 7 days, or null when none were sent
 */
public record Coaching(
    List<Reminder> reminders,
    LocalTime quietStart,
    LocalTime quietEnd,
    boolean quietSilent,
    Long pausedUntil,
    List<CheckinRecord> checkins,
    Double adherence) {
  public static final LocalTime QUIET_START = LocalTime.of(22, 0);
  public static final LocalTime QUIET_END = LocalTime.of(7, 0);

  public Coaching {
    reminders = List.copyOf(reminders);
    checkins = List.copyOf(checkins);
  }

  public static Coaching defaults() {
    return new Coaching(List.of(), QUIET_START, QUIET_END, false, null, List.of(), null);
  }

  Coaching withReminders(List<Reminder> r) {
    return new Coaching(r, quietStart, quietEnd, quietSilent, pausedUntil, checkins, adherence);
  }

  Coaching withQuiet(LocalTime start, LocalTime end, boolean silent) {
    return new Coaching(reminders, start, end, silent, pausedUntil, checkins, adherence);
  }

  Coaching withPausedUntil(Long until) {
    return new Coaching(reminders, quietStart, quietEnd, quietSilent, until, checkins, adherence);
  }

  /** Adds a check-in; a second one in the same week replaces the first (one per week counts). */
  Coaching withCheckin(CheckinRecord c) {
    List<CheckinRecord> all = new java.util.ArrayList<>(checkins);
    if (!all.isEmpty() && all.get(all.size() - 1).weekOf().equals(c.weekOf())) {
      all.remove(all.size() - 1);
    }
    all.add(c);
    return new Coaching(reminders, quietStart, quietEnd, quietSilent, pausedUntil, all, adherence);
  }
}
