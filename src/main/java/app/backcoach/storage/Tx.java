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

  /**
   * @param cache the connection's prepared statements, reused across transactions (preparing is the
   *     costly part)
   */
  Tx(Connection connection, java.util.Map<String, PreparedStatement> cache) {
    this.connection = connection;
    this.cache = cache;
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

  /** Runs an insert and returns the generated row id. */
  public long insert(String sql, Object... args) {
    // One statement instead of two: SQLite (3.35+) returns the new row id itself.
    return query(sql + " RETURNING rowid", rs -> rs.getLong(1), args).get(0);
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
