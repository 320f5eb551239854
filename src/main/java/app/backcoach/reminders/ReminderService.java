package app.backcoach.reminders;

import app.backcoach.coaching.Plan;
import app.backcoach.content.ContentBundle;
import app.backcoach.content.Msg;
import app.backcoach.conversation.Reply;
import app.backcoach.delivery.Delivery;
import app.backcoach.storage.Database;
import app.backcoach.storage.Json;
import app.backcoach.storage.Outbox;
import app.backcoach.storage.Tx;
import app.backcoach.storage.UserRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Claims due reminders from the indexed table in batches and queues them, advancing each one's next
 * time in the same transaction. Late reminders within the grace window still go out; older ones
 * (the bot was down) are folded into one catch-up message per user. Quiet hours, pauses, blocked
 * users and paused exercise advice are respected here.
 */
public final class ReminderService {
  private static final Logger log = LoggerFactory.getLogger(ReminderService.class);
  static final int BATCH = 2_000;
  private static final String DUE =
      "SELECT "
          + ReminderStore.COLUMNS
          + ", r.next_due_at, r.rotation, u.time_zone, u.quiet_start, u.quiet_end, u.quiet_mode, u.paused_until,"
          + " u.active, u.red_flags, p.body FROM reminders r JOIN users u ON u.chat_id = r.chat_id"
          + " LEFT JOIN plans p ON p.chat_id = r.chat_id"
          + " WHERE r.enabled = 1 AND r.next_due_at <= ? ORDER BY r.next_due_at LIMIT ?";

  private final Database db;
  private final Clock clock;
  private final Duration grace;
  private final Runnable onQueued;
  private final ReminderText text;
  private final ContentBundle content;
  private final Outbox outbox = new Outbox();
  private final java.util.concurrent.atomic.AtomicLong sentTotal =
      new java.util.concurrent.atomic.AtomicLong();
  private final java.util.concurrent.atomic.AtomicLong lateTotal =
      new java.util.concurrent.atomic.AtomicLong();
  private final java.util.concurrent.atomic.AtomicLong missedTotal =
      new java.util.concurrent.atomic.AtomicLong();

  /** What one run did, for logs, metrics and tests. */
  public record Run(int sent, int late, int missed, int catchUps, int skipped) {
    Run plus(Run o) {
      return new Run(
          sent + o.sent,
          late + o.late,
          missed + o.missed,
          catchUps + o.catchUps,
          skipped + o.skipped);
    }
  }

  public ReminderService(
      Database db, ContentBundle content, Clock clock, Duration grace, Runnable onQueued) {
    this.db = db;
    this.content = content;
    this.clock = clock;
    this.grace = grace;
    this.onQueued = onQueued;
    this.text = new ReminderText(content);
  }

  /**
   * Counters since start: reminders sent, sent late (within grace), and missed (folded into
   * catch-ups).
   */
  public java.util.List<java.util.concurrent.atomic.AtomicLong> counters() {
    return java.util.List.of(sentTotal, lateTotal, missedTotal);
  }

  /** Queues everything due now; safe to call at any time and from one thread at a time. */
  public synchronized Run runDue() {
    Run total = new Run(0, 0, 0, 0, 0);
    while (true) {
      Instant now = clock.instant();
      BatchResult batch = db.write(tx -> batch(tx, now));
      total = total.plus(batch.run);
      if (batch.run.sent > 0 || batch.run.catchUps > 0) {
        onQueued.run();
      }
      if (batch.claimed < BATCH) {
        break;
      }
    }
    sentTotal.addAndGet(total.sent);
    lateTotal.addAndGet(total.late);
    missedTotal.addAndGet(total.missed);
    if (total.sent + total.missed + total.skipped > 0) {
      log.info(
          "reminders: sent {} ({} late), missed {} in {} catch-ups, skipped {}",
          total.sent,
          total.late,
          total.missed,
          total.catchUps,
          total.skipped);
    }
    return total;
  }

  private record BatchResult(int claimed, Run run) {}

  private record Due(
      Reminder reminder,
      long dueAt,
      int rotation,
      ZoneId zone,
      LocalTime quietStart,
      LocalTime quietEnd,
      boolean silentInQuiet,
      Long pausedUntil,
      boolean active,
      boolean advicePaused,
      Plan plan) {}

  private BatchResult batch(Tx tx, Instant now) {
    List<Due> due = tx.query(DUE, ReminderService::due, now.toEpochMilli(), BATCH);
    int sent = 0;
    int late = 0;
    int missed = 0;
    int skipped = 0;
    Map<Long, List<Kind>> missedByChat = new LinkedHashMap<>();
    for (Due d : due) {
      Reminder r = d.reminder;
      long lateBy = now.toEpochMilli() - d.dueAt;
      Instant dueAt = Instant.ofEpochMilli(d.dueAt);
      boolean blocked =
          !d.active
              || (d.pausedUntil != null && d.pausedUntil > now.toEpochMilli())
              || (d.advicePaused && r.kind() != Kind.CHECKIN);
      if (blocked) {
        skipped++;
      } else if (lateBy > grace.toMillis()) {
        missed++;
        log(tx, d, "missed", null);
        missedByChat.computeIfAbsent(r.chatId(), c -> new ArrayList<>()).add(r.kind());
      } else {
        LocalTime local = dueAt.atZone(d.zone).toLocalTime();
        boolean quiet = Schedule.within(local, d.quietStart, d.quietEnd);
        if (quiet && !d.silentInQuiet) {
          // Move this one to the end of quiet hours; it fires then.
          Instant end = Schedule.at(dueAt.atZone(d.zone).toLocalDate(), d.quietEnd, d.zone);
          if (!end.isAfter(dueAt)) {
            end = Schedule.at(dueAt.atZone(d.zone).toLocalDate().plusDays(1), d.quietEnd, d.zone);
          }
          tx.update(
              "UPDATE reminders SET next_due_at = ? WHERE id = ?", end.toEpochMilli(), r.id());
          continue;
        }
        long logId = log(tx, d, "sent", text.item(r.kind(), d.rotation));
        Reply reply = text.reminder(r.kind(), logId, d.rotation, d.plan);
        outbox.enqueue(
            tx,
            r.chatId(),
            List.of(quiet ? Delivery.sendSilently(reply) : Delivery.send(reply)),
            Outbox.SCHEDULED,
            now);
        sent++;
        if (lateBy > 60_000) {
          late++;
        }
      }
      advance(tx, d, now);
    }
    int catchUps = 0;
    for (var e : missedByChat.entrySet()) {
      String what =
          e.getValue().stream()
              .collect(Collectors.groupingBy(k -> k, LinkedHashMap::new, Collectors.counting()))
              .entrySet()
              .stream()
              .map(k -> k.getValue() + " × " + text.kindName(k.getKey()))
              .collect(Collectors.joining(", "));
      Reply reply =
          Reply.text(
              content.text(Msg.CATCH_UP, "missed", what, "item", text.item(Kind.POSTURE, 0)));
      outbox.enqueue(tx, e.getKey(), List.of(Delivery.send(reply)), Outbox.SCHEDULED, now);
      catchUps++;
    }
    return new BatchResult(due.size(), new Run(sent, late, missed, catchUps, skipped));
  }

  /**
   * The next time after now (never a backlog), or removal for a fired snooze or a finished desk
   * session.
   */
  private void advance(Tx tx, Due d, Instant now) {
    Reminder r = d.reminder;
    Instant from = now.isAfter(Instant.ofEpochMilli(d.dueAt)) ? now : Instant.ofEpochMilli(d.dueAt);
    Instant next = r.once() ? null : Schedule.next(r, d.zone, from);
    if (next == null) {
      tx.update("DELETE FROM reminders WHERE id = ?", r.id());
    } else {
      tx.update(
          "UPDATE reminders SET next_due_at = ?, rotation = rotation + 1 WHERE id = ?",
          next.toEpochMilli(),
          r.id());
    }
  }

  private long log(Tx tx, Due d, String outcome, String item) {
    String date = Instant.ofEpochMilli(d.dueAt).atZone(d.zone).toLocalDate().toString();
    return tx.insert(
        "INSERT INTO reminder_log (chat_id, reminder_id, kind, due_at, local_date, item, outcome) VALUES (?, ?, ?, ?, ?, ?, ?)",
        d.reminder.chatId(),
        d.reminder.id(),
        d.reminder.kind().name(),
        d.dueAt,
        date,
        item,
        outcome);
  }

  private static Due due(java.sql.ResultSet rs) throws java.sql.SQLException {
    Reminder r = ReminderStore.row(rs);
    ZoneId zone = UserRepository.zoneOf(rs.getString(14));
    String flags = rs.getString(20);
    String plan = rs.getString(21);
    return new Due(
        r,
        rs.getLong(12),
        rs.getInt(13),
        zone,
        LocalTime.parse(rs.getString(15)),
        LocalTime.parse(rs.getString(16)),
        "SILENT".equals(rs.getString(17)),
        rs.getObject(18) == null ? null : rs.getLong(18),
        rs.getInt(19) == 1,
        flags != null && !flags.equals("[]"),
        plan == null ? null : Json.read(plan, Plan.class));
  }
}
