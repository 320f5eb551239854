package app.backcoach.storage;

import java.sql.Connection;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One role that a single instance plays at a time when several share a PostgreSQL database (the
 * sender, the reminder claim, housekeeping): held as a session-level advisory lock (keyed by the
 * schema and the role) on a connection of its own, so an instance that dies lets the next one take
 * over. On SQLite, one process owns the file and always leads.
 */
public final class Lead implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Lead.class);

  private final String role;
  private final java.util.function.Supplier<Connection> connections;
  private Connection held;
  private long checkedAt;

  /** Always leading (SQLite). */
  static Lead always(String role) {
    return new Lead(role, null);
  }

  Lead(String role, java.util.function.Supplier<Connection> connections) {
    this.role = role;
    this.connections = connections;
  }

  /**
   * True while this instance plays the role: checks the lock's connection, and tries to take the
   * role when nobody holds it. Cheap enough to ask before each round of work.
   */
  public synchronized boolean held() {
    if (connections == null) {
      return true;
    }
    try {
      if (held != null) {
        long now = System.nanoTime();
        if (now - checkedAt < 1_000_000_000L) {
          return true; // checked within the last second
        }
        if (held.isValid(2)) {
          checkedAt = now;
          return true;
        }
        log.warn("lead: lost the connection holding the {} role; trying to take it again", role);
        drop();
      }
      Connection c = connections.get();
      boolean got;
      try (var st =
          c.prepareStatement(
              "SELECT pg_try_advisory_lock(hashtext(current_schema()), hashtext(?))")) {
        st.setString(1, role);
        try (var rs = st.executeQuery()) {
          got = rs.next() && rs.getBoolean(1);
        }
      }
      if (!got) {
        c.close();
        return false;
      }
      held = c;
      checkedAt = System.nanoTime();
      log.info("lead: this instance now plays the {} role", role);
      return true;
    } catch (SQLException | RuntimeException e) {
      log.warn("lead: cannot take the {} role: {}", role, e.getMessage());
      drop();
      return false;
    }
  }

  private void drop() {
    if (held != null) {
      try {
        held.close();
      } catch (SQLException e) {
        // replaced anyway
      }
      held = null;
    }
  }

  @Override
  public synchronized void close() {
    if (held != null) {
      try (var st =
          held.prepareStatement(
              "SELECT pg_advisory_unlock(hashtext(current_schema()), hashtext(?))")) {
        st.setString(1, role);
        st.execute();
      } catch (SQLException e) {
        // closing the connection below ends the session, and the lock with it
      }
      drop();
    }
  }
}
