package app.backcoach.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.backcoach.reply.Button;
import app.backcoach.reply.Delivery;
import app.backcoach.reply.Reply;
import app.backcoach.storage.Database;
import app.backcoach.storage.DatabaseException;
import app.backcoach.storage.Downgrade;
import app.backcoach.storage.Json;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutboxTemplatesTest {
  @TempDir Path dir;

  private static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");
  private final Outbox outbox = new Outbox();

  private static Delivery withId(String id) {
    return Delivery.send(
        Reply.withButtons(
            "Stand up, log " + id + " (\"quoted\", <b>)",
            List.of(
                List.of(
                    new Button("Done", "rm:" + id + ":d"),
                    new Button("Skip", "rm:" + id + ":k")))));
  }

  @Test
  void rowsFromATemplateReadBackAsTheFullDeliveryEverywhere() {
    try (Database db = app.backcoach.TestDatabases.open(dir.resolve("t.db"), Clock.systemUTC())) {
      long template =
          db.write(
              tx -> {
                Long id = outbox.template(tx, withId(Outbox.MARKER), NOW);
                outbox.insert(
                    tx,
                    List.of(
                        outbox.fromTemplate(7, id, "41", Outbox.SCHEDULED, NOW),
                        outbox.row(8, Json.write(withId("own")), Outbox.SCHEDULED, NOW),
                        outbox.fromTemplate(8, id, "42", Outbox.SCHEDULED, NOW),
                        outbox.fromTemplate(9, id, "43", Outbox.INTERACTIVE, NOW)));
                return id;
              });
      assertEquals(
          List.of(withId("41")),
          db.read(tx -> outbox.pendingFor(tx, 7)).stream().map(Outbox.Item::delivery).toList());
      assertEquals(
          List.of(withId("own"), withId("42")),
          db.read(tx -> outbox.pendingFor(tx, 8)).stream().map(Outbox.Item::delivery).toList());
      assertEquals(
          List.of(withId("43")),
          db.read(tx -> outbox.nextInteractive(tx, 9, NOW.toEpochMilli())).stream()
              .map(Outbox.Item::delivery)
              .toList());
      assertEquals(
          List.of(withId("43"), withId("41"), withId("own")),
          db.read(tx -> outbox.due(tx, NOW.toEpochMilli(), 10)).stream()
              .map(Outbox.Item::delivery)
              .toList(),
          "each chat's oldest, interactive first");
      List<String> bodies =
          db.read(
              tx ->
                  tx.query(
                      Outbox.MESSAGES + " WHERE o.chat_id = 8 ORDER BY o.id",
                      rs -> rs.getString("body")));
      assertEquals(List.of(Json.write(withId("own")), Json.write(withId("42"))), bodies);

      // A row must have a body or a template, not both and not neither.
      assertThrows(
          DatabaseException.class,
          () ->
              db.write(
                  tx ->
                      tx.update(
                          "INSERT INTO outbox (chat_id, created_at, priority, body, template_id)"
                              + " VALUES (1, 'x', 1, 'b', ?)",
                          template)));
      assertThrows(
          DatabaseException.class,
          () ->
              db.write(
                  tx ->
                      tx.update(
                          "INSERT INTO outbox (chat_id, created_at, priority) VALUES (1, 'x', 1)")));
    }
  }

  @Test
  void aDeliveryTooLongForOneMessageGetsNoTemplate() {
    try (Database db = app.backcoach.TestDatabases.open(dir.resolve("l.db"), Clock.systemUTC())) {
      Delivery longOne =
          Delivery.send(Reply.text(("word ".repeat(300).strip() + "\n\n").repeat(4).strip()));
      assertNull(db.write(tx -> outbox.template(tx, longOne, NOW)));
      assertEquals(
          0, (int) db.<Integer>read(tx -> tx.count("SELECT COUNT(*) FROM outbox_templates")));
    }
  }

  @Test
  void onlyTemplatesUnusedAndOlderThanTheCutoffArePurged() {
    try (Database db = app.backcoach.TestDatabases.open(dir.resolve("p.db"), Clock.systemUTC())) {
      Instant old = NOW.minus(Duration.ofDays(2));
      List<Long> ids =
          db.write(
              tx -> {
                long usedOld = outbox.template(tx, withId(Outbox.MARKER), old);
                long unusedOld = outbox.template(tx, withId(Outbox.MARKER), old);
                long unusedNew = outbox.template(tx, withId(Outbox.MARKER), NOW);
                outbox.insert(tx, List.of(outbox.fromTemplate(1, usedOld, "5", 1, old)));
                return List.of(usedOld, unusedOld, unusedNew);
              });
      assertEquals(
          1,
          (int) db.<Integer>write(tx -> outbox.purgeTemplates(tx, NOW.minus(Duration.ofDays(1)))));
      assertEquals(
          List.of(ids.get(0), ids.get(2)),
          db.read(
              tx -> tx.query("SELECT id FROM outbox_templates ORDER BY id", rs -> rs.getLong(1))));
      // While its row waits, the used one stays; once the row is delivered and purged, it goes.
      assertEquals(0, (int) db.<Integer>write(tx -> outbox.purgeFinished(tx, NOW, 10)));
      assertEquals(
          0,
          (int) db.<Integer>write(tx -> outbox.purgeTemplates(tx, NOW.minus(Duration.ofDays(1)))));
      db.write(tx -> tx.update("UPDATE outbox SET sent_at = 'x'"));
      assertEquals(1, (int) db.<Integer>write(tx -> outbox.purgeFinished(tx, NOW, 10)));
      assertEquals(
          1,
          (int) db.<Integer>write(tx -> outbox.purgeTemplates(tx, NOW.minus(Duration.ofDays(1)))));
      assertEquals(
          List.of(ids.get(2)),
          db.read(
              tx -> tx.query("SELECT id FROM outbox_templates ORDER BY id", rs -> rs.getLong(1))));
    }
  }

  @Test
  void migrationV7KeepsEveryRowAndNeverReusesAnId() {
    org.junit.jupiter.api.Assumptions.assumeFalse(
        app.backcoach.TestDatabases.postgres(), "SQLite only: its file, or its schema history");
    Path file = dir.resolve("v6.db");
    try (Database db = app.backcoach.TestDatabases.open(file, Clock.systemUTC())) {
      // Back to the V6 outbox, holding one pending and one sent row after a deleted one with id 50.
      db.write(
          tx -> {
            Downgrade.undoV9(tx);
            tx.update("DROP TABLE outbox");
            tx.update("DROP TABLE outbox_templates");
            tx.update(
                "CREATE TABLE outbox (id INTEGER PRIMARY KEY AUTOINCREMENT, chat_id INTEGER NOT NULL,"
                    + " created_at TEXT NOT NULL, priority INTEGER NOT NULL, body TEXT NOT NULL,"
                    + " attempts INTEGER NOT NULL DEFAULT 0, next_attempt_at INTEGER, last_error TEXT,"
                    + " sent_at TEXT, dropped_at TEXT)");
            tx.update(
                "INSERT INTO outbox (id, chat_id, created_at, priority, body, sent_at, attempts)"
                    + " VALUES (10, 1, 'x', 1, ?, NULL, 2), (20, 1, 'x', 1, ?, 'y', 0), (50, 2, 'x', 1, 'z', NULL, 0)",
                Json.write(withId("a")),
                Json.write(withId("b")));
            tx.update("DELETE FROM outbox WHERE id = 50");
            return tx.update("DELETE FROM schema_version WHERE version >= 7");
          });
    }
    try (Database db = app.backcoach.TestDatabases.open(file, Clock.systemUTC())) {
      List<Outbox.Item> pending = db.read(tx -> outbox.pendingFor(tx, 1));
      assertEquals(1, pending.size());
      assertEquals(10, pending.get(0).id());
      assertEquals(2, pending.get(0).attempts());
      assertEquals(withId("a"), pending.get(0).delivery());
      assertEquals(2, (int) db.<Integer>read(tx -> tx.count("SELECT COUNT(*) FROM outbox")));
      db.write(
          tx -> {
            outbox.enqueue(tx, 3, List.of(withId("c")), Outbox.SCHEDULED, NOW);
            return null;
          });
      long newId = db.read(tx -> outbox.pendingFor(tx, 3)).get(0).id();
      assertTrue(newId > 50, "ids are never reused: " + newId);
      assertEquals(
          3,
          (int)
              db.<Integer>read(
                  tx ->
                      tx.count(
                          "SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND tbl_name = 'outbox'")));
    }
  }
}
