package app.backcoach.storage;

import app.backcoach.chat.Inbound;
import java.time.Instant;
import java.util.List;

/** Received updates, stored before the poller may confirm them, and applied exactly once. */
public final class UpdateInbox {
  /**
   * Stores updates not seen before; returns how many were new. Ids already stored (even applied)
   * are ignored.
   */
  public int store(Tx tx, List<Inbound> updates, Instant now) {
    int added = 0;
    for (Inbound u : updates) {
      added +=
          tx.update(
              "INSERT OR IGNORE INTO updates (update_id, chat_id, received_at, body) VALUES (?, ?, ?, ?)",
              u.updateId(),
              u.chatId(),
              now.toString(),
              Json.write(u));
    }
    return added;
  }

  /** Unapplied updates in id order (which is arrival order, so each chat's come in order). */
  public List<Inbound> pending(Tx tx, int limit) {
    return tx.query(
        "SELECT body FROM updates WHERE applied_at IS NULL ORDER BY update_id LIMIT ?",
        rs -> Json.read(rs.getString(1), Inbound.class),
        limit);
  }

  /** Marks an update applied and forgets what the user sent in it. */
  public void markApplied(Tx tx, long updateId, Instant now, String error) {
    tx.update(
        "UPDATE updates SET applied_at = ?, error = ?, body = NULL, chat_id = NULL WHERE update_id = ?",
        now.toString(),
        error,
        updateId);
  }

  public int pendingCount(Tx tx) {
    return tx.count("SELECT COUNT(*) FROM updates WHERE applied_at IS NULL");
  }

  /**
   * Deletes applied updates received before {@code before}: Telegram re-sends unconfirmed ones for
   * about a day only.
   */
  public int purgeApplied(Tx tx, Instant before) {
    return tx.update(
        "DELETE FROM updates WHERE applied_at IS NOT NULL AND received_at < ?", before.toString());
  }
}
