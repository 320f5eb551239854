package app.backcoach.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.backcoach.TestContent;
import app.backcoach.chat.ChatService;
import app.backcoach.conversation.Engine;
import app.backcoach.conversation.Event;
import app.backcoach.conversation.Inputs;
import app.backcoach.delivery.Outbox;
import app.backcoach.delivery.OutboxSender;
import app.backcoach.delivery.SendLimits;
import app.backcoach.delivery.Transport;
import app.backcoach.reminders.ReminderService;
import app.backcoach.reply.Delivery;
import app.backcoach.storage.Database;
import app.backcoach.storage.Json;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserDataTest {
  static final long USER = 987654321L;
  static final long OTHER = 555L;
  @TempDir Path dir;

  /**
   * A user with everything: profile, answers, plan, reminders, a sent reminder with Done, a
   * check-in, queued messages.
   */
  static void fullUser(Database db, ChatService chat, long chatId) {
    chat.handle(chatId, Inputs.parse("/start"));
    chat.handle(chatId, Inputs.parse("yes"));
    for (String line : app.backcoach.ConsoleScript.GYM_DESK_WORKER) {
      chat.handle(chatId, Inputs.parse(line));
    }
    chat.handle(chatId, new Event.Tap("rp:y"));
    db.write(
        tx -> {
          tx.update(
              "UPDATE users SET quiet_start = '00:00', quiet_end = '00:00' WHERE chat_id = ?",
              chatId);
          return tx.update(
              "UPDATE reminders SET next_due_at = 0 WHERE chat_id = ? AND kind = 'MOBILITY'",
              chatId);
        });
    new ReminderService(
            db, TestContent.bundle(), Clock.systemUTC(), Duration.ofDays(100000), () -> {})
        .runDue();
    long log =
        db.read(
            tx ->
                tx.one("SELECT id FROM reminder_log WHERE chat_id = ?", rs -> rs.getLong(1), chatId)
                    .orElseThrow());
    chat.handle(chatId, new Event.Tap("rm:" + log + ":d"));
    for (String line : new String[] {"/checkin", "3", "2", "about right", "none"}) {
      chat.handle(chatId, Inputs.parse(line));
    }
  }

  @Test
  void deleteRemovesEveryRowAboutTheUserFromEveryTable() {
    Clock clock = Clock.systemUTC();
    try (Database db = app.backcoach.TestDatabases.open(dir.resolve("d.db"), clock)) {
      ChatService chat =
          new ChatService(db, new Engine(TestContent.bundle()), TestContent.bundle(), clock);
      fullUser(db, chat, USER);
      fullUser(db, chat, OTHER);
      int otherRows = rowsMentioning(db, OTHER);
      assertTrue(
          rowsMentioning(db, USER) > 40,
          "the user has data everywhere: " + rowsMentioning(db, USER));
      assertTrue(
          db.read(tx -> new Outbox().pendingFor(tx, USER)).size() > 10, "queued messages exist");

      chat.handle(USER, new Event.Command("delete", ""));
      chat.handle(USER, new Event.Tap("del:y"));
      // Deliver what is queued, including the confirmation, as the bot would.
      List<String> delivered = new ArrayList<>();
      Transport fake =
          (chatId, d) -> {
            if (d.kind() == Delivery.Kind.SEND) {
              delivered.add(d.reply().text());
            }
            return new Transport.Result.Sent();
          };
      try (OutboxSender sender =
          new OutboxSender(db, fake, clock, new SendLimits(1000, 1000, 1000, 1000, 2)).start()) {
        long until = System.nanoTime() + 10_000_000_000L;
        while (db.read(
                    tx ->
                        tx.count(
                            "SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL AND dropped_at IS NULL"))
                > 0
            && System.nanoTime() < until) {
          Thread.onSpinWait();
        }
      }
      assertTrue(
          delivered.stream()
              .anyMatch(t -> t.startsWith("Done: everything I stored about you is deleted")));
      assertEquals(0, rowsMentioning(db, USER), "nothing with the user's id remains anywhere");
      assertEquals(otherRows, rowsMentioning(db, OTHER), "another user is untouched");
    }
  }

  @Test
  void erasingTheLastUserWithAPlanDeletesItsSharedText() {
    try (Database db = app.backcoach.TestDatabases.open(dir.resolve("p.db"), Clock.systemUTC())) {
      db.write(
          tx -> {
            for (long c : new long[] {USER, OTHER}) {
              tx.update(
                  "INSERT INTO users (chat_id, created_at, updated_at, consented, time_zone)"
                      + " VALUES (?, 'x', 'x', 1, 'UTC')",
                  c);
              tx.update("INSERT INTO plans (chat_id, created_at, body) VALUES (?, 'x', '{}')", c);
              app.backcoach.coaching.PlanTexts.set(tx, c, "[\"the same plan\"]");
            }
            UserData.erase(tx, USER);
            return null;
          });
      assertEquals(
          1,
          (int) db.<Integer>read(tx -> tx.count("SELECT COUNT(*) FROM plan_texts")),
          "still OTHER's");
      db.write(
          tx -> {
            UserData.erase(tx, OTHER);
            return null;
          });
      assertEquals(
          0,
          (int) db.<Integer>read(tx -> tx.count("SELECT COUNT(*) FROM plan_texts")),
          "no one's now");
    }
  }

  @Test
  void everyTableWithAChatIdIsCoveredByExportAndErase() {
    try (Database db = app.backcoach.TestDatabases.open(dir.resolve("t.db"), Clock.systemUTC())) {
      List<String> tables = db.read(app.backcoach.TestDatabases::tables);
      for (String t : tables) {
        boolean hasChat =
            db.read(tx -> app.backcoach.TestDatabases.columns(tx, t).contains("chat_id"));
        if (hasChat && !t.equals("updates")) {
          assertTrue(
              UserData.TABLES.contains(t),
              "table " + t + " has a chat_id but UserData does not cover it");
        }
      }
    }
  }

  @Test
  void exportHoldsEverythingStoredAboutTheUserAsJson() throws Exception {
    Clock clock = Clock.systemUTC();
    try (Database db = app.backcoach.TestDatabases.open(dir.resolve("e.db"), clock)) {
      ChatService chat =
          new ChatService(db, new Engine(TestContent.bundle()), TestContent.bundle(), clock);
      fullUser(db, chat, USER);
      chat.handle(USER, new Event.Command("export", ""));
      Delivery doc =
          db.read(tx -> new Outbox().pendingFor(tx, USER)).stream()
              .map(Outbox.Item::delivery)
              .filter(d -> d.kind() == Delivery.Kind.DOCUMENT)
              .findFirst()
              .orElseThrow();
      var json = Json.MAPPER.readTree(doc.image());
      assertEquals(USER, json.get("chatId").asLong());
      for (String table : UserData.TABLES) {
        assertTrue(json.has(table), table);
      }
      assertTrue(
          json.get("answers").size() >= app.backcoach.ConsoleScript.GYM_DESK_WORKER.length,
          "all answers");
      assertEquals("Europe/Berlin", json.get("users").get(0).get("time_zone").asText());
      assertTrue(
          json.get("plans").get(0).get("body").has("fixes"),
          "the plan as JSON, not an escaped string");
      assertEquals(4, json.get("reminders").size());
      assertEquals("done", json.get("reminder_log").get(0).get("outcome").asText());
      assertEquals(1, json.get("checkins").size());
      // The reminder was queued from a shared template; the export shows the message itself.
      var mobility =
          java.util.stream.StreamSupport.stream(json.get("outbox").spliterator(), false)
              .filter(row -> row.get("body").toString().contains("rm:" + reminderLog(db) + ":d"))
              .toList();
      assertEquals(1, mobility.size(), "the reminder with its own log id in its buttons");
      assertFalse(mobility.get(0).has("template_id"));
      // The first message (welcome, note and consent in one) reads as shown, not with the
      // separator of its parts.
      String first = json.get("outbox").get(0).get("body").get("reply").get("text").asText();
      assertTrue(first.contains("\n\nBefore we start"), first);
      assertFalse(json.toString().contains("\u2029"), "no part separator in the export");
    }
  }

  private static long reminderLog(Database db) {
    return db.read(
        tx ->
            tx.one("SELECT id FROM reminder_log WHERE chat_id = ?", rs -> rs.getLong(1), USER)
                .orElseThrow());
  }

  /** Rows in any table with a column whose value is the chat id (as a number or as text). */
  static int rowsMentioning(Database db, long chatId) {
    return db.read(
        tx -> {
          int total = 0;
          for (String t : app.backcoach.TestDatabases.tables(tx)) {
            for (String col : app.backcoach.TestDatabases.columns(tx, t)) {
              total +=
                  tx.count(
                      "SELECT COUNT(*) FROM \"" + t + "\" WHERE CAST(\"" + col + "\" AS TEXT) = ?",
                      String.valueOf(chatId));
            }
          }
          return total;
        });
  }
}
