package app.backcoach.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import app.backcoach.conversation.Event;
import app.backcoach.storage.Database;
import app.backcoach.storage.DatabaseException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UpdateInboxTest {
  private static final java.time.Clock CLOCK =
      java.time.Clock.fixed(
          java.time.Instant.parse("2026-03-02T08:00:00Z"), java.time.ZoneOffset.UTC);

  @TempDir Path dir;
  private final UpdateInbox inbox = new UpdateInbox();

  @Test
  void repeatsAreIgnoredAndOldAppliedUpdatesArePurgedButPendingOnesKept() {
    Instant t = Instant.parse("2026-03-02T08:00:00Z");
    try (Database db = app.backcoach.TestDatabases.open(dir.resolve("u.db"), CLOCK)) {
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
      assertEquals(
          List.of(b),
          db.read(tx -> inbox.pending(tx, 10, 0)).stream().map(s -> s.decode()).toList());
    }
  }

  @Test
  void anUpdateWaitingForARetryHoldsItsOwnChatOnlyUntilItIsDue() {
    Instant t = Instant.parse("2026-03-02T08:00:00Z");
    try (Database db = app.backcoach.TestDatabases.open(dir.resolve("u.db"), CLOCK)) {
      List<Inbound> all =
          List.of(
              new Inbound(1, 7L, true, new Event.Text("bad"), Origin.NONE),
              new Inbound(2, 8L, true, new Event.Text("other chat"), Origin.NONE),
              new Inbound(3, 7L, true, new Event.Text("after the bad one"), Origin.NONE));
      db.write(tx -> inbox.store(tx, all, t));
      db.write(
          tx -> {
            inbox.retryAt(tx, 1, 5_000, "boom");
            return null;
          });
      assertEquals(List.of(2L), ids(db, 4_999), "chat 7 waits, in order; chat 8 goes on");
      assertEquals(List.of(1L, 2L, 3L), ids(db, 5_000), "once due, the chat flows again");
      assertEquals(1, (int) db.read(tx -> inbox.pending(tx, 10, 5_000)).get(0).attempts());
    }
  }

  @Test
  void anUpdateIsMarkedAppliedOnlyOnce() {
    Instant t = Instant.parse("2026-03-02T08:00:00Z");
    try (Database db = app.backcoach.TestDatabases.open(dir.resolve("u.db"), CLOCK)) {
      db.write(
          tx -> inbox.store(tx, List.of(new Inbound(1, 7L, true, new Event.Text("x"), null)), t));
      db.write(
          tx -> {
            inbox.markApplied(tx, 1, t, null);
            return null;
          });
      assertThrows(
          UpdateInbox.AlreadyApplied.class,
          () ->
              db.write(
                  tx -> {
                    inbox.markApplied(tx, 1, t, null);
                    return null;
                  }));
    }
  }

  @Test
  void aRowThatNoLongerDecodesFailsAloneAndNotAsAFailingStore() {
    Instant t = Instant.parse("2026-03-02T08:00:00Z");
    try (Database db = app.backcoach.TestDatabases.open(dir.resolve("u.db"), CLOCK)) {
      db.write(
          tx -> inbox.store(tx, List.of(new Inbound(1, 7L, true, new Event.Text("x"), null)), t));
      db.write(tx -> tx.update("UPDATE updates SET body = '{not json' WHERE update_id = 1"));
      var stored = db.read(tx -> inbox.pending(tx, 10, 0)).get(0);
      DatabaseException e = assertThrows(DatabaseException.class, stored::decode);
      assertFalse(e.storeWide(), e.getMessage());
    }
  }

  private List<Long> ids(Database db, long now) {
    return db.read(tx -> inbox.pending(tx, 10, now)).stream()
        .map(UpdateInbox.Stored::updateId)
        .toList();
  }
}
