package app.backcoach.storage;

/** A database operation failed; the message names the operation and the file. */
public final class DatabaseException extends RuntimeException {
  public DatabaseException(String message, Throwable cause) {
    super(message, cause);
  }
}
