package app.backcoach.reminders;

import app.backcoach.coaching.PlanTexts;
import app.backcoach.content.ContentBundle;
import app.backcoach.delivery.Outbox;
import app.backcoach.reply.Delivery;
import app.backcoach.reply.Reply;
import app.backcoach.storage.Database;
import app.backcoach.storage.Tx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Claims due reminders from the indexed table in batches and queues them, advancing each one's next
 * time in the same transaction. A batch is one transaction of at most {@link #BATCH} reminders,
 * read with a LIMIT, so a claim holds one batch in memory however many are due (1,000,000 due
 * reminders were claimed within a 256 MB heap: docs/BENCHMARKS.md, section 11), and a failure or a
 * crash between batches leaves the earlier batches queued and the later ones due, never half of
 * one. Late reminders within the grace window still go out; older ones (the bot was down) are
 * folded into one catch-up message per user. Quiet hours, pauses, blocked users and paused exercise
 * advice are respected here.
 */
public final class ReminderService {
  private static final Logger log = LoggerFactory.getLogger(ReminderService.class);

  /** Reminders claimed per transaction, at most. */
  static final int BATCH = 2_000;

  private static final String DUE =
      "SELECT "
          + ReminderStore.COLUMNS
          + ", r.next_due_at, r.rotation, u.time_zone, u.quiet_start, u.quiet_end, u.quiet_mode, u.paused_until,"
          + " u.active, u.red_flags, p.text_id"
          + " FROM reminders r JOIN users u ON u.chat_id = r.chat_id"
          + " LEFT JOIN plan_sections p ON p.chat_id = r.chat_id AND r.kind IN ('WORKOUT', 'MOBILITY')"
          + " WHERE r.enabled = 1 AND r.next_due_at <= ? ORDER BY r.next_due_at LIMIT ?";

  private final Database db;

  /** The reminder claim: with several instances on one PostgreSQL database, one claims. */
  private final app.backcoach.storage.Lead lead;

  private final Clock clock;
  private final Duration grace;
  private final Runnable onQueued;

  /** Reminders per batch: {@link #BATCH}, smaller in tests. */
  private final int batchSize;

  private final ReminderText text;
  private final ContentBundle content;
  private final Outbox outbox = new Outbox();
  private final java.util.concurrent.atomic.AtomicLong sentTotal =
      new java.util.concurrent.atomic.AtomicLong();
  private final java.util.concurrent.atomic.AtomicLong lateTotal =
      new java.util.concurrent.atomic.AtomicLong();
  private final java.util.concurrent.atomic.AtomicLong missedTotal =
      new java.util.concurrent.atomic.AtomicLong();
  private final java.util.concurrent.atomic.AtomicLong quarantinedTotal =
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

  /**
   * @param onQueued run after each batch that queued something has committed
   */
  public ReminderService(
      Database db, ContentBundle content, Clock clock, Duration grace, Runnable onQueued) {
    this(db, content, clock, grace, onQueued, BATCH);
  }

  /** The same with {@code batchSize} reminders per transaction, for tests. */
  ReminderService(
      Database db,
      ContentBundle content,
      Clock clock,
      Duration grace,
      Runnable onQueued,
      int batchSize) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size " + batchSize);
    }
    this.batchSize = batchSize;
    this.db = db;
    this.lead = db.lead("reminders");
    this.content = content;
    this.clock = clock;
    this.grace = grace;
    this.onQueued = onQueued;
    this.text = new ReminderText(content);
  }

  /**
   * Counters since start: reminders sent, sent late (within grace), missed (folded into catch-ups)
   * and quarantined.
   */
  public java.util.List<java.util.concurrent.atomic.AtomicLong> counters() {
    return java.util.List.of(sentTotal, lateTotal, missedTotal, quarantinedTotal);
  }

  /** Queues everything due now; safe to call at any time and from one thread at a time. */
  public synchronized Run runDue() {
    Run total = new Run(0, 0, 0, 0, 0);
    if (!lead.held()) {
      return total; // another instance on this database claims the reminders
    }
    templates.clear();
    while (true) {
      Instant now = clock.instant();
      BatchResult batch = db.write(tx -> batch(tx, now));
      total = total.plus(batch.run);
      if (batch.run.sent > 0 || batch.run.catchUps > 0) {
        onQueued.run();
      }
      if (batch.claimed < batchSize) {
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

  /**
   * A claimed reminder and what deciding on it needs; {@code planText} (the id of its plan's text)
   * only for a kind whose text comes from the plan ({@link ReminderText#needsPlan}).
   */
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
      Long planText,
      RuntimeException problem) {
    /** A row that does not read back: only its ids are known. */
    static Due bad(long id, long chatId, RuntimeException problem) {
      Reminder r =
          new Reminder(
              id,
              chatId,
              Kind.POSTURE,
              false,
              null,
              java.util.Set.of(),
              null,
              null,
              null,
              false,
              null);
      return new Due(r, 0, 0, null, null, null, false, null, false, false, null, problem);
    }
  }

  /**
   * Decides on a batch of due reminders, then writes the outcome with a few multi-row statements
   * (log rows, outbox rows, schedule changes) instead of several statements per reminder. Log ids
   * are assigned here, since each reminder's buttons carry its log id: this transaction holds the
   * only write lock, so the ids after the highest one ever used ({@link Tx#lastId}) are free.
   */
  private BatchResult batch(Tx tx, Instant now) {
    List<Due> due = tx.query(DUE, ReminderService::due, now.toEpochMilli(), batchSize);
    long lastLogId = tx.lastId("reminder_log");
    java.util.function.LongFunction<String> load =
        id -> {
          // Cannot happen while foreign keys hold; the reminder still goes out, with the default
          // workout or mobility, rather than failing every claim.
          String sections = PlanTexts.sections(tx, id).orElse(null);
          if (sections == null) {
            log.warn("reminders: plan text {} is missing; sending the default texts", id);
          }
          return sections;
        };
    List<Object[]> logRows = new ArrayList<>();
    List<Outbox.Row> outboxRows = new ArrayList<>();
    List<Object[]> advanced = new ArrayList<>();
    List<Object[]> deferred = new ArrayList<>();
    List<Object[]> finished = new ArrayList<>();
    int sent = 0;
    int late = 0;
    int missed = 0;
    int skipped = 0;
    Map<Long, List<Kind>> missedByChat = new LinkedHashMap<>();
    for (Due d : due) {
      if (d.problem != null) {
        quarantine(tx, d.reminder, d.problem, now);
        continue;
      }
      // One reminder that cannot be decided on is set aside; what it added is taken back.
      int[] sizes = {logRows.size(), outboxRows.size(), advanced.size(), deferred.size()};
      int finishedSize = finished.size();
      long logIdBefore = lastLogId;
      List<Kind> missedBefore =
          missedByChat.containsKey(d.reminder.chatId())
              ? new ArrayList<>(missedByChat.get(d.reminder.chatId()))
              : null;
      try {
        Decided got =
            decide(
                tx,
                d,
                now,
                lastLogId,
                load,
                logRows,
                outboxRows,
                advanced,
                deferred,
                finished,
                missedByChat);
        lastLogId = got.lastLogId;
        sent += got.sent;
        late += got.late;
        missed += got.missed;
        skipped += got.skipped;
      } catch (RuntimeException | StackOverflowError e) {
        if (app.backcoach.storage.DatabaseException.isStoreWide(e)) {
          throw e;
        }
        logRows.subList(sizes[0], logRows.size()).clear();
        outboxRows.subList(sizes[1], outboxRows.size()).clear();
        advanced.subList(sizes[2], advanced.size()).clear();
        deferred.subList(sizes[3], deferred.size()).clear();
        finished.subList(finishedSize, finished.size()).clear();
        lastLogId = logIdBefore;
        if (missedBefore == null) {
          missedByChat.remove(d.reminder.chatId());
        } else {
          missedByChat.put(d.reminder.chatId(), missedBefore);
        }
        quarantine(tx, d.reminder, e, now);
      }
    }
    int catchUps = 0;
    for (var e : missedByChat.entrySet()) {
      Reply reply = text.catchUp(e.getValue());
      outboxRows.addAll(
          outbox.rows(e.getKey(), List.of(Delivery.send(reply)), Outbox.SCHEDULED, now));
      catchUps++;
    }
    tx.updateRows(INSERT_LOG, 8, logRows);
    tx.idsUsed("reminder_log");
    outbox.insert(tx, outboxRows);
    tx.updateRows(ADVANCE, 2, advanced);
    tx.updateRows(DEFER, 2, deferred);
    tx.updateRows("DELETE FROM reminders WHERE id IN (VALUES {rows})", 1, finished);
    return new BatchResult(due.size(), new Run(sent, late, missed, catchUps, skipped));
  }

  /** What deciding on one reminder added up to. */
  private record Decided(long lastLogId, int sent, int late, int missed, int skipped) {}

  /** Decides on one due reminder, adding its rows to the batch's lists. */
  @SuppressWarnings("checkstyle:ParameterNumber")
  private Decided decide(
      Tx tx,
      Due d,
      Instant now,
      long lastLogId,
      java.util.function.LongFunction<String> load,
      List<Object[]> logRows,
      List<Outbox.Row> outboxRows,
      List<Object[]> advanced,
      List<Object[]> deferred,
      List<Object[]> finished,
      Map<Long, List<Kind>> missedByChat) {
    int sent = 0;
    int late = 0;
    int missed = 0;
    int skipped = 0;
    Reminder r = d.reminder;
    long lateBy = now.toEpochMilli() - d.dueAt;
    Instant dueAt = Instant.ofEpochMilli(d.dueAt);
    boolean blocked =
        !d.active
            || (d.pausedUntil != null && d.pausedUntil > now.toEpochMilli())
            || (d.advicePaused && r.kind() != Kind.CHECKIN);
    if (blocked) {
      skipped = 1;
    } else if (lateBy > grace.toMillis()) {
      missed = 1;
      logRows.add(logRow(++lastLogId, d, "missed", null));
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
        deferred.add(new Object[] {r.id(), end.toEpochMilli()});
        return new Decided(lastLogId, 0, 0, 0, 0);
      }
      long logId = ++lastLogId;
      ReminderText.FromPlan plan =
          ReminderText.needsPlan(r.kind()) ? text.plan(d.planText, load) : null;
      logRows.add(logRow(logId, d, "sent", text.item(r.kind(), d.rotation, plan)));
      for (Outbox.Row row : message(tx, d, logId, quiet, now, plan)) {
        outboxRows.add(row.asReminder(d.dueAt + grace.toMillis(), logId));
      }
      sent = 1;
      if (lateBy > 60_000) {
        late = 1;
      }
    }
    Instant next = next(d, now);
    if (next == null) {
      finished.add(new Object[] {r.id()});
    } else {
      advanced.add(new Object[] {r.id(), next.toEpochMilli()});
    }
    return new Decided(lastLogId, sent, late, missed, skipped);
  }

  /** Sets a reminder aside: it is not claimed again until it is replayed. */
  private void quarantine(Tx tx, Reminder r, Throwable e, Instant now) {
    log.error(
        "reminders: reminder {} of chat {} cannot be sent; quarantined: {}",
        r.id(),
        r.chatId(),
        e.toString(),
        e);
    tx.update("UPDATE reminders SET next_due_at = NULL WHERE id = ?", r.id());
    new app.backcoach.storage.Quarantine()
        .add(
            tx,
            app.backcoach.storage.Quarantine.Kind.REMINDER,
            r.id(),
            r.chatId(),
            e.toString(),
            e,
            null,
            now);
    quarantinedTotal.incrementAndGet();
  }

  /**
   * The outbox row of one reminder. Each distinct message (kind, item or plan and hint, silent or
   * not; {@code plan} is the user's where the kind needs it) is stored once per run as an outbox
   * template with a marker for the log id, and each reminder's row names it with its own log id: a
   * fan-out of 100,000 has a few dozen distinct messages.
   */
  private List<Outbox.Row> message(
      Tx tx, Due d, long logId, boolean silent, Instant now, ReminderText.FromPlan plan) {
    Kind kind = d.reminder.kind();
    long chat = d.reminder.chatId();
    int variant = text.variant(kind, d.rotation, plan);
    BodyKey key = new BodyKey(kind, plan, variant, silent);
    Long template = templates.get(key);
    if (template == null) {
      template = outbox.template(tx, delivery(kind, MARKER_ID, variant, plan, silent), now);
      if (template == null) {
        // Too long for one message, so stored as several: rare, written in full each time.
        return outbox.rows(
            chat, List.of(delivery(kind, logId, variant, plan, silent)), Outbox.SCHEDULED, now);
      }
      if (templates.size() >= TEMPLATES_KEPT) {
        templates.clear();
      }
      templates.put(key, template);
    }
    return List.of(
        outbox.fromTemplate(chat, template, Long.toString(logId), Outbox.SCHEDULED, now));
  }

  private Delivery delivery(
      Kind kind, long logId, int variant, ReminderText.FromPlan plan, boolean silent) {
    Reply reply = text.reminder(kind, logId, variant, plan);
    return silent ? Delivery.sendSilently(reply) : Delivery.send(reply);
  }

  /**
   * What a reminder's stored text depends on; {@code plan} is the cached plan part, by identity.
   */
  private record BodyKey(Kind kind, ReminderText.FromPlan plan, int variant, boolean silent) {}

  /** The log id written into templates, where each row's own goes. */
  static final long MARKER_ID = Long.parseLong(Outbox.MARKER);

  private static final int TEMPLATES_KEPT = 4_096;

  /**
   * Templates made by the current run: {@link #runDue} clears it first, so none is older than a run
   * ({@link Outbox#purgeTemplates} keeps unused ones for a day), and none made in a batch that
   * failed and was rolled back is used again (a failed batch ends the run).
   */
  private final Map<BodyKey, Long> templates = new java.util.HashMap<>();

  private static final String INSERT_LOG =
      "INSERT INTO reminder_log (id, chat_id, reminder_id, kind, due_at, local_date, item, outcome)"
          + " VALUES {rows}";
  private static final String ADVANCE =
      "UPDATE reminders SET next_due_at = v.column2, rotation = rotation + 1"
          + " FROM (VALUES {rows}) AS v WHERE reminders.id = v.column1";
  private static final String DEFER =
      "UPDATE reminders SET next_due_at = v.column2 FROM (VALUES {rows}) AS v"
          + " WHERE reminders.id = v.column1";

  /**
   * The next time after now (never a backlog), or null for removal: a fired snooze or a finished
   * desk session.
   */
  private static Instant next(Due d, Instant now) {
    Reminder r = d.reminder;
    Instant from = now.isAfter(Instant.ofEpochMilli(d.dueAt)) ? now : Instant.ofEpochMilli(d.dueAt);
    return r.once() ? null : Schedule.next(r, d.zone, from);
  }

  private static Object[] logRow(long id, Due d, String outcome, String item) {
    String date = Instant.ofEpochMilli(d.dueAt).atZone(d.zone).toLocalDate().toString();
    return new Object[] {
      id,
      d.reminder.chatId(),
      d.reminder.id(),
      d.reminder.kind().name(),
      d.dueAt,
      date,
      item,
      outcome
    };
  }

  /** A due row, or {@link Due#bad} if it does not read back (it is then quarantined). */
  private static Due due(java.sql.ResultSet rs) throws java.sql.SQLException {
    try {
      return read(rs);
    } catch (RuntimeException e) {
      return Due.bad(rs.getLong("id"), rs.getLong("chat_id"), e);
    }
  }

  private static Due read(java.sql.ResultSet rs) throws java.sql.SQLException {
    Reminder r = ReminderStore.row(rs);
    ZoneId zone = Schedule.zone(rs.getString("time_zone"));
    String flags = rs.getString("red_flags");
    Long planText = rs.getObject("text_id") == null ? null : rs.getLong("text_id");
    return new Due(
        r,
        rs.getLong("next_due_at"),
        rs.getInt("rotation"),
        zone,
        Schedule.time(rs.getString("quiet_start")),
        Schedule.time(rs.getString("quiet_end")),
        "SILENT".equals(rs.getString("quiet_mode")),
        rs.getObject("paused_until") == null ? null : rs.getLong("paused_until"),
        rs.getInt("active") == 1,
        flags != null && !flags.equals("[]"),
        planText,
        null);
  }
}
