package app.backcoach.storage;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessLockTest {
  @TempDir Path dir;

  @Test
  void aSecondHolderIsRefusedWithTheDatabaseAndThePidNamed() {
    Path db = dir.resolve("b.db");
    try (ProcessLock first = ProcessLock.acquire(db)) {
      var e = assertThrows(ProcessLock.Held.class, () -> ProcessLock.acquire(db));
      assertTrue(e.getMessage().contains(db.toAbsolutePath().toString()), e.getMessage());
      assertTrue(e.getMessage().contains("pid " + ProcessHandle.current().pid()), e.getMessage());
    }
    assertDoesNotThrow(() -> ProcessLock.acquire(db).close(), "free again once released");
  }

  @Test
  void anotherDatabaseInTheSameFolderIsNotAffected() {
    try (ProcessLock a = ProcessLock.acquire(dir.resolve("a.db"));
        ProcessLock b = ProcessLock.acquire(dir.resolve("b.db"))) {
      assertTrue(a != b);
    }
  }
}
