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

  private List<String> due(Database db) {
    return db.read(tx -> outbox.due(tx, NOW.toEpochMilli(), 10)).stream()
        .map(i -> i.delivery().reply().text())
        .toList();
  }

  @Test
  void aScheduledMessageHeldUntilMorningDoesNotHoldBackATonightsReply() {
    try (Database db = app.backcoach.TestDatabases.open(dir.resolve("o.db"), Clock.systemUTC())) {
      long morning = NOW.plusSeconds(8 * 3600).toEpochMilli();
      queue(db, "catch-up, after quiet hours", Outbox.SCHEDULED, morning);
      queue(db, "the answer to a question typed at 22:30", Outbox.INTERACTIVE, null);
      assertEquals(List.of("the answer to a question typed at 22:30"), due(db));
    }
  }

  @Test
  void aReplyWaitingForARetryStillKeepsTheChatsRepliesInOrder() {
    try (Database db = app.backcoach.TestDatabases.open(dir.resolve("o.db"), Clock.systemUTC())) {
      queue(db, "first reply, retrying", Outbox.INTERACTIVE, NOW.plusSeconds(5).toEpochMilli());
      queue(db, "second reply", Outbox.INTERACTIVE, null);
      assertEquals(List.of(), due(db), "the second waits for the first");
    }
  }
}
