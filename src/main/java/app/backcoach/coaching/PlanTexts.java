package app.backcoach.coaching;

import app.backcoach.storage.DatabaseException;
import app.backcoach.storage.Tx;
import java.util.Optional;

/**
 * Plans' sections, each distinct text stored once in {@code plan_texts} and pointed at by the
 * user's {@code plan_sections} row; a text no user points at is deleted.
 */
public final class PlanTexts {
  private PlanTexts() {}

  /** Points the chat's plan at {@code sections} (JSON), storing the text if it is new. */
  public static void set(Tx tx, long chatId, String sections) {
    Optional<Long> before = textOf(tx, chatId);
    tx.update(
        "INSERT INTO plan_texts (sections) VALUES (?) ON CONFLICT (sections) DO NOTHING", sections);
    long id =
        tx.one("SELECT id FROM plan_texts WHERE sections = ?", rs -> rs.getLong("id"), sections)
            .orElseThrow(() -> new DatabaseException("plan text vanished after insert", null));
    tx.update(
        "INSERT INTO plan_sections (chat_id, text_id) VALUES (?, ?) ON CONFLICT (chat_id) DO UPDATE"
            + " SET text_id = excluded.text_id",
        chatId,
        id);
    if (before.isPresent() && before.get() != id) {
      deleteIfUnused(tx, before.get());
    }
  }

  /** Removes the chat's pointer, and the text if no one else has it (the plan is being deleted). */
  public static void remove(Tx tx, long chatId) {
    Optional<Long> before = textOf(tx, chatId);
    tx.update("DELETE FROM plan_sections WHERE chat_id = ?", chatId);
    before.ifPresent(id -> deleteIfUnused(tx, id));
  }

  /** The id of the text the chat's plan points at, if it has a plan. */
  public static Optional<Long> textOf(Tx tx, long chatId) {
    return tx.one(
        "SELECT text_id FROM plan_sections WHERE chat_id = ?", rs -> rs.getLong("text_id"), chatId);
  }

  /** The sections JSON stored under {@code id}. */
  public static Optional<String> sections(Tx tx, long id) {
    return tx.one(
        "SELECT sections FROM plan_texts WHERE id = ?", rs -> rs.getString("sections"), id);
  }

  /** The chat's plan sections (JSON), if it has a plan. */
  public static Optional<String> sectionsOf(Tx tx, long chatId) {
    return tx.one(
        "SELECT t.sections FROM plan_sections p JOIN plan_texts t ON t.id = p.text_id"
            + " WHERE p.chat_id = ?",
        rs -> rs.getString("sections"),
        chatId);
  }

  private static void deleteIfUnused(Tx tx, long id) {
    tx.update(
        "DELETE FROM plan_texts WHERE id = ? AND NOT EXISTS"
            + " (SELECT 1 FROM plan_sections p WHERE p.text_id = ?)",
        id,
        id);
  }
}
