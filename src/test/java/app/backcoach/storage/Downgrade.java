package app.backcoach.storage;

/** Takes a test database back before V9, so a test of an older migration can run it again. */
public final class Downgrade {
  private Downgrade() {}

  /** Undoes V11 (the sending order's indexes, as V10 left them). */
  public static void undoV11(Tx tx) {
    tx.update("DROP INDEX outbox_pending");
    tx.update(
        "CREATE INDEX outbox_pending ON outbox (priority, (COALESCE(due_by, 0)), id)"
            + " WHERE sent_at IS NULL AND dropped_at IS NULL");
    tx.update("DROP INDEX outbox_pending_chat");
    tx.update(
        "CREATE INDEX outbox_pending_chat ON outbox (chat_id, id)"
            + " WHERE sent_at IS NULL AND dropped_at IS NULL");
    tx.update("DELETE FROM schema_version WHERE version >= 11");
  }

  /** Undoes V10 (the send-order index and the paid-broadcast days). */
  public static void undoV10(Tx tx) {
    undoV11(tx);
    tx.update("DROP TABLE paid_broadcast");
    tx.update("DROP INDEX outbox_pending");
    tx.update(
        "CREATE INDEX outbox_pending ON outbox (priority, id)"
            + " WHERE sent_at IS NULL AND dropped_at IS NULL");
    tx.update("DELETE FROM schema_version WHERE version >= 10");
  }

  /** Undoes V10 and V9 (the quarantine, retry and reminder-deadline columns). */
  public static void undoV9(Tx tx) {
    undoV10(tx);
    tx.update("DROP TABLE quarantine");
    tx.update("DROP INDEX updates_held");
    tx.update("ALTER TABLE updates DROP COLUMN attempts");
    tx.update("ALTER TABLE updates DROP COLUMN next_attempt_at");
    tx.update("ALTER TABLE outbox DROP COLUMN due_by");
    tx.update("ALTER TABLE outbox DROP COLUMN log_id");
    tx.update("DELETE FROM schema_version WHERE version >= 9");
  }
}
