package app.backcoach.reminders;

import app.backcoach.content.ContentBundle;
import app.backcoach.content.Msg;
import app.backcoach.reply.Ack;
import app.backcoach.reply.Callback;
import app.backcoach.reply.Reply;
import app.backcoach.storage.Tx;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

/**
 * What a tap on a reminder's buttons does: Done, Snooze 10/30/60 minutes, Skip today. Every outcome
 * is stored. A tap names only a log row, which must belong to the tapping chat; anything else gets
 * the stale-button notice.
 */
public final class ReminderTaps {
  private static final Set<Integer> MILESTONES =
      Set.of(3, 7, 14, 21, 30, 50, 75, 100, 150, 200, 365);
  private final ContentBundle content;

  /** The acknowledgement and any reply a tap produces. */
  public record Result(Ack ack, List<Reply> replies) {}

  public ReminderTaps(ContentBundle content) {
    this.content = content;
  }

  /** Carries out a tap on a sent reminder's button (its log row must be this chat's). */
  public Result tap(Tx tx, long chatId, long logId, Callback.ReminderAction action, Instant now) {
    record Row(long chat, long reminderId, String kind, String outcome, String zone) {}
    Row row =
        tx.one(
                "SELECT l.chat_id, l.reminder_id, l.kind, l.outcome, u.time_zone FROM reminder_log l"
                    + " JOIN users u ON u.chat_id = l.chat_id WHERE l.id = ?",
                rs ->
                    new Row(
                        rs.getLong("chat_id"),
                        rs.getLong("reminder_id"),
                        rs.getString("kind"),
                        rs.getString("outcome"),
                        rs.getString("time_zone")),
                logId)
            .orElse(null);
    if (row == null || row.chat != chatId) {
      return stale();
    }
    if (!row.outcome.equals("sent")) {
      return new Result(Ack.notice(content.text(Msg.REMINDER_ALREADY)), List.of());
    }
    ZoneId zone = Schedule.zone(row.zone);
    switch (action) {
      case DONE -> {
        LocalDate today = now.atZone(zone).toLocalDate();
        List<LocalDate> earlier = doneDates(tx, chatId, zone);
        outcome(tx, logId, "done", now);
        List<LocalDate> withToday = new java.util.ArrayList<>(earlier);
        withToday.add(today);
        int streak = Streaks.streak(withToday, today);
        // A milestone is celebrated once: with the day's first Done.
        List<Reply> replies =
            !earlier.contains(today) && MILESTONES.contains(streak)
                ? List.of(Reply.text(content.text(Msg.STREAK, "days", streak)))
                : List.of();
        return new Result(Ack.chosen(content.text(Msg.BTN_REMINDER_DONE)), replies);
      }
      case SNOOZE_10, SNOOZE_30, SNOOZE_60 -> {
        int minutes = action.minutes;
        outcome(tx, logId, "snoozed", now);
        tx.update(
            "INSERT INTO reminders (chat_id, kind, enabled, days, once, next_due_at) VALUES (?, ?, 1, '[1,2,3,4,5,6,7]', 1, ?)",
            chatId,
            row.kind,
            now.plusSeconds(minutes * 60L).toEpochMilli());
        String label = content.text(Msg.REMINDER_SNOOZED, "minutes", minutes);
        return new Result(Ack.chosen(label), List.of());
      }
      case SKIP_TODAY -> {
        outcome(tx, logId, "skipped", now);
        if (Kind.valueOf(row.kind) == Kind.POSTURE) {
          // No more posture breaks today: jump to tomorrow's first one.
          Instant tomorrow =
              now.atZone(zone).toLocalDate().plusDays(1).atStartOfDay(zone).toInstant();
          new ReminderStore()
              .forChat(tx, chatId).stream()
                  .filter(r -> r.id() == row.reminderId && r.enabled())
                  .findFirst()
                  .ifPresent(
                      r -> {
                        Instant next = Schedule.next(r, zone, tomorrow);
                        tx.update(
                            "UPDATE reminders SET next_due_at = ? WHERE id = ?",
                            next == null ? null : next.toEpochMilli(),
                            r.id());
                      });
        }
        return new Result(Ack.chosen(content.text(Msg.REMINDER_SKIPPED)), List.of());
      }
      default -> throw new IllegalStateException("unknown reminder action " + action);
    }
  }

  private Result stale() {
    return new Result(Ack.notice(content.text(Msg.STALE_BUTTON)), List.of());
  }

  private static void outcome(Tx tx, long logId, String outcome, Instant now) {
    tx.update(
        "UPDATE reminder_log SET outcome = ?, outcome_at = ? WHERE id = ?",
        outcome,
        now.toEpochMilli(),
        logId);
  }

  /** Local dates on which the user tapped Done, from the tap times in their zone. */
  public static List<LocalDate> doneDates(Tx tx, long chatId, ZoneId zone) {
    return tx.query(
        "SELECT outcome_at FROM reminder_log WHERE chat_id = ? AND outcome = 'done' ORDER BY outcome_at DESC LIMIT 2000",
        rs -> Instant.ofEpochMilli(rs.getLong("outcome_at")).atZone(zone).toLocalDate(),
        chatId);
  }
}
