package app.backcoach;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import app.backcoach.storage.Database;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Says plainly whether the store suites also ran on PostgreSQL: skipped, with how to run them, when
 * no server was given; on the PostgreSQL run, checks that the database really is PostgreSQL.
 */
class PostgresSuitesTest {
  @TempDir Path dir;

  @Test
  void theStoreSuitesRanOnPostgresql() {
    if (!TestDatabases.postgres() && System.getenv("BACKCOACH_TEST_POSTGRES_URL") == null) {
      System.out.println(
          "PostgreSQL suites skipped: no server given (BACKCOACH_TEST_POSTGRES_URL); bash .ci/run"
              + " starts one and runs them.");
    }
    assumeTrue(
        TestDatabases.postgres(),
        "PostgreSQL suites skipped: no server given. Set BACKCOACH_TEST_POSTGRES_URL="
            + "jdbc:postgresql://HOST:PORT/DB?user=... (bash .ci/run starts one) to run the"
            + " storage, chat, delivery, reminder and privacy suites on PostgreSQL too.");
    try (Database db = TestDatabases.open(dir.resolve("pg.db"), Clock.systemUTC())) {
      assertEquals(Database.Dialect.POSTGRESQL, db.dialect());
      String version = db.read(tx -> tx.one("SELECT version()", rs -> rs.getString(1)).get());
      System.out.println("store suites on " + version);
    }
  }
}
