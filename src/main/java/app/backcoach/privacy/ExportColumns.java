package app.backcoach.privacy;

import app.backcoach.reply.Reply;
import app.backcoach.storage.DatabaseException;
import app.backcoach.storage.Json;
import app.backcoach.storage.Tx;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * How each stored column is written in the export (docs/EXPORT.md): decided once per column from
 * its declared type and name in the schema, never from the value in a row.
 */
final class ExportColumns {
  /** What a column becomes in JSON. */
  enum Kind {
    /** INTEGER: a JSON integer. */
    INTEGER,
    /** INTEGER named {@code *_at} or {@code *_until}: epoch milliseconds, as ISO-8601 UTC text. */
    INSTANT,
    /** INTEGER listed in {@link #FLAGS}: 0 or 1, as false or true. */
    FLAG,
    /** REAL: a JSON number. */
    NUMBER,
    /** TEXT: a string, as stored (instants stored as text are ISO-8601 already). */
    TEXT,
    /** TEXT listed in {@link #JSON}: the stored JSON, embedded as JSON. */
    JSON
  }

  /** INTEGER columns that hold a yes/no as 0 or 1; the schema cannot say so itself. */
  static final Set<String> FLAGS =
      Set.of(
          "users.consented",
          "users.disclaimer_shown",
          "users.active",
          "reminders.enabled",
          "reminders.once");

  /**
   * TEXT columns that always hold JSON, written by the code with {@link Json}. The quarantine's
   * {@code body} is not one: it is an item as it was stored, which may be exactly what failed.
   */
  static final Set<String> JSON =
      Set.of(
          "users.red_flags",
          "conversations.selection",
          "answers.options",
          "reminders.days",
          "plans.body",
          "outbox.body");

  private static final String PART = String.valueOf(Reply.PART_BREAK);

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** Whole numbers a double holds exactly (2^53): written as integers. */
  private static final double EXACT = 9_007_199_254_740_992d;

  private ExportColumns() {}

  /** The kind of every column of {@code table}, by name, from the declared schema. */
  static Map<String, Kind> of(Tx tx, String table) {
    Map<String, Kind> kinds = new LinkedHashMap<>();
    tx.query(
        tx.dialect() == app.backcoach.storage.Database.Dialect.SQLITE
            ? "SELECT name, type FROM pragma_table_info(?)"
            // PostgreSQL's names for the same declared types (db/postgresql/V1__init.sql).
            : "SELECT column_name AS name, CASE data_type WHEN 'bigint' THEN 'INTEGER'"
                + " WHEN 'double precision' THEN 'REAL' WHEN 'text' THEN 'TEXT' ELSE data_type END"
                + " AS type FROM information_schema.columns WHERE table_schema = current_schema()"
                + " AND table_name = ? AND column_name <> 'seq' ORDER BY ordinal_position",
        rs ->
            kinds.put(
                rs.getString("name"), kind(table, rs.getString("name"), rs.getString("type"))),
        table);
    return kinds;
  }

  /** The rule: the declared type, then the name for instants, then the lists above. */
  static Kind kind(String table, String column, String declaredType) {
    String qualified = table + "." + column;
    boolean instant = column.endsWith("_at") || column.endsWith("_until");
    return switch (declaredType.toUpperCase(Locale.ROOT)) {
      case "INTEGER", "BIGINT" ->
          FLAGS.contains(qualified) ? Kind.FLAG : instant ? Kind.INSTANT : Kind.INTEGER;
      case "REAL" -> Kind.NUMBER;
      case "TEXT" -> JSON.contains(qualified) ? Kind.JSON : Kind.TEXT;
      default ->
          throw new IllegalStateException(
              "export: column "
                  + qualified
                  + " is declared '"
                  + declaredType
                  + "', which has no rule in ExportColumns");
    };
  }

  /** Column {@code i} of the current row as {@code kind} says; SQL NULL is JSON null. */
  static JsonNode value(ResultSet rs, int i, Kind kind, String where) throws SQLException {
    if (rs.getObject(i) == null) {
      return NODES.nullNode();
    }
    // A message of several parts reads as it was shown: parts separated by a blank line.
    return switch (kind) {
      case INTEGER -> NODES.numberNode(rs.getLong(i));
      case INSTANT -> NODES.textNode(Instant.ofEpochMilli(rs.getLong(i)).toString());
      case FLAG -> NODES.booleanNode(rs.getLong(i) != 0);
      case NUMBER -> number(rs.getDouble(i));
      case TEXT -> NODES.textNode(rs.getString(i).replace(PART, "\n\n"));
      case JSON -> json(rs.getString(i).replace(PART, "\\n\\n"), where);
    };
  }

  /**
   * JSON has one number type: a whole value is written as JavaScript and Go write it, 1 not 1.0.
   */
  private static JsonNode number(double d) {
    return d == Math.rint(d) && Math.abs(d) <= EXACT
        ? NODES.numberNode((long) d)
        : NODES.numberNode(d);
  }

  private static JsonNode json(String text, String where) {
    try {
      return Json.MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw DatabaseException.badRow(
          "export: " + where + " is not JSON: " + e.getOriginalMessage(), e);
    }
  }
}
