package app.backcoach.delivery;

import app.backcoach.reply.Delivery;
import app.backcoach.reply.Reply;
import app.backcoach.storage.DatabaseException;
import app.backcoach.storage.Json;
import app.backcoach.storage.Quarantine;
import app.backcoach.storage.Tx;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Deliveries decided but not yet made, stored in the same transaction as the state change that
 * decided them. Each chat's deliveries go out in order; a message too long for one Telegram message
 * is stored as several.
 */
public final class Outbox {
  /** Replies to someone chatting right now go before scheduled messages. */
  public static final int INTERACTIVE = 0;

  public static final int SCHEDULED = 1;

  /** Telegram's limit on one message's text. */
  public static final int MAX_TEXT = 4096;

  private static final String PENDING = "sent_at IS NULL AND dropped_at IS NULL";

  /**
   * What a template's rows put in place of {@link #MARKER}: every occurrence is replaced. Digits
   * only, so it survives JSON escaping, and longer than any id or count it stands for.
   */
  public static final String MARKER = "999999999999999999";

  /** A row's stored delivery: its own body, or its template with the marker filled in. */
  private static final String BODY =
      "COALESCE(o.body, (SELECT replace(t.body, '"
          + MARKER
          + "', o.fill) FROM outbox_templates t WHERE t.id = o.template_id))";

  /**
   * A stored delivery waiting to be made. Its body is parsed on first use: the sender reads many
   * items it then skips (their chat has a delivery in flight), and parsing them all cost more than
   * the query.
   */
  public static final class Item {
    private final long id;
    private final long chatId;
    private final String body;
    private final int attempts;
    private final String createdAt;
    private final Long dueBy;
    private final Long logId;
    private final int priority;
    private volatile Delivery delivery;

    Item(
        long id,
        long chatId,
        String body,
        int attempts,
        String createdAt,
        Long dueBy,
        Long logId,
        int priority) {
      this.id = id;
      this.chatId = chatId;
      this.body = body;
      this.attempts = attempts;
      this.createdAt = createdAt;
      this.dueBy = dueBy;
      this.logId = logId;
      this.priority = priority;
    }

    /** True for a reply to someone chatting now ({@link #INTERACTIVE}), not a scheduled message. */
    public boolean interactive() {
      return priority == INTERACTIVE;
    }

    /** The stored JSON, as it is (for the quarantine). */
    public String body() {
      return body;
    }

    /** When it was queued. */
    public Instant createdAt() {
      return Json.instant(createdAt);
    }

    /**
     * For a reminder's message: the end of its grace window (epoch ms), after which it is not sent
     * late but folded into a catch-up; null for other messages.
     */
    public Long dueBy() {
      return dueBy;
    }

    /** For a reminder's message: its reminder log row; null for other messages. */
    public Long logId() {
      return logId;
    }

    public long id() {
      return id;
    }

    public long chatId() {
      return chatId;
    }

    public int attempts() {
      return attempts;
    }

    /**
     * The delivery, parsed from the stored JSON on first call.
     *
     * @throws DatabaseException if the stored JSON is not a delivery
     */
    public Delivery delivery() {
      Delivery d = delivery;
      if (d == null) {
        d = Json.read(body, Delivery.class);
        delivery = d;
      }
      return d;
    }

    @Override
    public String toString() {
      return "Item[id=" + id + ", chatId=" + chatId + ", attempts=" + attempts + "]";
    }
  }

  /** The last {@code created_at} written and its text: a claim queues thousands with one time. */
  private record Stamp(Instant at, String text) {}

  private volatile Stamp stamp = new Stamp(Instant.EPOCH, Instant.EPOCH.toString());

  private String text(Instant now) {
    Stamp s = stamp;
    if (!s.at().equals(now)) {
      s = new Stamp(now, Json.text(now));
      stamp = s;
    }
    return s.text();
  }

  /**
   * One row for {@link #insert}: a delivery's own {@code body}, or template {@code templateId} with
   * its {@link #MARKER}s replaced by {@code fill}; {@code dueBy} and {@code logId} only for a
   * reminder's message ({@link #asReminder}).
   */
  public record Row(
      long chatId,
      String createdAt,
      int priority,
      String body,
      Long templateId,
      String fill,
      Long dueBy,
      Long logId) {
    /**
     * The same row as a reminder's message: sent by {@code dueBy} (epoch ms) or folded into a
     * catch-up, and tied to its reminder log row.
     */
    public Row asReminder(long dueBy, long logId) {
      return new Row(chatId, createdAt, priority, body, templateId, fill, dueBy, logId);
    }

    private Object[] values() {
      return new Object[] {chatId, createdAt, priority, body, templateId, fill, dueBy, logId};
    }
  }

  /**
   * The rows {@link #enqueue} would insert, for {@link #insert}: many chats' deliveries in a few
   * statements.
   */
  public List<Row> rows(long chatId, List<Delivery> deliveries, int priority, Instant now) {
    String created = text(now);
    List<Row> out = new ArrayList<>(deliveries.size());
    for (Delivery d : deliveries) {
      for (Delivery part : split(d)) {
        out.add(new Row(chatId, created, priority, Json.write(part), null, null, null, null));
      }
    }
    return out;
  }

  /** One row for {@link #insert} with a body already written (one delivery that needs no split). */
  public Row row(long chatId, String body, int priority, Instant now) {
    return new Row(chatId, text(now), priority, body, null, null, null, null);
  }

  /**
   * Stores a delivery's body as a template: rows made by {@link #fromTemplate} then hold only its
   * id and what replaces its {@link #MARKER}s. For a message queued many times over (a fan-out).
   * The template must not need a split (one delivery within Telegram's limits); null otherwise.
   */
  public Long template(Tx tx, Delivery d, Instant now) {
    if (split(d).size() != 1) {
      return null;
    }
    return tx.insert(
        "INSERT INTO outbox_templates (created_at, body) VALUES (?, ?)", text(now), Json.write(d));
  }

  /** One row for {@link #insert} that is template {@code id} with its markers replaced by fill. */
  public Row fromTemplate(long chatId, long id, String fill, int priority, Instant now) {
    return new Row(chatId, text(now), priority, null, id, fill, null, null);
  }

  /** Inserts rows made by {@link #rows}, {@link #row} and {@link #fromTemplate}, in their order. */
  public void insert(Tx tx, List<Row> rows) {
    List<Object[]> values = new ArrayList<>(rows.size());
    for (Row r : rows) {
      values.add(r.values());
    }
    tx.updateRows(
        "INSERT INTO outbox (chat_id, created_at, priority, body, template_id, fill, due_by, log_id)"
            + " VALUES {rows}",
        8,
        values);
  }

  /** Queues the deliveries of one chat, in order. */
  public void enqueue(Tx tx, long chatId, List<Delivery> deliveries, int priority, Instant now) {
    insert(tx, rows(chatId, deliveries, priority, now));
  }

  /**
   * A new message longer than Telegram allows becomes several, split at paragraphs; buttons go on
   * the last.
   */
  static List<Delivery> split(Delivery d) {
    if (d.kind() != Delivery.Kind.SEND || d.reply().text().length() <= MAX_TEXT) {
      return List.of(d);
    }
    List<String> parts = TextSplitter.split(d.reply().text(), MAX_TEXT);
    List<Delivery> out = new ArrayList<>();
    for (int i = 0; i < parts.size(); i++) {
      boolean last = i == parts.size() - 1;
      Reply r = d.reply();
      Reply part =
          new Reply(
              parts.get(i),
              last ? r.buttons() : List.of(),
              last && r.requestLocation(),
              last && r.removeKeyboard());
      Delivery piece = d.silent() ? Delivery.sendSilently(part) : Delivery.send(part);
      out.add(d.forget() ? piece.forgotten() : piece);
    }
    return out;
  }

  /** Undelivered items for one chat, oldest first. */
  public List<Item> pendingFor(Tx tx, long chatId) {
    return tx.query(
        "SELECT o.id, o.chat_id, "
            + BODY
            + " AS body, o.attempts, o.created_at, o.due_by, o.log_id, o.priority FROM outbox o"
            + " WHERE o."
            + PENDING.replace(" AND ", " AND o.")
            + " AND o.chat_id = ? ORDER BY o.id",
        Outbox::item,
        chatId);
  }

  /**
   * The next item of each chat that is due. Chats are served replies first, oldest first; then
   * scheduled messages by their deadline ({@code due_by}), so the most overdue reminder goes first
   * (earliest deadline first keeps the worst lateness lowest), with those that have none (a
   * catch-up) ahead of them, unless they are held to a later time, by which they are then ordered.
   * Index {@code outbox_pending} (migration V11) has the ORDER BY's columns, so the scan stops at
   * its limit instead of sorting every waiting row, and does not walk past held messages first.
   * Within a chat (index {@code outbox_pending_chat}), replies go in order and before the chat's
   * own reminders still waiting in the queue (the answer to what the user just typed does not wait
   * behind a posture break), then its catch-up, then its reminders in order; and a scheduled
   * message held (past quiet hours, or for a retry) does not hold back what comes after it: a reply
   * at 23:00 is not kept until the morning.
   */
  public List<Item> due(Tx tx, long nowMillis, int limit) {
    return tx.query(DUE, Outbox::item, nowMillis, nowMillis, limit);
  }

  /** {@link #due}'s query: now, now, limit. */
  static final String DUE =
      "SELECT o.id, o.chat_id, "
          + BODY
          + " AS body, o.attempts, o.created_at, o.due_by, o.log_id, o.priority FROM outbox o"
          + " WHERE o."
          + PENDING.replace(" AND ", " AND o.")
          + " AND o.id = (SELECT p.id FROM outbox p WHERE p.chat_id = o.chat_id AND p."
          + PENDING.replace(" AND ", " AND p.")
          + " AND NOT (p.priority = "
          + SCHEDULED
          + " AND COALESCE(p.next_attempt_at, 0) > ?)"
          + " ORDER BY p.priority, (p.due_by IS NOT NULL), p.id LIMIT 1)"
          + " AND (o.next_attempt_at IS NULL OR o.next_attempt_at <= ?) ORDER BY"
          + " o.priority, COALESCE(o.due_by, o.next_attempt_at, 0), o.id LIMIT ?";

  /**
   * The chat's next item in {@link #due}'s order if it is an interactive reply that is due now;
   * empty otherwise (nothing pending, a retry not yet due, or a scheduled message, which waits for
   * {@link #due} to order it against other chats' replies).
   */
  public List<Item> nextInteractive(Tx tx, long chatId, long nowMillis) {
    return tx.query(
        "SELECT id, chat_id, body, attempts, created_at, due_by, log_id, priority FROM (SELECT o.id,"
            + " o.chat_id, "
            + BODY
            + " AS body, o.attempts, o.created_at, o.due_by, o.log_id, o.priority, o.next_attempt_at"
            + " FROM outbox o WHERE o.chat_id = ?"
            + " AND o."
            + PENDING.replace(" AND ", " AND o.")
            + " ORDER BY o.priority, (o.due_by IS NOT NULL), o.id LIMIT 1) AS head WHERE priority = "
            + INTERACTIVE
            + " AND (next_attempt_at IS NULL OR next_attempt_at <= ?)",
        Outbox::item,
        chatId,
        nowMillis);
  }

  public void markSent(Tx tx, long id, Instant now) {
    tx.update("UPDATE outbox SET sent_at = ?, last_error = NULL WHERE id = ?", now.toString(), id);
  }

  /** Removes a delivered item entirely (its user asked to be erased). */
  public void forget(Tx tx, long id) {
    tx.update("DELETE FROM outbox WHERE id = ?", id);
  }

  public void retryAt(Tx tx, long id, long atMillis, String error) {
    tx.update(
        "UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ?, last_error = ? WHERE id = ?",
        atMillis,
        error,
        id);
  }

  public void drop(Tx tx, long id, String reason, Instant now) {
    tx.update(
        "UPDATE outbox SET dropped_at = ?, last_error = ? WHERE id = ?",
        now.toString(),
        reason,
        id);
  }

  /** Drops everything still waiting for a chat (the user blocked the bot). */
  public int dropAllFor(Tx tx, long chatId, String reason, Instant now) {
    return tx.update(
        "UPDATE outbox SET dropped_at = ?, last_error = ? WHERE chat_id = ? AND " + PENDING,
        now.toString(),
        reason,
        chatId);
  }

  /** How long a delivered or dropped message is kept (for the user's export, and for support). */
  public static final java.time.Duration KEPT = java.time.Duration.ofDays(7);

  /**
   * Deletes up to {@code limit} rows delivered or dropped before {@code before}: the outbox holds
   * what is waiting, not a copy of every message ever sent. Returns how many went; the caller
   * repeats in short transactions until fewer than {@code limit} go.
   */
  public int purgeFinished(Tx tx, Instant before, int limit) {
    return tx.update(
        "DELETE FROM outbox WHERE id IN (SELECT id FROM outbox WHERE NOT ("
            + PENDING
            + ") AND created_at < ? LIMIT ?)",
        before.toString(),
        limit);
  }

  /**
   * Deletes templates no row uses any more, made before {@code before}: a day back is safe, since a
   * template is reused only within the claim that made it.
   */
  public int purgeTemplates(Tx tx, Instant before) {
    return tx.update(
        "DELETE FROM outbox_templates WHERE created_at < ? AND id NOT IN"
            + " (SELECT template_id FROM outbox WHERE template_id IS NOT NULL)",
        before.toString());
  }

  /**
   * Every row with its delivery in full (templates filled in), for exports and checks: the table's
   * columns, {@code body} always set. Add a WHERE on {@code o.}'s columns.
   */
  public static final String MESSAGES =
      "SELECT o.id, o.chat_id, o.created_at, o.priority, "
          + BODY
          + " AS body, o.attempts, o.next_attempt_at, o.last_error, o.sent_at, o.dropped_at"
          + " FROM outbox o";

  /** Queues a quarantined message again, at the end of its chat's queue, as a reply. */
  public String replay(Tx tx, long oldId, long chatId, String body, Instant now) {
    long newId =
        tx.insert(
            "INSERT INTO outbox (chat_id, created_at, priority, body) VALUES (?, ?, ?, ?)",
            chatId,
            Json.text(now),
            INTERACTIVE,
            body);
    return "message " + oldId + " is queued again as " + newId;
  }

  /** Sets an item aside in the quarantine with its stored body and drops it from the queue. */
  public void quarantine(Tx tx, Item item, String reason, Throwable cause, Instant now) {
    new Quarantine()
        .add(tx, Quarantine.Kind.OUTBOX, item.id(), item.chatId(), reason, cause, item.body(), now);
    drop(tx, item.id(), "quarantined: " + reason, now);
  }

  /**
   * Sets aside an item that was delivered but whose result cannot be recorded: it is removed from
   * the queue, so it is never sent again.
   */
  public void quarantineDelivered(Tx tx, Item item, String reason, Throwable cause, Instant now) {
    new Quarantine()
        .add(
            tx,
            Quarantine.Kind.OUTBOX,
            item.id(),
            item.chatId(),
            "delivered, but recording it failed: " + reason,
            cause,
            item.body(),
            now);
    forget(tx, item.id());
  }

  /**
   * When the oldest reply (an interactive item) that is due now was queued, or null if none is due;
   * one waiting for a retry is not due.
   */
  public Instant oldestDueReply(Tx tx, long nowMillis) {
    return oldestDue(tx, INTERACTIVE, nowMillis);
  }

  /**
   * The same for scheduled messages (reminders), which rate limits pace: the queued time of the one
   * that goes next, in {@link #due}'s order.
   */
  public Instant oldestDueScheduled(Tx tx, long nowMillis) {
    return oldestDue(tx, SCHEDULED, nowMillis);
  }

  private Instant oldestDue(Tx tx, int priority, long nowMillis) {
    return tx.one(
            "SELECT created_at FROM outbox WHERE "
                + PENDING
                + " AND priority = ? AND (next_attempt_at IS NULL OR next_attempt_at <= ?)"
                + " ORDER BY priority, COALESCE(due_by, next_attempt_at, 0), id LIMIT 1",
            rs -> Json.instant(rs.getString("created_at")),
            priority,
            nowMillis)
        .orElse(null);
  }

  public int depth(Tx tx) {
    return tx.count("SELECT COUNT(*) FROM outbox WHERE " + PENDING);
  }

  private static Item item(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new Item(
        rs.getLong("id"),
        rs.getLong("chat_id"),
        rs.getString("body"),
        rs.getInt("attempts"),
        rs.getString("created_at"),
        rs.getObject("due_by") == null ? null : rs.getLong("due_by"),
        rs.getObject("log_id") == null ? null : rs.getLong("log_id"),
        rs.getInt("priority"));
  }

  private static final int PURGE_BATCH = 5_000;

  /**
   * Housekeeping, run hourly from App: delivered and dropped messages go after {@link #KEPT}, in
   * short transactions so replies waiting for the writer are not held up; unused templates after a
   * day.
   */
  public static void purge(app.backcoach.storage.Database db, java.time.Clock clock) {
    Instant before = clock.instant().minus(KEPT);
    int gone = 0;
    int batch;
    do {
      batch = db.write(tx -> new Outbox().purgeFinished(tx, before, PURGE_BATCH));
      gone += batch;
    } while (batch == PURGE_BATCH);
    int templates =
        db.write(
            tx ->
                new Outbox()
                    .purgeTemplates(tx, clock.instant().minus(java.time.Duration.ofDays(1))));
    org.slf4j.LoggerFactory.getLogger(Outbox.class)
        .debug(
            "housekeeping: purged {} finished messages and {} unused templates", gone, templates);
  }
}
