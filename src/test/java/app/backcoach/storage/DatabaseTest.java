package app.backcoach.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-02T08:00:00Z"), ZoneOffset.UTC);
  @TempDir Path dir;

  @Test
  void createsFolderAndFileOwnerOnlyAndMigratesAnEmptyFile() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeFalse(
        app.backcoach.TestDatabases.postgres(), "SQLite only: its file, or its schema history");
    Path file = dir.resolve("nested/data/bot.db");
    try (Database db = app.backcoach.TestDatabases.open(file, CLOCK)) {
      assertEquals(Migrations.NAMES.size(), db.schemaVersion());
      List<String> tables =
          db.read(
              tx ->
                  tx.query(
                      "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name",
                      rs -> rs.getString(1)));
      assertTrue(
          tables.containsAll(List.of("answers", "conversations", "outbox", "plans", "users")),
          tables.toString());
      String mode =
          db.read(tx -> tx.one("PRAGMA journal_mode", rs -> rs.getString(1)).orElseThrow());
      assertEquals("wal", mode);
    }
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    assertEquals(
        "rwx------",
        PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())));
  }

  @Test
  void reopeningAnExistingFileKeepsDataAndDoesNotMigrateAgain() {
    Path file = dir.resolve("bot.db");
    try (Database db = app.backcoach.TestDatabases.open(file, CLOCK)) {
      db.write(
          tx ->
              tx.update(
                  "INSERT INTO outbox (chat_id, created_at, priority, body) VALUES (1, 'x', 0, '{}')"));
    }
    try (Database db = app.backcoach.TestDatabases.open(file, CLOCK)) {
      assertEquals(1, (int) db.read(tx -> tx.count("SELECT COUNT(*) FROM outbox")));
      assertEquals(
          Migrations.NAMES.size(),
          (int) db.read(tx -> tx.count("SELECT COUNT(*) FROM schema_version")));
    }
  }

  @Test
  void failedTransactionLeavesNothingBehind() {
    try (Database db = app.backcoach.TestDatabases.open(dir.resolve("bot.db"), CLOCK)) {
      assertThrows(
          IllegalStateException.class,
          () ->
              db.write(
                  tx -> {
                    tx.update(
                        "INSERT INTO outbox (chat_id, created_at, priority, body) VALUES (1, 'x', 0, '{}')");
                    throw new IllegalStateException("boom");
                  }));
      assertEquals(0, (int) db.read(tx -> tx.count("SELECT COUNT(*) FROM outbox")));
      // The writer is usable again afterwards.
      db.write(
          tx ->
              tx.update(
                  "INSERT INTO outbox (chat_id, created_at, priority, body) VALUES (1, 'x', 0, '{}')"));
      assertEquals(1, (int) db.read(tx -> tx.count("SELECT COUNT(*) FROM outbox")));
    }
  }

  @Test
  void onlyOneProcessHoldsTheDatabaseAtATime() {
    Path file = dir.resolve("bot.db");
    try (Database first = app.backcoach.TestDatabases.open(file, CLOCK);
        Database second = app.backcoach.TestDatabases.open(file, CLOCK)) {
      Database.Exclusive held = first.exclusive();
      ProcessLock.Held refused = assertThrows(ProcessLock.Held.class, second::exclusive);
      assertTrue(refused.getMessage().contains("another backcoach process"), refused.getMessage());
      held.close();
      second.exclusive().close(); // free again once the first lets go
    }
  }

  @Test
  void badSqlNamesTheStatement() {
    try (Database db = app.backcoach.TestDatabases.open(dir.resolve("bot.db"), CLOCK)) {
      DatabaseException e =
          assertThrows(
              DatabaseException.class, () -> db.write(tx -> tx.update("UPDATE nowhere SET x = 1")));
      assertTrue(e.getMessage().contains("UPDATE nowhere"), e.getMessage());
    }
  }

  @Test
  void unopenableFileNamesThePath() {
    org.junit.jupiter.api.Assumptions.assumeFalse(
        app.backcoach.TestDatabases.postgres(), "SQLite only: its file, or its schema history");
    Path blocker = dir.resolve("file");
    DatabaseException e =
        assertThrows(
            DatabaseException.class,
            () -> {
              Files.writeString(blocker, "not a folder");
              app.backcoach.TestDatabases.open(blocker.resolve("bot.db"), CLOCK);
            });
    assertTrue(e.getMessage().contains(blocker.toString()), e.getMessage());
  }

  @Test
  void migrationScriptsAreAllOnTheClasspath() {
    for (int v = 1; v <= Migrations.NAMES.size(); v++) {
      String sql = Database.migration(v);
      assertTrue(sql != null && (sql.contains("CREATE") || sql.contains("UPDATE")), "V" + v);
    }
  }

  @Test
  void everyMigrationFileIsRegisteredAndRunsInOrder() throws Exception {
    try (var files = java.nio.file.Files.list(java.nio.file.Path.of("src/main/resources/db"))) {
      long onDisk =
          files.filter(f -> f.getFileName().toString().matches("V\\d+__.*\\.sql")).count();
      assertEquals(
          onDisk, Migrations.NAMES.size(), "a migration file that is not listed never runs");
    }
    for (int v = 1; v <= Migrations.NAMES.size(); v++) {
      assertTrue(
          Migrations.NAMES.get(v - 1).startsWith("V" + v + "__"), Migrations.NAMES.get(v - 1));
    }
  }

  @Test
  void aDatabaseNewerThanThisProgramIsRefusedWithBothVersionsNamed(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) {
    java.nio.file.Path file = tmp.resolve("new.db");
    try (Database db = app.backcoach.TestDatabases.open(file, java.time.Clock.systemUTC())) {
      db.write(
          tx -> tx.update("INSERT INTO schema_version (version, applied_at) VALUES (99, 'x')"));
    }
    var e =
        org.junit.jupiter.api.Assertions.assertThrows(
            DatabaseException.class,
            () -> app.backcoach.TestDatabases.open(file, java.time.Clock.systemUTC()));
    assertTrue(e.getMessage().contains("schema version 99"), e.getMessage());
    assertTrue(
        e.getMessage().contains("this program's " + Migrations.NAMES.size()), e.getMessage());
  }

  @Test
  void aStoredBladderAndBowelFlagBecomesBothConcepts(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) {
    org.junit.jupiter.api.Assumptions.assumeFalse(
        app.backcoach.TestDatabases.postgres(), "SQLite only: its file, or its schema history");
    java.nio.file.Path file = tmp.resolve("v7.db");
    try (Database db = app.backcoach.TestDatabases.open(file, java.time.Clock.systemUTC())) {
      db.write(
          tx -> {
            Downgrade.undoV9(tx);
            tx.update(
                "INSERT INTO users (chat_id, created_at, updated_at, red_flags)"
                    + " VALUES (1, 'x', 'x', '[\"bladder_bowel\",\"fever\"]')");
            return tx.update("DELETE FROM schema_version WHERE version = 8"); // back to version 7
          });
    }
    try (Database db = app.backcoach.TestDatabases.open(file, java.time.Clock.systemUTC())) {
      String flags =
          db.read(
              tx ->
                  tx.one("SELECT red_flags FROM users WHERE chat_id = 1", rs -> rs.getString(1))
                      .orElse(""));
      assertEquals("[\"bladder\",\"bowel\",\"fever\"]", flags);
    }
  }

  @Test
  void theLogStartsOverUnderWritesThatNeverPause() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeFalse(
        app.backcoach.TestDatabases.postgres(), "SQLite only: its write-ahead log");
    Path file = dir.resolve("busy.db");
    String body = "x".repeat(2_000);
    java.util.concurrent.atomic.AtomicLong commits = new java.util.concurrent.atomic.AtomicLong();
    java.util.concurrent.atomic.AtomicBoolean stop =
        new java.util.concurrent.atomic.AtomicBoolean();
    try (Database db = Database.open(file, CLOCK, Database.Durability.NORMAL)) {
      Thread writer =
          new Thread(
              () -> {
                while (!stop.get()) {
                  db.write(
                      tx ->
                          tx.update(
                              "INSERT INTO outbox (chat_id, created_at, priority, body)"
                                  + " VALUES (1, 'x', 0, ?)",
                              body));
                  if (commits.incrementAndGet() % 1_000 == 0) {
                    db.write(tx -> tx.update("DELETE FROM outbox"));
                  }
                }
              });
      writer.start();
      int largest = 0;
      int startedOver = 0;
      try {
        // A checkpoint after every 500 commits of a 2 KB row, made while the writer goes on: 20,000
        // commits in all, several hundred MB of log.
        for (long next = 500; next <= 20_000; next += 500) {
          while (commits.get() < next && writer.isAlive()) {
            Thread.onSpinWait();
          }
          assertTrue(writer.isAlive(), "the writer stopped after " + commits.get() + " commits");
          int frames = db.checkpoint();
          if (frames < largest) {
            startedOver++;
          }
          largest = Math.max(largest, frames);
        }
      } finally {
        stop.set(true);
        writer.join();
      }
      // Without the checkpoint that holds the writer back, the log never starts over and holds
      // everything written since the database was opened (it started over 0 times in 40 then).
      assertTrue(startedOver >= 10, "the log started over " + startedOver + " times in 40");
      assertTrue(largest < 4 * Database.WAL_FRAMES_LIMIT, "the log reached " + largest + " frames");
    }
  }
}
