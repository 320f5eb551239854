package app.backcoach.privacy;

import static app.backcoach.privacy.UserDataTest.USER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.backcoach.TestContent;
import app.backcoach.chat.ChatService;
import app.backcoach.conversation.Engine;
import app.backcoach.delivery.Outbox;
import app.backcoach.storage.Database;
import app.backcoach.storage.Json;
import app.backcoach.storage.Quarantine;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The export as a tool reads it: checked value by value against docs/EXPORT.md. */
class ExportTest {
  static final Instant NOW = Instant.parse("2026-11-28T07:30:00Z");
  static final Instant PAUSED = Instant.parse("2026-12-05T07:30:00.250Z");

  /** Field names that hold an instant, wherever they are in the tree (plan bodies included). */
  static final Pattern INSTANT_NAME = Pattern.compile(".*(_at|At|_until)|.*_due.*|last_activity");

  @TempDir Path dir;

  @Test
  void exportWritesWholeNumbersAsIntegersAndInstantsAsIsoText() throws Exception {
    JsonNode json = exportOfAFullUser();
    List<String> problems = new ArrayList<>();
    walk(json, "$", problems);
    assertTrue(
        problems.isEmpty(),
        problems.size()
            + " problems, the first: "
            + problems.subList(0, Math.min(5, problems.size())));

    assertEquals(UserData.FORMAT, json.get("format").intValue());
    assertTrue(json.get("chatId").isIntegralNumber());
    assertEquals(USER, json.get("chatId").longValue());
    JsonNode user = json.get("users").get(0);
    assertTrue(user.get("chat_id").isIntegralNumber(), user.get("chat_id").toString());
    assertEquals(USER, user.get("chat_id").longValue());
    assertEquals(NOW.toString(), user.get("created_at").textValue());
    assertEquals(true, user.get("consented").booleanValue());
    assertEquals(true, user.get("active").booleanValue());
    assertEquals("2026-12-05T07:30:00.250Z", user.get("paused_until").textValue());
    assertEquals("Europe/Berlin", user.get("time_zone").textValue());
    for (JsonNode reminder : json.get("reminders")) {
      assertEquals(USER, reminder.get("chat_id").longValue());
      assertTrue(reminder.get("enabled").isBoolean(), reminder.toString());
      assertTrue(reminder.get("days").get(0).isInt(), reminder.toString());
    }
    JsonNode log = json.get("reminder_log").get(0);
    assertEquals("1970-01-01T00:00:00Z", log.get("due_at").textValue(), "due at epoch 0");
    assertEquals(NOW.toString(), log.get("outcome_at").textValue(), "tapped Done now");
    JsonNode checkin = json.get("checkins").get(0);
    assertEquals(3, checkin.get("pain").intValue());
    assertEquals(2, checkin.get("sessions").intValue());
    assertEquals("2026-11-23", checkin.get("week_of").textValue());
    assertTrue(json.get("plans").get(0).get("body").has("fixes"), "the plan as JSON");
    assertEquals("{not json", json.get("quarantine").get(0).get("body").textValue());
    assertEquals(1, json.get("updatesWaiting").intValue());
  }

  @Test
  void exportHasTheDocumentedKeysAndTheDocumentedTypeInEveryField() throws Exception {
    JsonNode json = exportOfAFullUser();
    Map<String, Map<String, String>> doc = documented();
    Map<String, String> top = doc.remove("Top-level keys");
    assertEquals(List.copyOf(top.keySet()), names(json), "top-level keys, in order");
    assertEquals(UserData.TABLES, List.copyOf(doc.keySet()), "a section per table");
    top.forEach((key, type) -> assertType(type, json.get(key), key));
    doc.forEach(
        (table, fields) -> {
          assertTrue(json.get(table).size() > 0, "the test user has a row in " + table);
          for (JsonNode row : json.get(table)) {
            assertEquals(List.copyOf(fields.keySet()), names(row), table + "'s fields, in order");
            fields.forEach((field, type) -> assertType(type, row.get(field), table + "." + field));
          }
        });
  }

  @Test
  void everyFlagAndJsonColumnOfTheRuleExistsWithItsDeclaredType() {
    // A renamed column would otherwise fall back to an integer or a string without a word.
    try (Database db = app.backcoach.TestDatabases.open(dir.resolve("s.db"), Clock.systemUTC())) {
      for (String column : ExportColumns.FLAGS) {
        assertEquals("INTEGER", declared(db, column), column);
      }
      for (String column : ExportColumns.JSON) {
        assertEquals("TEXT", declared(db, column), column);
      }
    }
  }

  @Test
  void aColumnOfATypeTheRuleDoesNotKnowStopsTheExport() {
    var e =
        assertThrows(
            IllegalStateException.class, () -> ExportColumns.kind("users", "photo", "BLOB"));
    assertTrue(e.getMessage().contains("users.photo is declared 'BLOB'"), e.getMessage());
  }

  /**
   * {@link UserDataTest#fullUser} at a fixed time, with what it leaves empty filled in: a pause, a
   * whole adherence, a group-chat notice, a quarantined update, a sent and a retried message, and
   * an update waiting.
   */
  private JsonNode exportOfAFullUser() throws Exception {
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    try (Database db = app.backcoach.TestDatabases.open(dir.resolve("e.db"), clock)) {
      ChatService chat =
          new ChatService(db, new Engine(TestContent.bundle()), TestContent.bundle(), clock);
      UserDataTest.fullUser(db, chat, USER);
      byte[] export =
          db.write(
              tx -> {
                tx.update(
                    "UPDATE users SET paused_until = ? WHERE chat_id = ?",
                    PAUSED.toEpochMilli(),
                    USER);
                tx.update("UPDATE checkins SET adherence = 1.0 WHERE chat_id = ?", USER);
                tx.update(
                    "INSERT INTO chat_notices (chat_id, noticed_at) VALUES (?, ?)",
                    USER,
                    NOW.toString());
                tx.update(
                    "INSERT INTO updates (update_id, chat_id, received_at, body) VALUES (?, ?, ?, ?)",
                    4242,
                    USER,
                    NOW.toString(),
                    "{}");
                new Quarantine()
                    .add(
                        tx,
                        Quarantine.Kind.UPDATE,
                        4241,
                        USER,
                        "does not decode",
                        new IllegalArgumentException("bad"),
                        "{not json",
                        NOW);
                List<Outbox.Item> pending = new Outbox().pendingFor(tx, USER);
                new Outbox().markSent(tx, pending.get(0).id(), NOW);
                new Outbox().retryAt(tx, pending.get(1).id(), NOW.toEpochMilli() + 1500, "timeout");
                return UserData.export(tx, USER, NOW);
              });
      return Json.MAPPER.readTree(export);
    }
  }

  /** Every whole number written as a decimal, and every instant-named field that is not one. */
  private static void walk(JsonNode node, String path, List<String> problems) {
    if (node.isFloatingPointNumber() && node.doubleValue() == Math.rint(node.doubleValue())) {
      problems.add(path + " is " + node + ": a whole number written as a decimal");
    }
    for (int i = 0; node.isArray() && i < node.size(); i++) {
      walk(node.get(i), path + "[" + i + "]", problems);
    }
    node.fields()
        .forEachRemaining(
            f -> {
              String at = path + "." + f.getKey();
              JsonNode v = f.getValue();
              if (INSTANT_NAME.matcher(f.getKey()).matches() && !v.isNull() && !isInstant(v)) {
                problems.add(at + " is " + v + ": not an ISO-8601 instant");
              }
              walk(v, at, problems);
            });
  }

  private static boolean isInstant(JsonNode v) {
    try {
      return v.isTextual() && Instant.parse(v.textValue()) != null;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  private static void assertType(String documented, JsonNode v, String where) {
    boolean nullable = documented.endsWith(" or null");
    String type = documented.replace(" or null", "");
    boolean ok =
        switch (type) {
          case "integer" -> v.isIntegralNumber();
          case "number" -> v.isNumber();
          case "boolean" -> v.isBoolean();
          case "string" -> v.isTextual();
          case "instant" -> isInstant(v);
          case "array", "rows" -> v.isArray();
          case "object" -> v.isObject();
          default -> throw new AssertionError(where + ": docs/EXPORT.md has no type " + type);
        };
    assertTrue(
        ok || (nullable && v.isNull()), where + " is " + v + ", documented as " + documented);
  }

  private static final Pattern SECTION = Pattern.compile("^## (Top-level keys)$|^### `([a-z_]+)`$");
  private static final Pattern FIELD = Pattern.compile("^\\| `([A-Za-z_]+)` \\| ([a-z ]+) \\|");

  /**
   * The fields documented in docs/EXPORT.md, with their types, per section ("Top-level keys", then
   * one per table), in order.
   */
  private static Map<String, Map<String, String>> documented() throws Exception {
    Map<String, Map<String, String>> out = new LinkedHashMap<>();
    Map<String, String> section = null;
    for (String line : Files.readAllLines(Path.of("docs/EXPORT.md"))) {
      Matcher heading = SECTION.matcher(line);
      Matcher field = FIELD.matcher(line);
      if (heading.matches()) {
        section = new LinkedHashMap<>();
        out.put(heading.group(1) != null ? heading.group(1) : heading.group(2), section);
      } else if (line.startsWith("#")) {
        section = null;
      } else if (field.find() && section != null) {
        section.put(field.group(1), field.group(2));
      }
    }
    out.values().removeIf(Map::isEmpty);
    return out;
  }

  private static List<String> names(JsonNode object) {
    List<String> names = new ArrayList<>();
    object.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static String declared(Database db, String qualified) {
    String[] parts = qualified.split("\\.");
    return db.read(
        tx ->
            tx.one(
                    tx.dialect() == Database.Dialect.SQLITE
                        ? "SELECT type FROM pragma_table_info(?) WHERE name = ?"
                        : "SELECT CASE data_type WHEN 'bigint' THEN 'INTEGER' WHEN 'double"
                            + " precision' THEN 'REAL' ELSE upper(data_type) END AS type FROM"
                            + " information_schema.columns WHERE table_schema = current_schema()"
                            + " AND table_name = ? AND column_name = ?",
                    rs -> rs.getString("type"),
                    parts[0],
                    parts[1])
                .orElse("no such column"));
  }
}
