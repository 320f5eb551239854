package app.backcoach.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import app.backcoach.chat.Inbound;
import app.backcoach.chat.Origin;
import app.backcoach.conversation.Event;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UpdateInboxTest {
  @TempDir Path dir;
  private final UpdateInbox inbox = new UpdateInbox();

  @Test
  void repeatsAreIgnoredAndOldAppliedUpdatesArePurgedButPendingOnesKept() {
    Instant t = Instant.parse("2026-03-02T08:00:00Z");
    try (Database db = Database.open(dir.resolve("u.db"), DatabaseTest.CLOCK)) {
      Inbound a = new Inbound(1, 7L, true, new Event.Text("hi"), Origin.NONE);
      Inbound b = new Inbound(2, 7L, true, new Event.Text("again"), Origin.NONE);
      assertEquals(2, (int) db.write(tx -> inbox.store(tx, List.of(a, b), t)));
      assertEquals(
          0,
          (int) db.write(tx -> inbox.store(tx, List.of(a), t)),
          "an id already stored is ignored");
      db.write(
          tx -> {
            inbox.markApplied(tx, 1, t, null);
            return null;
          });
      assertEquals(
          0,
          (int)
              db.read(
                  tx ->
                      tx.count(
                          "SELECT COUNT(*) FROM updates WHERE chat_id IS NOT NULL AND applied_at IS NOT NULL")),
          "applied updates keep no chat id");
      assertEquals(1, (int) db.write(tx -> inbox.purgeApplied(tx, t.plus(Duration.ofDays(3)))));
      assertEquals(List.of(b), db.read(tx -> inbox.pending(tx, 10)));
    }
  }
}
