package app.backcoach.storage;

import app.backcoach.conversation.Reply;
import java.time.Instant;
import java.util.List;

/**
 * Replies decided but not yet delivered, stored in the same transaction as the state change that
 * decided them.
 */
public final class Outbox {
  /** Replies to someone chatting right now go before scheduled messages. */
  public static final int INTERACTIVE = 0;

  public static final int SCHEDULED = 1;

  /** A stored reply waiting for delivery. */
  public record Item(long id, long chatId, Reply reply, int attempts) {}

  public void enqueue(Tx tx, long chatId, List<Reply> replies, int priority, Instant now) {
    for (Reply r : replies) {
      tx.update(
          "INSERT INTO outbox (chat_id, created_at, priority, body) VALUES (?, ?, ?, ?)",
          chatId,
          now.toString(),
          priority,
          Json.write(r));
    }
  }

  /** Undelivered replies for one chat, oldest first. */
  public List<Item> pendingFor(Tx tx, long chatId) {
    return tx.query(
        "SELECT id, chat_id, body, attempts FROM outbox WHERE sent_at IS NULL AND chat_id = ? ORDER BY id",
        rs ->
            new Item(
                rs.getLong(1),
                rs.getLong(2),
                Json.read(rs.getString(3), Reply.class),
                rs.getInt(4)),
        chatId);
  }

  /** Up to {@code limit} undelivered replies, interactive first, then oldest first. */
  public List<Item> pending(Tx tx, int limit) {
    return tx.query(
        "SELECT id, chat_id, body, attempts FROM outbox WHERE sent_at IS NULL ORDER BY priority, id LIMIT ?",
        rs ->
            new Item(
                rs.getLong(1),
                rs.getLong(2),
                Json.read(rs.getString(3), Reply.class),
                rs.getInt(4)),
        limit);
  }

  public void markSent(Tx tx, long id, Instant now) {
    tx.update("UPDATE outbox SET sent_at = ? WHERE id = ?", now.toString(), id);
  }

  public int depth(Tx tx) {
    return tx.one("SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL", rs -> rs.getInt(1))
        .orElse(0);
  }
}
