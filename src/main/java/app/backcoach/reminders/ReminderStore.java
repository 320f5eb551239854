package app.backcoach.reminders;

import app.backcoach.storage.Json;
import app.backcoach.storage.Tx;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Reads and writes reminder rows; {@code next_due_at} is recomputed whenever a reminder's settings
 * change.
 */
public final class ReminderStore {
  static final String COLUMNS =
      "r.id, r.chat_id, r.kind, r.enabled, r.time_of_day, r.days, r.interval_minutes, r.window_start,"
          + " r.window_end, r.once, r.until_at";

  public List<Reminder> forChat(Tx tx, long chatId) {
    return tx.query(
        "SELECT " + COLUMNS + " FROM reminders r WHERE r.chat_id = ? ORDER BY r.id",
        ReminderStore::row,
        chatId);
  }

  /**
   * Makes the stored reminders equal to {@code wanted}: new ones inserted, changed ones
   * rescheduled, others removed.
   */
  public void replace(Tx tx, long chatId, List<Reminder> wanted, ZoneId zone, Instant now) {
    List<Reminder> stored = forChat(tx, chatId);
    for (Reminder s : stored) {
      // Snoozes are made by reminder taps, never by the conversation, so they are left alone here.
      if (!s.once() && wanted.stream().noneMatch(w -> w.id() == s.id())) {
        tx.update("DELETE FROM reminders WHERE id = ?", s.id());
      }
    }
    for (Reminder w : wanted) {
      Reminder s = stored.stream().filter(x -> x.id() == w.id()).findFirst().orElse(null);
      if (s != null && s.equals(w)) {
        continue;
      }
      Instant next = w.enabled() ? Schedule.next(w, zone, now) : null;
      Long due = next == null ? null : next.toEpochMilli();
      if (s == null) {
        tx.update(
            "INSERT INTO reminders (chat_id, kind, enabled, time_of_day, days, interval_minutes, window_start,"
                + " window_end, once, until_at, next_due_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            chatId,
            w.kind().name(),
            w.enabled() ? 1 : 0,
            text(w.time()),
            days(w.days()),
            w.interval(),
            text(w.windowStart()),
            text(w.windowEnd()),
            w.once() ? 1 : 0,
            w.untilMillis(),
            due);
      } else {
        tx.update(
            "UPDATE reminders SET enabled = ?, time_of_day = ?, days = ?, interval_minutes = ?, window_start = ?,"
                + " window_end = ?, until_at = ?, next_due_at = ? WHERE id = ?",
            w.enabled() ? 1 : 0,
            text(w.time()),
            days(w.days()),
            w.interval(),
            text(w.windowStart()),
            text(w.windowEnd()),
            w.untilMillis(),
            due,
            w.id());
      }
    }
  }

  /** Recomputes every enabled reminder of a chat, after its time zone changed. */
  public void reschedule(Tx tx, long chatId, ZoneId zone, Instant now) {
    for (Reminder r : forChat(tx, chatId)) {
      Instant next = r.enabled() ? Schedule.next(r, zone, now) : null;
      tx.update(
          "UPDATE reminders SET next_due_at = ? WHERE id = ?",
          next == null ? null : next.toEpochMilli(),
          r.id());
    }
  }

  /** Makes a quarantined reminder due now (it was set aside with no next time). */
  public String replay(Tx tx, long reminderId, Instant now) {
    int n =
        tx.update(
            "UPDATE reminders SET next_due_at = ? WHERE id = ?", now.toEpochMilli(), reminderId);
    return n == 0
        ? "reminder " + reminderId + " no longer exists; nothing to do"
        : "reminder " + reminderId + " is due now";
  }

  static Reminder row(ResultSet rs) throws SQLException {
    return new Reminder(
        rs.getLong("id"),
        rs.getLong("chat_id"),
        Kind.valueOf(rs.getString("kind")),
        rs.getInt("enabled") == 1,
        time(rs.getString("time_of_day")),
        days(rs.getString("days")),
        rs.getObject("interval_minutes") == null ? null : rs.getInt("interval_minutes"),
        time(rs.getString("window_start")),
        time(rs.getString("window_end")),
        rs.getInt("once") == 1,
        rs.getObject("until_at") == null ? null : rs.getLong("until_at"));
  }

  static String days(Set<DayOfWeek> days) {
    return Json.write(days.stream().map(DayOfWeek::getValue).sorted().toList());
  }

  /**
   * Reads "[1,3,5]" (ISO day numbers); parsed by hand because the claim reads it once per due
   * reminder.
   */
  static Set<DayOfWeek> days(String json) {
    Set<DayOfWeek> out = EnumSet.noneOf(DayOfWeek.class);
    for (int i = 0; i < json.length(); i++) {
      char c = json.charAt(i);
      if (c >= '1' && c <= '7') {
        out.add(DayOfWeek.of(c - '0'));
      }
    }
    return out;
  }

  private static String text(LocalTime t) {
    return t == null ? null : t.toString();
  }

  private static LocalTime time(String s) {
    return s == null ? null : Schedule.time(s);
  }
}
