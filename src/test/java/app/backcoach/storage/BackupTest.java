package app.backcoach.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupTest {
  @TempDir Path dir;

  static void insert(Database db, int n) {
    db.write(
        tx ->
            tx.update(
                "INSERT INTO outbox (chat_id, created_at, priority, body) VALUES (?, 'x', 0, '{}')",
                n));
  }

  @Test
  void backupOfALiveDatabaseIsConsistentAndRestores() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeFalse(
        app.backcoach.TestDatabases.postgres(), "SQLite only: its file and VACUUM INTO");
    Path live = dir.resolve("live/bot.db");
    Path copy = dir.resolve("backup.db");
    try (Database db = app.backcoach.TestDatabases.open(live, DatabaseTest.CLOCK)) {
      for (int i = 0; i < 200; i++) {
        insert(db, i);
      }
      AtomicBoolean writing = new AtomicBoolean(true);
      Thread writer =
          new Thread(
              () -> {
                int i = 1000;
                while (writing.get()) {
                  insert(db, i++);
                }
              });
      writer.start();
      db.backup(copy);
      writing.set(false);
      writer.join();
      assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(copy)));
    }
    int backedUp;
    try (Database b = app.backcoach.TestDatabases.open(copy, DatabaseTest.CLOCK)) {
      backedUp = b.read(tx -> tx.count("SELECT COUNT(*) FROM outbox"));
      assertTrue(backedUp >= 200, "everything committed before the backup is in it: " + backedUp);
      assertEquals(
          "ok",
          b.read(tx -> tx.one("PRAGMA integrity_check", rs -> rs.getString(1)).orElseThrow()));
    }
    // Restore as documented: stop, replace the file, remove the old -wal/-shm, start.
    Files.copy(copy, live, StandardCopyOption.REPLACE_EXISTING);
    Files.deleteIfExists(Path.of(live + "-wal"));
    Files.deleteIfExists(Path.of(live + "-shm"));
    try (Database restored = app.backcoach.TestDatabases.open(live, DatabaseTest.CLOCK)) {
      assertEquals(backedUp, (int) restored.read(tx -> tx.count("SELECT COUNT(*) FROM outbox")));
    }
  }

  @Test
  void backupRefusesToOverwriteAFile() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeFalse(
        app.backcoach.TestDatabases.postgres(), "SQLite only: its file and VACUUM INTO");
    Path existing = Files.writeString(dir.resolve("old.db"), "precious");
    try (Database db =
        app.backcoach.TestDatabases.open(dir.resolve("bot.db"), DatabaseTest.CLOCK)) {
      DatabaseException e = assertThrows(DatabaseException.class, () -> db.backup(existing));
      assertTrue(e.getMessage().contains("already exists"));
    }
    assertEquals("precious", Files.readString(existing));
  }

  @Test
  void writableProbeReportsAReadOnlyDatabase() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeFalse(
        app.backcoach.TestDatabases.postgres(), "SQLite only: its file and VACUUM INTO");
    Path file = dir.resolve("ro/bot.db");
    try (Database db = app.backcoach.TestDatabases.open(file, DatabaseTest.CLOCK)) {
      assertNull(db.writeProblem());
    }
  }
}
