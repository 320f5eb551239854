package app.backcoach.storage;

import java.sql.ResultSetMetaData;
import java.util.ArrayList;
import java.util.List;

/**
 * Copies every row of a SQLite database into an empty PostgreSQL one (the {@code copy-to-postgres}
 * command): table by table, parents before children, ids kept, and each id sequence moved past the
 * copied ids. Answers are copied in the order they were given. Refuses a target that holds users.
 */
public final class DatabaseCopy {
  /** Every table with data, parents first (foreign keys point backwards in this list). */
  static final List<String> TABLES =
      List.of(
          "users",
          "conversations",
          "answers",
          "plans",
          "plan_texts",
          "plan_sections",
          "outbox_templates",
          "outbox",
          "updates",
          "chat_notices",
          "reminders",
          "reminder_log",
          "checkins",
          "quarantine",
          "paid_broadcast");

  /** Tables whose ids come from a sequence on PostgreSQL. */
  private static final List<String> WITH_IDS =
      List.of(
          "plan_texts",
          "outbox_templates",
          "outbox",
          "reminders",
          "reminder_log",
          "checkins",
          "quarantine");

  /** Rows read per page (written in chunks of at most {@link Tx#MAX_ROWS}). */
  private static final int CHUNK = 2_000;

  private DatabaseCopy() {}

  /** What was copied: rows per table, in copy order. */
  public record Copied(List<String> tables, List<Integer> rows) {
    public int total() {
      return rows.stream().mapToInt(Integer::intValue).sum();
    }
  }

  /** Copies {@code from} (SQLite) into {@code to} (PostgreSQL, at the same schema version). */
  public static Copied copy(Database from, Database to) {
    if (from.dialect() != Database.Dialect.SQLITE || to.dialect() != Database.Dialect.POSTGRESQL) {
      throw new IllegalArgumentException("copies a SQLite database into a PostgreSQL one");
    }
    if (from.schemaVersion() != to.schemaVersion()) {
      throw new DatabaseException(
          "the two databases are at schema versions "
              + from.schemaVersion()
              + " and "
              + to.schemaVersion()
              + "; start this version of the bot on the SQLite file once to bring it up to date",
          null);
    }
    int already = to.read(tx -> tx.count("SELECT COUNT(*) FROM users"));
    if (already > 0) {
      throw new DatabaseException(
          "the PostgreSQL database already holds " + already + " users; copy into an empty one",
          null);
    }
    List<Integer> counts = new ArrayList<>();
    to.write(
        target -> {
          for (String table : TABLES) {
            counts.add(copyTable(from, target, table));
          }
          for (String table : WITH_IDS) {
            target.idsUsed(table);
          }
          return null;
        });
    return new Copied(TABLES, List.copyOf(counts));
  }

  /** Copies one table in pages of {@link #CHUNK} rows, in rowid order (the order of insertion). */
  private static int copyTable(Database from, Tx target, String table) {
    List<String> columns = new ArrayList<>();
    long after = Long.MIN_VALUE;
    int copied = 0;
    while (true) {
      long since = after;
      List<Object[]> page =
          from.read(
              tx ->
                  tx.query(
                      "SELECT rowid AS copy_rowid, * FROM "
                          + table
                          + " WHERE rowid > ? ORDER BY rowid LIMIT "
                          + CHUNK,
                      rs -> {
                        ResultSetMetaData meta = rs.getMetaData();
                        if (columns.isEmpty()) {
                          for (int i = 2; i <= meta.getColumnCount(); i++) {
                            columns.add(meta.getColumnName(i));
                          }
                        }
                        Object[] row = new Object[meta.getColumnCount()];
                        for (int i = 0; i < row.length; i++) {
                          row[i] = rs.getObject(i + 1);
                        }
                        return row;
                      },
                      since));
      if (page.isEmpty()) {
        return copied;
      }
      List<Object[]> values = new ArrayList<>(page.size());
      for (Object[] row : page) {
        values.add(java.util.Arrays.copyOfRange(row, 1, row.length));
      }
      target.updateRows(
          "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES {rows}",
          columns.size(),
          values);
      copied += page.size();
      after = ((Number) page.get(page.size() - 1)[0]).longValue();
    }
  }
}
