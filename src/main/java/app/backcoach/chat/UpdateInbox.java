package app.backcoach.chat;

import app.backcoach.storage.DatabaseException;
import app.backcoach.storage.Json;
import app.backcoach.storage.Tx;
import java.time.Instant;
import java.util.List;

/** Received updates, stored before the poller may confirm them, and applied exactly once. */
public final class UpdateInbox {
  /**
   * An update as stored, not yet decoded: decoding is part of handling it, so a row that no longer
   * decodes fails alone.
   */
  public record Stored(long updateId, Long chatId, String body, int attempts) {
    /**
     * The update.
     *
     * @throws DatabaseException (not store-wide) if the stored JSON is not an update
     */
    public Inbound decode() {
      if (body == null) {
        throw DatabaseException.badRow("update " + updateId + " has no stored body", null);
      }
      return Json.read(body, Inbound.class);
    }
  }

  /** Marking an update applied found it applied already: nothing of this attempt may stay. */
  public static final class AlreadyApplied extends RuntimeException {
    AlreadyApplied(long updateId) {
      super("update " + updateId + " was applied already", null, false, false);
    }
  }

  /** Another instance is applying this chat's updates right now; try again on the next round. */
  public static final class ChatBusy extends RuntimeException {
    ChatBusy(long chatId) {
      super("chat " + chatId + " is being handled by another instance", null, false, false);
    }
  }

  /**
   * Claims the update's chat for the caller's transaction and tells whether the update still waits
   * (another instance may have applied it since it was read). Throws {@link ChatBusy} when another
   * instance holds the chat.
   */
  public boolean claim(Tx tx, long updateId, Long chatId) {
    if (tx.dialect() == app.backcoach.storage.Database.Dialect.SQLITE) {
      return true; // one process owns the file: what it read still waits
    }
    if (chatId != null && !tx.claimChat(chatId)) {
      throw new ChatBusy(chatId);
    }
    return tx.count(
            "SELECT COUNT(*) FROM updates WHERE update_id = ? AND applied_at IS NULL", updateId)
        > 0;
  }

  /**
   * Stores updates not seen before; returns how many were new. Ids already stored (even applied)
   * are ignored.
   */
  public int store(Tx tx, List<Inbound> updates, Instant now) {
    int added = 0;
    for (Inbound u : updates) {
      added +=
          tx.update(
              "INSERT INTO updates (update_id, chat_id, received_at, body) VALUES (?, ?, ?, ?)"
                  + " ON CONFLICT DO NOTHING",
              u.updateId(),
              u.chatId(),
              now.toString(),
              Json.write(u));
    }
    return added;
  }

  /**
   * Unapplied updates in id order (which is arrival order, so each chat's come in order), leaving
   * out every update of a chat from its first one that waits for a retry: a chat's updates are
   * never applied out of order.
   */
  public List<Stored> pending(Tx tx, int limit, long nowMillis) {
    return tx.query(
        "SELECT u.update_id, u.chat_id, u.body, u.attempts FROM updates u WHERE u.applied_at IS NULL"
            + " AND (u.next_attempt_at IS NULL OR u.next_attempt_at <= ?)"
            + " AND NOT EXISTS (SELECT 1 FROM updates w WHERE w.chat_id = u.chat_id"
            + " AND w.update_id < u.update_id AND w.applied_at IS NULL"
            + " AND w.next_attempt_at IS NOT NULL AND w.next_attempt_at > ?)"
            + " ORDER BY u.update_id LIMIT ?",
        rs ->
            new Stored(
                rs.getLong("update_id"),
                rs.getObject("chat_id") == null ? null : rs.getLong("chat_id"),
                rs.getString("body"),
                rs.getInt("attempts")),
        nowMillis,
        nowMillis,
        limit);
  }

  /**
   * Marks an update applied and forgets what the user sent in it.
   *
   * @throws AlreadyApplied if it was applied already (the caller's transaction must roll back)
   */
  public void markApplied(Tx tx, long updateId, Instant now, String error) {
    int n =
        tx.update(
            "UPDATE updates SET applied_at = ?, error = ?, body = NULL, chat_id = NULL"
                + " WHERE update_id = ? AND applied_at IS NULL",
            now.toString(),
            error,
            updateId);
    if (n == 0) {
      throw new AlreadyApplied(updateId);
    }
  }

  /** Counts a failed attempt and holds the update (and its chat's later ones) until {@code at}. */
  public void retryAt(Tx tx, long updateId, long atMillis, String error) {
    tx.update(
        "UPDATE updates SET attempts = attempts + 1, next_attempt_at = ?, error = ?"
            + " WHERE update_id = ? AND applied_at IS NULL",
        atMillis,
        error,
        updateId);
  }

  /**
   * Makes a quarantined update pending again (it is applied after its chat's later ones); stored
   * anew if it was purged meanwhile.
   */
  public String replay(Tx tx, long updateId, Long chatId, String body, Instant now) {
    int n =
        tx.update(
            "UPDATE updates SET applied_at = NULL, error = NULL, attempts = 0,"
                + " next_attempt_at = NULL, body = ?, chat_id = ? WHERE update_id = ?",
            body,
            chatId,
            updateId);
    if (n == 0) {
      tx.update(
          "INSERT INTO updates (update_id, chat_id, received_at, body) VALUES (?, ?, ?, ?)",
          updateId,
          chatId,
          now.toString(),
          body);
    }
    return "update " + updateId + " is pending again";
  }

  public int pendingCount(Tx tx) {
    return tx.count("SELECT COUNT(*) FROM updates WHERE applied_at IS NULL");
  }

  /** When the oldest unapplied update was received, or null if none waits. */
  public Instant oldestPending(Tx tx) {
    return tx.one(
            "SELECT received_at FROM updates WHERE applied_at IS NULL ORDER BY update_id LIMIT 1",
            rs -> Json.instant(rs.getString("received_at")))
        .orElse(null);
  }

  /**
   * Deletes applied updates received before {@code before}: Telegram re-sends unconfirmed ones for
   * about a day only.
   */
  public int purgeApplied(Tx tx, Instant before) {
    return tx.update(
        "DELETE FROM updates WHERE applied_at IS NOT NULL AND received_at < ?", before.toString());
  }

  /**
   * Housekeeping, run hourly from App: applied updates are kept (as bare ids) only while Telegram
   * could still re-send them, about a day; two days is safe.
   */
  public static void purge(app.backcoach.storage.Database db, java.time.Clock clock) {
    int gone =
        db.write(
            tx ->
                new UpdateInbox()
                    .purgeApplied(tx, clock.instant().minus(java.time.Duration.ofDays(2))));
    org.slf4j.LoggerFactory.getLogger(UpdateInbox.class)
        .debug("housekeeping: purged {} old applied updates", gone);
  }
}
