package app.backcoach.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.concurrent.locks.ReentrantLock;
import org.sqlite.SQLiteConfig;

/**
 * Owns the database: one writer connection doing short transactions under a lock, one reader
 * connection, and the versioned migrations in {@code db/V<n>__*.sql}. SQLite (a file, the default):
 * IMMEDIATE write transactions, WAL so the reader reads while the writer writes. PostgreSQL ({@link
 * #connect}): the same two connections from a HikariCP pool, and the migrations of {@code
 * db/postgresql/} where its SQL differs.
 */
public final class Database implements AutoCloseable {
  /** Which engine holds the data; the SQL that differs between them asks here. */
  public enum Dialect {
    SQLITE,
    POSTGRESQL
  }

  private final Path file;
  private final Dialect dialect;

  /** The file, or the PostgreSQL URL without credentials: for messages. */
  private final String where;

  /** PostgreSQL's connections; null for SQLite. */
  private final com.zaxxer.hikari.HikariDataSource pool;

  private final Slot writer;
  private final Slot reader;
  private final Connection checkpointer;
  private final java.util.concurrent.ScheduledExecutorService checkpoints;
  private final ReentrantLock writeLock = new ReentrantLock();
  private final ReentrantLock readLock = new ReentrantLock();

  /**
   * When a commit reaches the disk. {@link #FULL} (the default): every commit syncs the log, so a
   * power loss loses nothing that was committed, and an update confirmed to Telegram is never lost.
   * {@link #NORMAL}: the log is synced at checkpoints only; a kill -9 still loses nothing, but a
   * power loss can roll back the last commits. Measured in docs/BENCHMARKS.md, section 7.
   */
  public enum Durability {
    FULL,
    NORMAL
  }

  private final Durability durability;

  /** Work done inside one transaction. */
  @FunctionalInterface
  public interface Work<T> {
    T run(Tx tx);
  }

  private Database(Path file, Clock clock, Durability durability) throws SQLException {
    this.file = file;
    this.dialect = Dialect.SQLITE;
    this.where = file.toString();
    this.pool = null;
    this.durability = durability;
    this.writer = new Slot(SQLiteConfig.TransactionMode.IMMEDIATE);
    migrate(clock);
    this.reader = new Slot(SQLiteConfig.TransactionMode.DEFERRED);
    this.checkpointer = connect(SQLiteConfig.TransactionMode.DEFERRED);
    this.checkpoints =
        java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "sqlite-checkpoint");
              t.setDaemon(true);
              return t;
            });
    checkpoints.scheduleWithFixedDelay(
        this::checkpoint, 1, 1, java.util.concurrent.TimeUnit.SECONDS);
  }

  private Database(String url, Clock clock) throws SQLException {
    this.file = null;
    this.dialect = Dialect.POSTGRESQL;
    this.where = withoutCredentials(url);
    this.durability = Durability.FULL;
    com.zaxxer.hikari.HikariConfig config = new com.zaxxer.hikari.HikariConfig();
    config.setJdbcUrl(url);
    config.setPoolName("backcoach");
    // The writer and the reader hold one each; the rest serve replacements after a failure.
    config.setMaximumPoolSize(4);
    config.setMinimumIdle(2);
    config.setConnectionTimeout(10_000);
    config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
    this.pool = new com.zaxxer.hikari.HikariDataSource(config);
    try {
      this.writer = new Slot(SQLiteConfig.TransactionMode.IMMEDIATE);
      migrate(clock);
      this.reader = new Slot(SQLiteConfig.TransactionMode.DEFERRED);
    } catch (RuntimeException | SQLException e) {
      pool.close();
      throw e;
    }
    this.checkpointer = null;
    this.checkpoints = null;
  }

  /**
   * Connects to PostgreSQL at a JDBC URL ({@code jdbc:postgresql://host/db?user=..&password=..})
   * and applies pending migrations; several bot instances may share the database.
   */
  public static Database connect(String url, Clock clock) {
    if (url == null || !url.startsWith("jdbc:postgresql:")) {
      throw new DatabaseException(
          "BACKCOACH_DATABASE_URL must be a jdbc:postgresql:// URL, not " + withoutCredentials(url),
          null);
    }
    try {
      return new Database(url, clock);
    } catch (SQLException | RuntimeException e) {
      Throwable why = e.getCause() != null && e.getMessage() == null ? e.getCause() : e;
      throw new DatabaseException(
          "cannot open database " + withoutCredentials(url) + ": " + why.getMessage(), e);
    }
  }

  /** The URL with any password left out, for logs and messages. */
  public static String withoutCredentials(String url) {
    if (url == null) {
      return "(none)";
    }
    return url.replaceAll("(?i)(password=)[^&]*", "$1***").replaceAll("//[^/@]*@", "//***@");
  }

  /** A hold on the database for this process alone; closing it lets another take it. */
  public interface Exclusive extends AutoCloseable {
    @Override
    void close();
  }

  /**
   * Takes this database for this process alone, or throws {@link ProcessLock.Held}: the SQLite
   * file's lock file (every bot takes it), or on PostgreSQL an advisory lock held by a connection
   * of its own, which the console, {@code copy-to-postgres} and a quarantine replay take (bots
   * share a PostgreSQL database; released if the process dies, since the server ends its session).
   */
  public Exclusive exclusive() {
    if (file != null) {
      return ProcessLock.acquire(file)::close;
    }
    try {
      Connection c = pool.getConnection();
      boolean got;
      try (var st = c.createStatement();
          var rs =
              st.executeQuery("SELECT pg_try_advisory_lock(7262002, hashtext(current_schema()))")) {
        got = rs.next() && rs.getBoolean(1);
      }
      if (!got) {
        c.close();
        throw new ProcessLock.Held(
            "another backcoach process is using "
                + where
                + "; stop it first (the console, a copy or a replay takes the database alone)");
      }
      return () -> {
        try (c;
            var st = c.createStatement()) {
          // The pool keeps the connection (and a session-level lock with it): unlock first.
          st.execute("SELECT pg_advisory_unlock(7262002, hashtext(current_schema()))");
        } catch (SQLException e) {
          // the process is ending; the server drops the session and its lock anyway
        }
      };
    } catch (SQLException e) {
      throw new DatabaseException("cannot lock " + where + ": " + e.getMessage(), e);
    }
  }

  /**
   * The role {@code role} for this instance (see {@link Lead}). On PostgreSQL the lock's connection
   * is opened outside the pool: a lead must not take the writer's or reader's place.
   */
  public Lead lead(String role) {
    if (pool == null) {
      return Lead.always(role);
    }
    // One per role per process: the instance leads, whichever of its parts asks.
    return leads.computeIfAbsent(role, this::newLead);
  }

  private final java.util.Map<String, Lead> leads = new java.util.concurrent.ConcurrentHashMap<>();

  private Lead newLead(String role) {
    return new Lead(
        role,
        () -> {
          try {
            return java.sql.DriverManager.getConnection(pool.getJdbcUrl());
          } catch (SQLException e) {
            throw new DatabaseException("cannot connect to " + where + ": " + e.getMessage(), e);
          }
        });
  }

  /** Which engine this is. */
  public Dialect dialect() {
    return dialect;
  }

  /**
   * WAL frames (pages of about 4 KB) in the log above which the next writer first lets a checkpoint
   * catch up: about 16 MB, four times what SQLite's own automatic checkpoint keeps.
   */
  static final int WAL_FRAMES_LIMIT = 4_000;

  /** Set when the log has grown past {@link #WAL_FRAMES_LIMIT}; the next writer clears it. */
  private volatile boolean logTooLong;

  /**
   * Copies the WAL back into the database without holding anyone up (every second, on its own
   * thread). Under writes that never pause, each passive checkpoint ends with new frames behind it,
   * so the log never starts over, grows without bound and makes every read slower (a 4.3 GB log in
   * the 1,000,000-user lateness benchmark). So once the log is past {@link #WAL_FRAMES_LIMIT}, the
   * next writer checkpoints first, while it holds the writer lock: the checkpoint catches up and
   * that writer's commit starts the log over. (Taking the lock here instead loses it to a writer
   * that takes it again at once.) Returns the frames that were in the log.
   */
  int checkpoint() {
    if (checkpointer == null) {
      return 0;
    }
    int frames = passiveCheckpoint();
    if (frames > WAL_FRAMES_LIMIT) {
      logTooLong = true;
    }
    return frames;
  }

  /** One passive checkpoint; returns the size of the log in frames (0 if it failed). */
  private int passiveCheckpoint() {
    synchronized (checkpointer) {
      try (var st = checkpointer.createStatement();
          var rs = st.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
        // Columns: busy, frames in the log, frames checkpointed.
        return rs.next() ? rs.getInt(2) : 0;
      } catch (SQLException e) {
        // A busy or failing checkpoint is retried next second; the WAL simply grows meanwhile.
        return 0;
      }
    }
  }

  /** Opens (creating if needed, owner-only) the database file and applies pending migrations. */
  public static Database open(Path file, Clock clock) {
    return open(file, clock, Durability.FULL);
  }

  /** Opens the database with commits synced as {@code durability} says. */
  public static Database open(Path file, Clock clock, Durability durability) {
    Path absolute = file.toAbsolutePath();
    try {
      prepareFile(absolute);
      Database db = new Database(absolute, clock, durability);
      String problem = db.writeProblem();
      if (problem != null) {
        db.close();
        throw new DatabaseException("cannot open database " + absolute + ": " + problem, null);
      }
      return db;
    } catch (IOException | SQLException e) {
      throw new DatabaseException("cannot open database " + absolute + ": " + e.getMessage(), e);
    }
  }

  private static void prepareFile(Path file) throws IOException {
    boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    Path dir = file.getParent();
    if (dir != null && !Files.exists(dir)) {
      if (posix) {
        Files.createDirectories(
            dir,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      } else {
        Files.createDirectories(dir);
      }
    }
    if (!Files.exists(file) && posix) {
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    }
  }

  private Connection connect(SQLiteConfig.TransactionMode mode) throws SQLException {
    if (pool != null) {
      return pool.getConnection();
    }
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(
        durability == Durability.FULL
            ? SQLiteConfig.SynchronousMode.FULL
            : SQLiteConfig.SynchronousMode.NORMAL);
    config.setBusyTimeout(5_000);
    config.enforceForeignKeys(true);
    config.setTransactionMode(mode);
    Connection c = config.createConnection("jdbc:sqlite:" + file);
    try (var st = c.createStatement()) {
      // Checkpoints run on their own thread, so a commit never pays for copying the WAL back.
      st.execute("PRAGMA wal_autocheckpoint = 0");
      // When the log starts over, its file is cut back to 64 MB instead of keeping its peak size.
      st.execute("PRAGMA journal_size_limit = 67108864");
    }
    return c;
  }

  /** The SQLite file; null for PostgreSQL. */
  public Path file() {
    return file;
  }

  /** Runs {@code work} in one write transaction: all of it is committed, or none of it. */
  public <T> T write(Work<T> work) {
    writeLock.lock();
    try {
      if (logTooLong) {
        logTooLong = false;
        passiveCheckpoint();
      }
      return writer.run(work);
    } finally {
      writeLock.unlock();
    }
  }

  /** Runs {@code work} against one consistent snapshot. */
  public <T> T read(Work<T> work) {
    readLock.lock();
    try {
      return reader.run(work);
    } finally {
      readLock.unlock();
    }
  }

  /**
   * At most 256 prepared statements per connection; the least recently used one is closed first.
   */
  private static java.util.Map<String, java.sql.PreparedStatement> statementCache() {
    return new java.util.LinkedHashMap<>(64, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(
          java.util.Map.Entry<String, java.sql.PreparedStatement> eldest) {
        if (size() > 256) {
          try {
            eldest.getValue().close();
          } catch (SQLException e) {
            // closing a statement we no longer need; nothing to recover
          }
          return true;
        }
        return false;
      }
    };
  }

  /**
   * One connection and its statement cache. After a failure that leaves SQLite's transaction state
   * unknown (a full disk can roll a transaction back behind the driver's back) the connection is
   * dropped and the next transaction opens a fresh one, so a later transaction never runs in
   * autocommit mode by mistake.
   */
  private final class Slot {
    private final SQLiteConfig.TransactionMode mode;
    private final java.util.Map<String, java.sql.PreparedStatement> statements = statementCache();
    private Connection connection;

    Slot(SQLiteConfig.TransactionMode mode) throws SQLException {
      this.mode = mode;
      this.connection = connect(mode);
    }

    /** Runs {@code work} in one transaction; the caller holds this slot's lock. */
    <T> T run(Work<T> work) {
      Connection c = connection();
      boolean committed = false;
      boolean sqlFailed = false;
      try {
        c.setAutoCommit(false);
        T result = work.run(new Tx(c, statements, dialect));
        c.commit();
        committed = true;
        return result;
      } catch (SQLException e) {
        sqlFailed = true;
        throw new DatabaseException("transaction on " + where + " failed: " + e.getMessage(), e);
      } catch (DatabaseException e) {
        // A row that does not decode leaves the connection as it was; a failing store may not.
        sqlFailed = e.storeWide();
        throw e;
      } finally {
        if (!finish(c, committed) || sqlFailed) {
          drop();
        }
      }
    }

    /**
     * Rolls back what did not commit and returns to autocommit, so an IMMEDIATE connection does not
     * keep holding the write lock; false if the connection could not be brought back to a known
     * state.
     */
    private boolean finish(Connection c, boolean committed) {
      try {
        if (!committed) {
          c.rollback();
        }
        c.setAutoCommit(true);
        return true;
      } catch (SQLException e) {
        return false;
      }
    }

    Connection connection() {
      if (connection == null) {
        try {
          connection = connect(mode);
        } catch (SQLException e) {
          throw new DatabaseException("cannot reconnect to " + where + ": " + e.getMessage(), e);
        }
      }
      return connection;
    }

    private void drop() {
      for (var st : statements.values()) {
        try {
          st.close();
        } catch (SQLException e) {
          // the connection is being replaced anyway
        }
      }
      statements.clear();
      try {
        connection.close();
      } catch (SQLException e) {
        // the connection is being replaced anyway
      }
      connection = null;
    }

    void close() throws SQLException {
      if (connection != null) {
        connection.close();
        connection = null;
      }
    }
  }

  private void migrate(Clock clock) {
    write(
        tx -> {
          if (dialect == Dialect.POSTGRESQL) {
            // Instances starting together migrate one at a time (held until this commits).
            tx.query(
                "SELECT pg_advisory_xact_lock(7262001, hashtext(current_schema()))", rs -> null);
          }
          tx.update(
              "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)");
          int current =
              tx.one("SELECT COALESCE(MAX(version), 0) FROM schema_version", rs -> rs.getInt(1))
                  .orElse(0);
          if (current > Migrations.NAMES.size()) {
            // An older jar on a database an upgrade has moved on: its code would misread it.
            throw new DatabaseException(
                "the database is at schema version "
                    + current
                    + ", newer than this program's "
                    + Migrations.NAMES.size()
                    + "; run the newer version of backcoach (or restore a backup)",
                null);
          }
          for (int v = current + 1; ; v++) {
            String sql = migration(v, dialect);
            if (sql == null) {
              break;
            }
            tx.script(sql);
            tx.update(
                "INSERT INTO schema_version (version, applied_at) VALUES (?, ?)",
                v,
                clock.instant().toString());
          }
          return null;
        });
  }

  /** The script of migration {@code version}, or null when there is none. */
  static String migration(int version) {
    return migration(version, Dialect.SQLITE);
  }

  /** The same for a dialect: its own file under {@code db/postgresql/}, else the common one. */
  static String migration(int version, Dialect dialect) {
    for (String name : Migrations.NAMES) {
      if (name.startsWith("V" + version + "__")) {
        String path =
            dialect == Dialect.POSTGRESQL
                    && Database.class.getResource("/db/postgresql/" + name) != null
                ? "/db/postgresql/" + name
                : "/db/" + name;
        try (InputStream in = Database.class.getResourceAsStream(path)) {
          if (in == null) {
            throw new DatabaseException(
                "migration db/" + name + " is missing from the classpath", null);
          }
          return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
          throw new DatabaseException("cannot read migration db/" + name, e);
        }
      }
    }
    return null;
  }

  /**
   * Writes a consistent copy of the live database to {@code target} (SQLite's VACUUM INTO), without
   * stopping anyone: readers and the writer carry on while it runs. The copy is created owner-only.
   */
  public void backup(Path target) {
    if (dialect == Dialect.POSTGRESQL) {
      throw new DatabaseException(
          "backup of PostgreSQL " + where + ": use pg_dump (docs/DEPLOY.md, backups)", null);
    }
    Path absolute = target.toAbsolutePath();
    if (Files.exists(absolute)) {
      throw new DatabaseException(
          "backup target " + absolute + " already exists; choose a new file", null);
    }
    readLock.lock();
    try (var statement = reader.connection().prepareStatement("VACUUM INTO ?")) {
      statement.setString(1, absolute.toString());
      statement.execute();
      if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
        Files.setPosixFilePermissions(absolute, PosixFilePermissions.fromString("rw-------"));
      }
    } catch (SQLException | IOException e) {
      throw new DatabaseException(
          "backup of " + file + " to " + absolute + " failed: " + e.getMessage(), e);
    } finally {
      readLock.unlock();
    }
  }

  /**
   * Null when a write commits and the file and its folder are writable; otherwise what is wrong,
   * naming the file (health checks and start-up).
   */
  public String writeProblem() {
    try {
      write(
          tx ->
              tx.update(
                  "INSERT INTO health_probe (id, at) VALUES (1, ?)"
                      + " ON CONFLICT (id) DO UPDATE SET at = excluded.at",
                  System.nanoTime()));
    } catch (DatabaseException e) {
      Throwable why = e.getCause() != null ? e.getCause() : e;
      return "database " + where + " does not accept writes: " + why.getMessage();
    }
    if (file == null) {
      return null; // PostgreSQL: the server's files are its own business
    }
    if (!Files.isWritable(file)) {
      return "database file "
          + file
          + " is not writable (check its owner and permissions); writes still work through the"
          + " open file, but a restart will fail";
    }
    Path dir = file.getParent();
    if (dir != null && !Files.isWritable(dir)) {
      return "database folder "
          + dir
          + " is not writable (SQLite creates its -wal and -shm files there); a restart will fail";
    }
    return null;
  }

  /** The schema version the file is at. */
  public int schemaVersion() {
    return read(
        tx -> tx.one("SELECT MAX(version) FROM schema_version", rs -> rs.getInt(1)).orElse(0));
  }

  @Override
  public void close() {
    if (checkpoints != null) {
      checkpoints.shutdownNow();
    }
    writeLock.lock();
    readLock.lock();
    try {
      checkpoint();
      if (checkpointer != null) {
        checkpointer.close();
      }
      writer.close();
      reader.close();
      leads.values().forEach(Lead::close);
      if (pool != null) {
        pool.close();
      }
    } catch (SQLException e) {
      throw new DatabaseException("closing " + where + " failed: " + e.getMessage(), e);
    } finally {
      readLock.unlock();
      writeLock.unlock();
    }
  }
}
