package app.backcoach.storage;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;

/**
 * Items set aside after failing for a reason of their own (an update, an outbox row, a reminder),
 * each with its reason, stack trace and stored body, so the rest keep flowing; an operator lists
 * them and replays one after a fix.
 */
public final class Quarantine {
  /** What kind of item an entry holds. */
  public enum Kind {
    UPDATE,
    OUTBOX,
    REMINDER
  }

  /** One quarantined item, as listed for operators. */
  public record Entry(
      long id,
      Kind kind,
      long itemId,
      Long chatId,
      String reason,
      String quarantinedAt,
      String replayedAt) {}

  /** The longest stack trace kept. */
  static final int MAX_TRACE = 8_000;

  /** Sets an item aside; returns the entry's id. */
  public long add(
      Tx tx,
      Kind kind,
      long itemId,
      Long chatId,
      String reason,
      Throwable cause,
      String body,
      Instant now) {
    return tx.insert(
        "INSERT INTO quarantine (kind, item_id, chat_id, reason, trace, body, quarantined_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?)",
        kind.name(),
        itemId,
        chatId,
        reason,
        trace(cause),
        body,
        now.toString());
  }

  /** Entries not replayed yet, oldest first. */
  public List<Entry> open(Tx tx) {
    return tx.query(
        "SELECT id, kind, item_id, chat_id, reason, quarantined_at, replayed_at FROM quarantine"
            + " WHERE replayed_at IS NULL ORDER BY id",
        Quarantine::entry);
  }

  /** Entries not replayed yet. */
  public int openCount(Tx tx) {
    return tx.count("SELECT COUNT(*) FROM quarantine WHERE replayed_at IS NULL");
  }

  /** Items quarantined at or after {@code since}. */
  public int countSince(Tx tx, Instant since) {
    return tx.count("SELECT COUNT(*) FROM quarantine WHERE quarantined_at >= ?", Json.text(since));
  }

  /** One entry with its stack trace, or null. */
  public String describe(Tx tx, long id) {
    return tx.one(
            "SELECT kind, item_id, chat_id, reason, quarantined_at, replayed_at, trace FROM quarantine"
                + " WHERE id = ?",
            rs ->
                rs.getString("kind").toLowerCase(java.util.Locale.ROOT)
                    + " "
                    + rs.getLong("item_id")
                    + " (chat "
                    + rs.getObject("chat_id")
                    + ") quarantined at "
                    + rs.getString("quarantined_at")
                    + (rs.getString("replayed_at") == null
                        ? ""
                        : ", replayed at " + rs.getString("replayed_at"))
                    + "\nreason: "
                    + rs.getString("reason")
                    + "\n"
                    + (rs.getString("trace") == null ? "" : rs.getString("trace")),
            id)
        .orElse(null);
  }

  /** A quarantined item taken out for a replay: what it was, its chat and its stored body. */
  public record Taken(Kind kind, long itemId, Long chatId, String body) {}

  /**
   * Takes an entry out for a replay and marks it replayed; the feature that owns the item puts it
   * back (App). Throws if the entry does not exist or was replayed already.
   */
  public Taken take(Tx tx, long id, Instant now) {
    record Row(Taken taken, String replayed) {}
    Row row =
        tx.one(
                "SELECT kind, item_id, chat_id, body, replayed_at FROM quarantine WHERE id = ?",
                rs ->
                    new Row(
                        new Taken(
                            Kind.valueOf(rs.getString("kind")),
                            rs.getLong("item_id"),
                            rs.getObject("chat_id") == null ? null : rs.getLong("chat_id"),
                            rs.getString("body")),
                        rs.getString("replayed_at")),
                id)
            .orElseThrow(() -> new IllegalArgumentException("no quarantine entry " + id));
    if (row.replayed() != null) {
      throw new IllegalArgumentException(
          "quarantine entry " + id + " was replayed at " + row.replayed());
    }
    tx.update("UPDATE quarantine SET replayed_at = ? WHERE id = ?", now.toString(), id);
    return row.taken();
  }

  /** Removes a user's entries (they asked to be erased). */
  public int deleteFor(Tx tx, long chatId) {
    return tx.update("DELETE FROM quarantine WHERE chat_id = ?", chatId);
  }

  private static Entry entry(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new Entry(
        rs.getLong("id"),
        Kind.valueOf(rs.getString("kind")),
        rs.getLong("item_id"),
        rs.getObject("chat_id") == null ? null : rs.getLong("chat_id"),
        rs.getString("reason"),
        rs.getString("quarantined_at"),
        rs.getString("replayed_at"));
  }

  /** The stack trace as text, cut to {@link #MAX_TRACE} characters. */
  static String trace(Throwable t) {
    if (t == null) {
      return null;
    }
    StringWriter out = new StringWriter();
    t.printStackTrace(new PrintWriter(out));
    String s = out.toString();
    return s.length() <= MAX_TRACE ? s : s.substring(0, MAX_TRACE) + "\n…";
  }
}
