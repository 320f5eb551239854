package app.backcoach.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import app.backcoach.TestContent;
import app.backcoach.TestDatabases;
import app.backcoach.chat.ChatService;
import app.backcoach.conversation.Engine;
import app.backcoach.conversation.Event;
import app.backcoach.storage.Database;
import app.backcoach.storage.DatabaseCopy;
import app.backcoach.storage.DatabaseException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * copy-to-postgres: everything stored about every user reads back the same from PostgreSQL as from
 * the SQLite file it was copied from, and the copied database keeps working (PostgreSQL runs only).
 */
class CopyToPostgresTest {
  @TempDir Path dir;

  @Test
  void aCopiedUserExportsTheSameAndCarriesOn() {
    assumeTrue(TestDatabases.postgres(), "needs the PostgreSQL run (.ci/run)");
    Clock clock = Clock.systemUTC();
    Instant at = Instant.parse("2026-11-28T12:00:00Z");
    try (Database sqlite = Database.open(dir.resolve("old.db"), clock);
        Database postgres = TestDatabases.open(dir.resolve("new.db"), clock)) {
      ChatService before =
          new ChatService(sqlite, new Engine(TestContent.bundle()), TestContent.bundle(), clock);
      UserDataTest.fullUser(sqlite, before, 101);
      UserDataTest.fullUser(sqlite, before, 102);

      DatabaseCopy.Copied copied = DatabaseCopy.copy(sqlite, postgres);
      assertTrue(copied.total() > 80, "rows copied: " + copied);
      for (long user : new long[] {101, 102}) {
        assertEquals(
            new String(sqlite.read(tx -> UserData.export(tx, user, at)), StandardCharsets.UTF_8),
            new String(postgres.read(tx -> UserData.export(tx, user, at)), StandardCharsets.UTF_8),
            "user " + user);
      }

      // The copy is a working database: the user carries on, and new rows get new ids.
      ChatService after =
          new ChatService(postgres, new Engine(TestContent.bundle()), TestContent.bundle(), clock);
      after.handle(101, new Event.Command("plan", null));
      long maxBefore =
          sqlite.read(tx -> tx.one("SELECT MAX(id) FROM outbox", rs -> rs.getLong(1))).orElse(0L);
      long newest =
          postgres.read(tx -> tx.one("SELECT MAX(id) FROM outbox", rs -> rs.getLong(1))).orElse(0L);
      assertTrue(newest > maxBefore, newest + " after " + maxBefore);

      var again = assertThrows(DatabaseException.class, () -> DatabaseCopy.copy(sqlite, postgres));
      assertTrue(again.getMessage().contains("copy into an empty one"), again.getMessage());
    }
  }
}
