package app.backcoach.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** One transaction's view of the database: parameterised updates and queries, nothing else. */
public final class Tx {
  private final Connection connection;
  private final java.util.Map<String, PreparedStatement> cache;
  private final Database.Dialect dialect;

  /**
   * @param cache the connection's prepared statements, reused across transactions (preparing is the
   *     costly part)
   */
  Tx(
      Connection connection,
      java.util.Map<String, PreparedStatement> cache,
      Database.Dialect dialect) {
    this.connection = connection;
    this.cache = cache;
    this.dialect = dialect;
  }

  /** Which engine runs this transaction. */
  public Database.Dialect dialect() {
    return dialect;
  }

  /**
   * The column that orders a table's rows as they were inserted: SQLite's rowid; on PostgreSQL the
   * tables read in that order have a {@code seq} identity column.
   */
  public String insertionOrder() {
    return dialect == Database.Dialect.SQLITE ? "rowid" : "seq";
  }

  /** Maps the current row of a result set. */
  @FunctionalInterface
  public interface Row<T> {
    T map(ResultSet rs) throws SQLException;
  }

  public int update(String sql, Object... args) {
    try {
      return prepare(sql, args).executeUpdate();
    } catch (SQLException e) {
      throw new DatabaseException("update failed: " + firstWords(sql) + ": " + e.getMessage(), e);
    }
  }

  /**
   * Rows per statement of {@link #updateRows}, at most: 8 columns stay far below SQLite's limit.
   */
  static final int MAX_ROWS = 256;

  /**
   * Runs {@code sql} for many rows with few statements: {@code {rows}} in it is replaced by {@code
   * (?, ?), (?, ?), ...}, one group per row, {@code width} values each, for example {@code INSERT
   * INTO t (a, b) VALUES {rows}} or {@code UPDATE t SET x = v.column2 FROM (VALUES {rows}) AS v
   * WHERE t.id = v.column1}. Rows go in chunks whose sizes are powers of two, so at most nine
   * statements per {@code sql} are prepared and cached. Returns the rows changed.
   */
  public int updateRows(String sql, int width, List<Object[]> rows) {
    String group = "(" + "?, ".repeat(width - 1) + "?)";
    int changed = 0;
    int at = 0;
    while (at < rows.size()) {
      int n = Math.min(MAX_ROWS, Integer.highestOneBit(rows.size() - at));
      String chunk =
          sql.replace("{rows}", String.join(", ", java.util.Collections.nCopies(n, group)));
      Object[] args = new Object[n * width];
      for (int r = 0; r < n; r++) {
        Object[] row = rows.get(at + r);
        if (row.length != width) {
          throw new IllegalArgumentException(
              "row " + (at + r) + " has " + row.length + " values, expected " + width);
        }
        System.arraycopy(row, 0, args, r * width, width);
      }
      changed += update(chunk, args);
      at += n;
    }
    return changed;
  }

  /** Runs an insert into a table with an {@code id} column and returns the new row's id. */
  public long insert(String sql, Object... args) {
    // One statement instead of two: both engines return the new id (SQLite 3.35+).
    return query(sql + " RETURNING id", rs -> rs.getLong(1), args).get(0);
  }

  public <T> List<T> query(String sql, Row<T> row, Object... args) {
    try (ResultSet rs = prepare(sql, args).executeQuery()) {
      List<T> out = new ArrayList<>();
      while (rs.next()) {
        out.add(row.map(rs));
      }
      return out;
    } catch (SQLException e) {
      throw new DatabaseException("query failed: " + firstWords(sql) + ": " + e.getMessage(), e);
    }
  }

  public <T> Optional<T> one(String sql, Row<T> row, Object... args) {
    List<T> all = query(sql, row, args);
    return all.isEmpty() ? Optional.empty() : Optional.ofNullable(all.get(0));
  }

  /** The first column of the first row as an int (a COUNT, say); 0 when there is no row. */
  public int count(String sql, Object... args) {
    return one(sql, rs -> rs.getInt(1), args).orElse(0);
  }

  /**
   * The highest id an AUTOINCREMENT table has ever handed out (deleted rows included), so ids
   * assigned after it are new. SQLite keeps it in {@code sqlite_sequence}; another backend would
   * read its sequence here.
   */
  public long lastId(String table) {
    if (!table.matches("[a-z_]+")) {
      throw new IllegalArgumentException("not a table name: " + table);
    }
    String sequence =
        dialect == Database.Dialect.SQLITE
            ? "SELECT seq FROM sqlite_sequence WHERE name = ?"
            : "SELECT last_value FROM pg_sequences WHERE schemaname = current_schema()"
                + " AND sequencename = ? || '_id_seq' AND last_value IS NOT NULL";
    return one(
            "SELECT "
                + (dialect == Database.Dialect.SQLITE ? "MAX" : "GREATEST")
                + "(COALESCE(("
                + sequence
                + "), 0), COALESCE((SELECT MAX(id) FROM "
                + table
                + "), 0)) AS last_id",
            rs -> rs.getLong("last_id"),
            table)
        .orElse(0L);
  }

  /**
   * After rows were inserted into {@code table} with ids of their own (from {@link #lastId}): on
   * PostgreSQL the id sequence moves past them, so the next default id is new; SQLite does that
   * itself.
   */
  public void idsUsed(String table) {
    if (dialect == Database.Dialect.SQLITE) {
      return;
    }
    if (!table.matches("[a-z_]+")) {
      throw new IllegalArgumentException("not a table name: " + table);
    }
    query(
        "SELECT setval(pg_get_serial_sequence(?, 'id'), m) FROM (SELECT MAX(id) AS m FROM "
            + table
            + ") AS t WHERE m IS NOT NULL AND m > COALESCE((SELECT last_value FROM pg_sequences"
            + " WHERE schemaname = current_schema() AND sequencename = ? || '_id_seq'), 0)",
        rs -> null,
        table,
        table);
  }

  /**
   * Claims a chat for this transaction: false when another instance on the same PostgreSQL database
   * is applying that chat's updates right now (its claim ends with its transaction, or with its
   * connection when it dies). Always true on SQLite, where one process owns the file.
   */
  public boolean claimChat(long chatId) {
    if (dialect == Database.Dialect.SQLITE) {
      return true;
    }
    return one("SELECT pg_try_advisory_xact_lock(?)", rs -> rs.getBoolean(1), chatId).orElse(false);
  }

  /** Runs a script of statements separated by semicolons at line ends (a migration file). */
  void script(String sql) {
    for (String statement : sql.split(";\\s*(\\r?\\n|$)")) {
      String s = statement.replaceAll("(?m)^\\s*--.*$", "").trim();
      if (!s.isEmpty()) {
        // Schema changes are not cached: they would invalidate cached statements anyway.
        try (PreparedStatement ps = connection.prepareStatement(s)) {
          ps.executeUpdate();
        } catch (SQLException e) {
          throw new DatabaseException(
              "migration statement failed: " + firstWords(s) + ": " + e.getMessage(), e);
        }
      }
    }
  }

  private PreparedStatement prepare(String sql, Object... args) throws SQLException {
    PreparedStatement ps = cache.get(sql);
    if (ps == null || ps.isClosed()) {
      ps = connection.prepareStatement(sql);
      cache.put(sql, ps);
    } else {
      ps.clearParameters();
    }
    for (int i = 0; i < args.length; i++) {
      ps.setObject(i + 1, args[i]);
    }
    return ps;
  }

  private static String firstWords(String sql) {
    String flat = sql.replaceAll("\\s+", " ").trim();
    return flat.length() > 60 ? flat.substring(0, 60) + "..." : flat;
  }
}
