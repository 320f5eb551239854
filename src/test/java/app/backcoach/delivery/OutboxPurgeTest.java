package app.backcoach.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import app.backcoach.storage.Database;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutboxPurgeTest {
  @TempDir Path dir;

  @Test
  void onlyOldDeliveredOrDroppedRowsGoAndPendingOnesStayHoweverOld() {
    Instant old = Instant.parse("2026-03-01T09:00:00Z");
    Instant recent = Instant.parse("2026-03-09T09:00:00Z");
    Instant cutoff = recent.minus(Outbox.KEPT); // 2026-03-02T09:00:00Z
    Outbox outbox = new Outbox();
    try (Database db = app.backcoach.TestDatabases.open(dir.resolve("o.db"), Clock.systemUTC())) {
      db.write(
          tx -> {
            // For each age: one pending, one sent, one dropped, one pending with a failed attempt.
            for (Instant at : List.of(old, recent)) {
              for (String what : List.of("pending", "sent", "dropped", "retrying")) {
                tx.update(
                    "INSERT INTO outbox (chat_id, created_at, priority, body, sent_at, dropped_at,"
                        + " attempts) VALUES (1, ?, 1, ?, ?, ?, ?)",
                    at.toString(),
                    what + "@" + at,
                    what.equals("sent") ? at.toString() : null,
                    what.equals("dropped") ? at.toString() : null,
                    what.equals("retrying") ? 2 : 0);
              }
            }
            return null;
          });
      assertEquals(1, (int) db.<Integer>write(tx -> outbox.purgeFinished(tx, cutoff, 1)), "limit");
      assertEquals(1, (int) db.<Integer>write(tx -> outbox.purgeFinished(tx, cutoff, 5_000)));
      assertEquals(0, (int) db.<Integer>write(tx -> outbox.purgeFinished(tx, cutoff, 5_000)));
      List<String> left =
          db.read(tx -> tx.query("SELECT body FROM outbox ORDER BY id", rs -> rs.getString(1)));
      assertEquals(
          List.of(
              "pending@" + old,
              "retrying@" + old,
              "pending@" + recent,
              "sent@" + recent,
              "dropped@" + recent,
              "retrying@" + recent),
          left);
      assertEquals(4, (int) db.<Integer>read(outbox::depth), "nothing waiting was lost");
    }
  }
}
