package app.backcoach;

import app.backcoach.storage.Database;
import app.backcoach.storage.Tx;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The database a store test runs on: SQLite (a file) by default; PostgreSQL when the build runs the
 * suites against it ({@code -Dbackcoach.test.db=postgresql} with {@code
 * -Dbackcoach.test.postgres=jdbc:postgresql://...}, as {@code .ci/run} does). Each test file gets a
 * schema of its own, and opening the same file again opens the same schema.
 */
public final class TestDatabases {
  private static final Map<Path, String> SCHEMAS = new ConcurrentHashMap<>();
  private static final AtomicInteger NEXT = new AtomicInteger();
  private static final String RUN = Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);

  private TestDatabases() {}

  /** True when this run puts the store suites on PostgreSQL. */
  public static boolean postgres() {
    return "postgresql".equals(System.getProperty("backcoach.test.db"));
  }

  /** The server's URL for this run (PostgreSQL runs only). */
  public static String postgresUrl() {
    String url = System.getProperty("backcoach.test.postgres");
    if (url == null || url.isBlank()) {
      url = System.getenv("BACKCOACH_TEST_POSTGRES_URL");
    }
    if (url == null || url.isBlank()) {
      throw new IllegalStateException(
          "-Dbackcoach.test.db=postgresql needs -Dbackcoach.test.postgres=jdbc:postgresql://...");
    }
    return url;
  }

  /** Opens the test's database: the SQLite file, or its own PostgreSQL schema. */
  public static Database open(Path file, Clock clock) {
    if (!postgres()) {
      return Database.open(file, clock);
    }
    return Database.connect(urlFor(file), clock);
  }

  /** The PostgreSQL URL whose schema stands for {@code file} (made on first use). */
  public static String urlFor(Path file) {
    String schema =
        SCHEMAS.computeIfAbsent(
            file.toAbsolutePath(), f -> create("t" + RUN + "_" + NEXT.incrementAndGet()));
    String base = postgresUrl();
    return base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
  }

  /**
   * Makes every {@code event} ("INSERT", "UPDATE OF sent_at") on {@code table} fail with {@code
   * message} when {@code condition} (on NEW, or "TRUE") holds: a store that refuses one item, on
   * either engine.
   */
  public static void failWhen(
      Tx tx, String name, String event, String table, String condition, String message) {
    if (tx.dialect() == Database.Dialect.SQLITE) {
      tx.update(
          "CREATE TRIGGER "
              + name
              + " BEFORE "
              + event
              + " ON "
              + table
              + " WHEN "
              + condition
              + " BEGIN SELECT RAISE(ABORT, '"
              + message
              + "'); END");
      return;
    }
    tx.update(
        "CREATE FUNCTION "
            + name
            + "_fn() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF "
            + condition
            + " THEN RAISE EXCEPTION '"
            + message
            + "'; END IF; RETURN NEW; END $$");
    tx.update(
        "CREATE TRIGGER "
            + name
            + " BEFORE "
            + event
            + " ON "
            + table
            + " FOR EACH ROW EXECUTE FUNCTION "
            + name
            + "_fn()");
  }

  /** Removes a trigger {@link #failWhen} made. */
  public static void stopFailing(Tx tx, String name, String table) {
    tx.update(
        tx.dialect() == Database.Dialect.SQLITE
            ? "DROP TRIGGER " + name
            : "DROP TRIGGER " + name + " ON " + table);
  }

  /** The names of the tables, on either engine. */
  public static java.util.List<String> tables(Tx tx) {
    return tx.query(
        tx.dialect() == Database.Dialect.SQLITE
            ? "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
            : "SELECT table_name FROM information_schema.tables WHERE table_schema ="
                + " current_schema() ORDER BY table_name",
        rs -> rs.getString(1));
  }

  /** The column names of a table, on either engine. */
  public static java.util.List<String> columns(Tx tx, String table) {
    return tx.query(
        tx.dialect() == Database.Dialect.SQLITE
            ? "SELECT name FROM pragma_table_info(?)"
            : "SELECT column_name FROM information_schema.columns WHERE table_schema ="
                + " current_schema() AND table_name = ? ORDER BY ordinal_position",
        rs -> rs.getString(1),
        table);
  }

  private static String create(String schema) {
    try (Connection c = DriverManager.getConnection(postgresUrl());
        var st = c.createStatement()) {
      st.execute("CREATE SCHEMA " + schema);
      return schema;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create schema " + schema + ": " + e.getMessage(), e);
    }
  }
}
