package app.backcoach.storage;

import java.sql.SQLException;
import org.sqlite.SQLiteException;

/**
 * A database operation failed; the message names the operation and the file. {@link #storeWide}
 * tells a failing store (full disk, read-only, locked, corrupt: every item would fail, so work is
 * held until it recovers) from a failure tied to one item (a stored row that no longer decodes, a
 * constraint a bug broke: that item is set aside and the rest go on).
 */
public final class DatabaseException extends RuntimeException {
  private final boolean storeWide;
  private final boolean corrupt;

  public DatabaseException(String message, Throwable cause) {
    super(message, cause);
    int code = primaryCode(cause);
    this.corrupt = code == CORRUPT || code == NOTADB;
    this.storeWide = storeWide(cause, code);
  }

  private DatabaseException(String message, Throwable cause, boolean storeWide) {
    super(message, cause);
    this.storeWide = storeWide;
    this.corrupt = false;
  }

  /** A stored row that cannot be read back (JSON of the wrong shape, an unknown name). */
  public static DatabaseException badRow(String message, Throwable cause) {
    return new DatabaseException(message, cause, false);
  }

  /** True when the store itself is failing, so every item would fail alike. */
  public boolean storeWide() {
    return storeWide;
  }

  /** True when SQLite found the file damaged or not a database at all. */
  public boolean corrupt() {
    return corrupt;
  }

  /** True for a failure of the store itself anywhere in {@code t}'s causes. */
  public static boolean isStoreWide(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof DatabaseException d) {
        return d.storeWide();
      }
    }
    return false;
  }

  private static final int ERROR = 1;
  private static final int ABORT = 4;
  private static final int TOOBIG = 18;
  private static final int CONSTRAINT = 19;
  private static final int MISMATCH = 20;
  private static final int RANGE = 25;
  private static final int CORRUPT = 11;
  private static final int NOTADB = 26;

  /**
   * Errors that one statement's data or a bug cause are the item's; everything else (busy, locked,
   * I/O, full, read-only, corrupt, out of memory, a closed connection) is the store's, so the
   * cautious answer, holding work without loss, is the default.
   */
  private static boolean storeWide(Throwable cause, int code) {
    if (!(cause instanceof SQLException)) {
      return cause != null;
    }
    if (!(cause instanceof SQLiteException)) {
      return postgresStoreWide(((SQLException) cause).getSQLState());
    }
    return switch (code) {
      case ERROR, ABORT, TOOBIG, CONSTRAINT, MISMATCH, RANGE -> false;
      default -> true;
    };
  }

  /**
   * PostgreSQL by SQLSTATE class: bad data (22), a broken constraint (23), a raised exception (P0),
   * a cardinality slip (21) or a bug in a statement (42) are the item's; connections, resources,
   * shutdowns, conflicts between transactions and internal errors are the store's.
   */
  private static boolean postgresStoreWide(String state) {
    if (state == null || state.length() < 2) {
      return true;
    }
    return switch (state.substring(0, 2)) {
      case "21", "22", "23", "42", "P0" -> false;
      default -> true;
    };
  }

  private static int primaryCode(Throwable cause) {
    if (cause instanceof SQLiteException s) {
      return s.getResultCode().code & 0xff;
    }
    if (cause instanceof SQLException s && s.getSQLState() != null && s.getErrorCode() == 0) {
      return -1; // PostgreSQL: classified by SQLSTATE
    }
    if (cause instanceof SQLException s) {
      return s.getErrorCode() & 0xff;
    }
    return -1;
  }
}
