package app.backcoach.privacy;

import app.backcoach.storage.Json;
import app.backcoach.storage.Tx;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.ResultSetMetaData;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything stored about one user: exported as one JSON document, or erased from every table. The
 * table list is the one place to extend when a migration adds a table with a chat id; a test checks
 * that no table is missed.
 */
public final class UserData {
  /** Tables with rows about a user, keyed by chat_id, in the order they can be deleted. */
  public static final List<String> TABLES =
      List.of(
          "reminder_log",
          "checkins",
          "reminders",
          "answers",
          "plan_sections",
          "plans",
          "conversations",
          "outbox",
          "chat_notices",
          "quarantine",
          "users");

  private UserData() {}

  /** Rows in a stable order on either engine: as given for answers, by id where there is one. */
  private static String order(Tx tx, String table) {
    return switch (table) {
      case "answers" -> " ORDER BY " + tx.insertionOrder();
      case "reminder_log", "checkins", "reminders", "quarantine" -> " ORDER BY id";
      default -> ""; // one row per user
    };
  }

  /**
   * The export's format: 2 since integers, instants and flags are written by the rule in {@link
   * ExportColumns}. Raised when the shape changes in a way a tool reading it must know.
   */
  public static final int FORMAT = 2;

  /**
   * A JSON document with every stored row about the user, table by table, in the shape
   * docs/EXPORT.md describes.
   */
  public static byte[] export(Tx tx, long chatId, Instant now) {
    ObjectNode doc = Json.MAPPER.createObjectNode();
    doc.put("format", FORMAT);
    doc.put("exportedAt", now.toString());
    doc.put("chatId", chatId);
    for (String table : TABLES) {
      doc.set(table, rows(tx, table, chatId));
    }
    doc.put(
        "updatesWaiting",
        tx.count("SELECT COUNT(*) FROM updates WHERE chat_id = ? AND applied_at IS NULL", chatId));
    try {
      return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(doc);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("export of chat " + chatId + " failed: " + e.getMessage(), e);
    }
  }

  private static ArrayNode rows(Tx tx, String table, long chatId) {
    Map<String, ExportColumns.Kind> kinds = ExportColumns.of(tx, table);
    ArrayNode out = Json.MAPPER.createArrayNode();
    tx.query(
        // Outbox rows made from a template are exported with their message in full.
        table.equals("outbox")
            ? app.backcoach.delivery.Outbox.MESSAGES + " WHERE o.chat_id = ? ORDER BY o.id"
            : "SELECT * FROM " + table + " WHERE chat_id = ?" + order(tx, table),
        rs -> {
          ResultSetMetaData meta = rs.getMetaData();
          ObjectNode row = out.addObject();
          for (int i = 1; i <= meta.getColumnCount(); i++) {
            String name = meta.getColumnName(i);
            ExportColumns.Kind kind = kinds.get(name);
            if (kind == null && name.equals("seq")) {
              continue; // PostgreSQL's insertion order (Tx.insertionOrder), not about the user
            }
            if (kind == null) {
              throw new IllegalStateException(
                  "export: " + table + " has no column " + name + " in its schema");
            }
            row.set(name, ExportColumns.value(rs, i, kind, table + "." + name));
          }
          return null;
        },
        chatId);
    return out;
  }

  /**
   * Removes every row about the user. Updates already applied keep only their id (so a repeat from
   * Telegram is still recognised); the chat id and contents are cleared.
   */
  public static void erase(Tx tx, long chatId) {
    // The plan's text is shared by everyone with the same plan; it goes when no one is left.
    app.backcoach.coaching.PlanTexts.remove(tx, chatId);
    for (String table : TABLES) {
      tx.update("DELETE FROM " + table + " WHERE chat_id = ?", chatId);
    }
    tx.update(
        "UPDATE updates SET chat_id = NULL, body = NULL WHERE chat_id = ? AND applied_at IS NOT NULL",
        chatId);
  }
}
