package app.backcoach.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import app.backcoach.reply.Delivery;
import app.backcoach.reply.Reply;
import app.backcoach.storage.Database;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which of a chat's waiting items goes next. */
class OutboxOrderTest {
  @TempDir Path dir;
  private static final Instant NOW = Instant.parse("2026-03-02T22:30:00Z");
  private final Outbox outbox = new Outbox();

  private long queue(Database db, String text, int priority, Long heldUntil) {
    return db.write(
        tx -> {
          outbox.enqueue(tx, 1, List.of(Delivery.send(Reply.text(text))), priority, NOW);
          long id =
              tx.one("SELECT MAX(id) AS id FROM outbox", rs -> rs.getLong("id")).orElseThrow();
          tx.update("UPDATE outbox SET next_attempt_at = ? WHERE id = ?", heldUntil, id);
          return id;
        });
  }

  /** A fresh test database of its own. */
  private Database open() {
    return app.backcoach.TestDatabases.open(dir.resolve("o.db"), Clock.systemUTC());
  }

  private List<String> due(Database db) {
    return due(db, NOW.toEpochMilli(), 10);
  }

  /** The texts of what a scan of {@code limit} rows at {@code at} would send, in order. */
  private List<String> due(Database db, long at, int limit) {
    return db.read(tx -> outbox.due(tx, at, limit)).stream()
        .map(i -> i.delivery().reply().text())
        .toList();
  }

  @Test
  void aScheduledMessageHeldUntilMorningDoesNotHoldBackATonightsReply() {
    try (Database db = open()) {
      long morning = NOW.plusSeconds(8 * 3600).toEpochMilli();
      queue(db, "catch-up, after quiet hours", Outbox.SCHEDULED, morning);
      queue(db, "the answer to a question typed at 22:30", Outbox.INTERACTIVE, null);
      assertEquals(List.of("the answer to a question typed at 22:30"), due(db));
    }
  }

  @Test
  void aReplyWaitingForARetryStillKeepsTheChatsRepliesInOrder() {
    try (Database db = open()) {
      queue(db, "first reply, retrying", Outbox.INTERACTIVE, NOW.plusSeconds(5).toEpochMilli());
      queue(db, "second reply", Outbox.INTERACTIVE, null);
      assertEquals(List.of(), due(db), "the second waits for the first");
    }
  }

  /** Queues one message for {@code chat}; a reminder's message has a deadline. */
  private void queueFor(Database db, long chat, String text, int priority, Long deadline) {
    db.write(
        tx -> {
          Outbox.Row row =
              outbox.rows(chat, List.of(Delivery.send(Reply.text(text))), priority, NOW).get(0);
          outbox.insert(tx, List.of(deadline == null ? row : row.asReminder(deadline, chat)));
          return null;
        });
  }

  @Test
  void remindersGoMostOverdueFirstAndRepliesBeforeThemAll() {
    try (Database db = open()) {
      long at = NOW.toEpochMilli();
      // Queued in this order; deadlines say which is most overdue (the window closing first).
      queueFor(db, 1, "07:45 posture break, closes 08:00", Outbox.SCHEDULED, at + 900_000);
      queueFor(db, 2, "07:30 mobility, closes 07:45", Outbox.SCHEDULED, at);
      queueFor(db, 3, "catch-up for missed ones", Outbox.SCHEDULED, null);
      queueFor(db, 4, "07:40 workout, closes 07:55", Outbox.SCHEDULED, at + 600_000);
      queueFor(db, 5, "a reply to a question", Outbox.INTERACTIVE, null);
      queueFor(db, 6, "a later reply", Outbox.INTERACTIVE, null);
      assertEquals(
          List.of(
              "a reply to a question",
              "a later reply",
              "catch-up for missed ones",
              "07:30 mobility, closes 07:45",
              "07:40 workout, closes 07:55",
              "07:45 posture break, closes 08:00"),
          due(db));
      // The health's queue age follows the same order: the scheduled message that goes next.
      assertEquals(NOW, db.read(tx -> outbox.oldestDueScheduled(tx, at)));
    }
  }

  @Test
  void aChatsOwnMessagesStayInTheirOrderWhateverTheirDeadlines() {
    try (Database db = open()) {
      long at = NOW.toEpochMilli();
      queueFor(db, 1, "first for chat 1, late deadline", Outbox.SCHEDULED, at + 900_000);
      queueFor(db, 1, "second for chat 1, early deadline", Outbox.SCHEDULED, at);
      queueFor(db, 2, "chat 2", Outbox.SCHEDULED, at + 300_000);
      assertEquals(List.of("chat 2", "first for chat 1, late deadline"), due(db));
    }
  }

  @Test
  void theScanReadsTheIndexInOrderInsteadOfSortingEveryWaitingRow() {
    org.junit.jupiter.api.Assumptions.assumeFalse(
        app.backcoach.TestDatabases.postgres(), "SQLite's query plan");
    try (Database db = open()) {
      List<String> plan =
          db.read(
              tx ->
                  tx.query(
                      "EXPLAIN QUERY PLAN " + Outbox.DUE,
                      rs -> rs.getInt("parent") + " " + rs.getString("detail"),
                      0L,
                      0L,
                      10));
      String all = String.join("\n", plan);
      org.junit.jupiter.api.Assertions.assertTrue(
          all.contains("0 SCAN o USING INDEX outbox_pending"), all);
      // Neither the scan nor the per-chat lookup sorts: both read an index in order.
      org.junit.jupiter.api.Assertions.assertFalse(all.contains("USE TEMP B-TREE"), all);
      org.junit.jupiter.api.Assertions.assertTrue(
          all.contains("SEARCH p USING INDEX outbox_pending_chat (chat_id=?)"), all);
    }
  }

  @Test
  void aReplyGoesBeforeItsOwnChatsReminderStillWaitingInTheQueue() {
    try (Database db = open()) {
      long at = NOW.toEpochMilli();
      queueFor(db, 1, "posture break, waiting its turn", Outbox.SCHEDULED, at + 900_000);
      queueFor(db, 1, "the answer to what the user just typed", Outbox.INTERACTIVE, null);
      queueFor(db, 1, "a second reply", Outbox.INTERACTIVE, null);
      assertEquals(List.of("the answer to what the user just typed"), due(db));
      assertEquals(
          List.of("the answer to what the user just typed"),
          db.read(tx -> outbox.nextInteractive(tx, 1, at)).stream()
              .map(i -> i.delivery().reply().text())
              .toList());
    }
  }

  @Test
  void aCatchUpGoesBeforeItsChatsRemindersStillInTheirWindow() {
    try (Database db = open()) {
      long at = NOW.toEpochMilli();
      queueFor(db, 1, "posture break, still in its window", Outbox.SCHEDULED, at + 900_000);
      queueFor(db, 1, "catch-up for the missed ones", Outbox.SCHEDULED, null);
      queueFor(db, 2, "mobility, closes soon", Outbox.SCHEDULED, at + 60_000);
      assertEquals(List.of("catch-up for the missed ones", "mobility, closes soon"), due(db));
    }
  }

  @Test
  void aCatchUpHeldUntilQuietHoursEndDoesNotComeFirstWhileItWaits() {
    try (Database db = open()) {
      long at = NOW.toEpochMilli();
      queueFor(db, 1, "catch-up held until 07:00", Outbox.SCHEDULED, null);
      long morning = at + 3_600_000;
      db.write(tx -> tx.update("UPDATE outbox SET next_attempt_at = ? WHERE chat_id = 1", morning));
      queueFor(db, 2, "mobility", Outbox.SCHEDULED, at + 60_000);
      queueFor(db, 3, "posture break", Outbox.SCHEDULED, at + 120_000);
      // A scan of one row finds the due reminder, not the held catch-up.
      assertEquals(List.of("mobility"), due(db, at, 1));
      // Once released it is ordered by the end of its hold, like a reminder by its deadline.
      assertEquals(
          List.of("mobility", "posture break", "catch-up held until 07:00"), due(db, morning, 10));
    }
  }
}
