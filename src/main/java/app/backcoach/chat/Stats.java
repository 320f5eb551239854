package app.backcoach.chat;

import app.backcoach.content.ContentBundle;
import app.backcoach.content.Msg;
import app.backcoach.storage.Quarantine;
import app.backcoach.storage.Tx;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The admins' /stats: users, activity, today's reminders, this week's check-ins and the average
 * pain trend (UTC days), and what waits in the quarantine.
 */
final class Stats {
  private Stats() {}

  static String text(Tx tx, ContentBundle content, Instant now) {
    int users = tx.count("SELECT COUNT(*) FROM users");
    int active =
        tx.count(
            "SELECT COUNT(*) FROM conversations WHERE last_activity >= ?",
            now.minus(Duration.ofDays(7)).toString());
    long dayStart =
        LocalDate.ofInstant(now, ZoneOffset.UTC)
            .atStartOfDay(ZoneOffset.UTC)
            .toInstant()
            .toEpochMilli();
    int sent =
        tx.count(
            "SELECT COUNT(*) FROM reminder_log WHERE due_at >= ? AND outcome <> 'missed'",
            dayStart);
    int done =
        tx.count(
            "SELECT COUNT(*) FROM reminder_log WHERE due_at >= ? AND outcome = 'done'", dayStart);
    LocalDate monday = LocalDate.ofInstant(now, ZoneOffset.UTC).with(java.time.DayOfWeek.MONDAY);
    int checkins = tx.count("SELECT COUNT(*) FROM checkins WHERE week_of >= ?", monday.toString());
    return content.text(
        Msg.STATS,
        "users",
        users,
        "active",
        active,
        "sent",
        sent,
        "done",
        done,
        "checkins",
        checkins,
        "pain_now",
        averagePain(tx, monday, monday.plusWeeks(1)),
        "pain_before",
        averagePain(tx, monday.minusWeeks(1), monday),
        "quarantined",
        new Quarantine().openCount(tx),
        "quarantined_today",
        new Quarantine().countSince(tx, Instant.ofEpochMilli(dayStart)));
  }

  private static String averagePain(Tx tx, LocalDate from, LocalDate to) {
    return tx.one(
            "SELECT AVG(pain) AS average, COUNT(*) AS total FROM checkins"
                + " WHERE week_of >= ? AND week_of < ?",
            rs ->
                rs.getInt("total") == 0
                    ? "-"
                    : String.format(java.util.Locale.ROOT, "%.1f", rs.getDouble("average")),
            from.toString(),
            to.toString())
        .orElse("-");
  }
}
