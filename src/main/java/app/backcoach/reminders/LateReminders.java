package app.backcoach.reminders;

import app.backcoach.content.ContentBundle;
import app.backcoach.delivery.LateMessages;
import app.backcoach.delivery.Outbox;
import app.backcoach.reply.Delivery;
import app.backcoach.storage.Tx;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * A reminder's message that could not be delivered in its grace window (Telegram was down) obeys
 * the rule for reminders claimed late: it is folded, with the chat's other late ones, into one
 * catch-up message; and quiet hours count at the time a message actually goes out, so a late one
 * (or the catch-up) that would arrive in them waits for their end.
 */
public final class LateReminders implements LateMessages {
  private final ReminderText text;

  public LateReminders(ContentBundle content) {
    this.text = new ReminderText(content);
  }

  private record User(ZoneId zone, LocalTime quietStart, LocalTime quietEnd, boolean silent) {}

  @Override
  public boolean settle(Tx tx, Outbox.Item item, long nowMillis) {
    User user =
        tx.one(
                "SELECT time_zone, quiet_start, quiet_end, quiet_mode FROM users WHERE chat_id = ?",
                rs ->
                    new User(
                        Schedule.zone(rs.getString("time_zone")),
                        Schedule.time(rs.getString("quiet_start")),
                        Schedule.time(rs.getString("quiet_end")),
                        "SILENT".equals(rs.getString("quiet_mode"))),
                item.chatId())
            .orElse(null);
    if (user == null) {
      return false;
    }
    Instant now = Instant.ofEpochMilli(nowMillis);
    Long quietEnd = quietEnd(user, now);
    if (nowMillis <= item.dueBy()) {
      if (quietEnd == null) {
        return false; // late, but within its grace window and outside quiet hours: send it
      }
      if (quietEnd <= item.dueBy()) {
        // Quiet hours end within its window: it waits for their end and goes out then.
        tx.update("UPDATE outbox SET next_attempt_at = ? WHERE id = ?", quietEnd, item.id());
        return true;
      }
      // Its window closes in quiet hours: it would be a catch-up by their end, so it becomes one
      // now, held to their end, with the chat's other reminders whose windows close by then.
      foldIntoCatchUp(tx, item.chatId(), now, quietEnd, quietEnd);
      return true;
    }
    foldIntoCatchUp(tx, item.chatId(), now, quietEnd, nowMillis);
    return true;
  }

  /**
   * Drops every reminder message of the chat whose window closes before {@code closedBy} (epoch ms)
   * and queues one catch-up in their place, held to {@code quietEnd} if that is not null.
   */
  private void foldIntoCatchUp(Tx tx, long chatId, Instant now, Long quietEnd, long closedBy) {
    record Late(long id, Long logId, String kind) {}
    List<Late> late =
        tx.query(
            "SELECT o.id, o.log_id, l.kind FROM outbox o LEFT JOIN reminder_log l ON l.id = o.log_id"
                + " WHERE o.chat_id = ? AND o.sent_at IS NULL AND o.dropped_at IS NULL"
                + " AND o.due_by IS NOT NULL AND o.due_by < ?",
            rs ->
                new Late(
                    rs.getLong("id"),
                    rs.getObject("log_id") == null ? null : rs.getLong("log_id"),
                    rs.getString("kind")),
            chatId,
            closedBy);
    List<Kind> kinds = new ArrayList<>();
    for (Late l : late) {
      tx.update(
          "UPDATE outbox SET dropped_at = ?, last_error = 'late: folded into a catch-up'"
              + " WHERE id = ?",
          now.toString(),
          l.id());
      if (l.logId() != null) {
        tx.update("UPDATE reminder_log SET outcome = 'missed' WHERE id = ?", l.logId());
      }
      kinds.add(kind(l.kind()));
    }
    tx.update(
        "INSERT INTO outbox (chat_id, created_at, priority, body, next_attempt_at)"
            + " VALUES (?, ?, ?, ?, ?)",
        chatId,
        now.toString(),
        Outbox.SCHEDULED,
        app.backcoach.storage.Json.write(Delivery.send(text.catchUp(kinds))),
        quietEnd);
  }

  private static Kind kind(String name) {
    try {
      return name == null ? Kind.POSTURE : Kind.valueOf(name);
    } catch (IllegalArgumentException e) {
      return Kind.POSTURE;
    }
  }

  /**
   * When the user's quiet hours end if {@code now} is within them (and they asked for messages to
   * wait, not to arrive silently); null otherwise.
   */
  private static Long quietEnd(User u, Instant now) {
    if (u.silent()
        || !Schedule.within(now.atZone(u.zone()).toLocalTime(), u.quietStart(), u.quietEnd())) {
      return null;
    }
    var date = now.atZone(u.zone()).toLocalDate();
    Instant end = Schedule.at(date, u.quietEnd(), u.zone());
    if (!end.isAfter(now)) {
      end = Schedule.at(date.plusDays(1), u.quietEnd(), u.zone());
    }
    return end.toEpochMilli();
  }
}
