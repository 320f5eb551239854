package app.backcoach;

import app.backcoach.storage.Database;
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
