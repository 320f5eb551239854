package app.backcoach.bench;

/**
 * Headline figures in one machine-readable line each, {@code RESULT|figure|measured|goal|verdict},
 * which {@code bench/run} collects into the table in {@code target/bench-results.md}.
 */
final class Results {
  private Results() {}

  /**
   * @param met whether the goal is met; null when the figure has no goal
   */
  static void line(String figure, String measured, String goal, Boolean met) {
    String verdict = met == null ? "-" : met ? "met" : "**not met**";
    System.out.println(
        "RESULT|" + figure + "|" + measured + "|" + (goal == null ? "-" : goal) + "|" + verdict);
  }

  /**
   * How the benchmark's database syncs commits: {@code -Ddurability=NORMAL} to compare with the
   * default, FULL (docs/BENCHMARKS.md, section 7).
   */
  /**
   * The benchmark's database: the SQLite file, or with {@code
   * -Dbench.postgres=jdbc:postgresql://...} a schema of its own on that server (the file's path
   * names the schema, as in the tests).
   */
  static app.backcoach.storage.Database open(java.nio.file.Path file, java.time.Clock clock) {
    String url = System.getProperty("bench.postgres");
    if (url == null || url.isBlank()) {
      return app.backcoach.storage.Database.open(file, clock, durability());
    }
    System.setProperty("backcoach.test.db", "postgresql");
    System.setProperty("backcoach.test.postgres", url);
    return app.backcoach.TestDatabases.open(file, clock);
  }

  /** "SQLite" or "PostgreSQL", for the figures' labels. */
  static String engine() {
    String url = System.getProperty("bench.postgres");
    return url == null || url.isBlank() ? "SQLite" : "PostgreSQL";
  }

  static app.backcoach.storage.Database.Durability durability() {
    return app.backcoach.storage.Database.Durability.valueOf(
        System.getProperty("durability", "FULL").toUpperCase(java.util.Locale.ROOT));
  }
}
