package app.backcoach.delivery;

import app.backcoach.storage.Tx;

/**
 * Decides about a reminder's message that could not go out on time (Telegram was down, the queue
 * was long): send it now, hold it, or fold it into a catch-up, by the same rules as a reminder
 * claimed late.
 */
@FunctionalInterface
public interface LateMessages {
  /**
   * Called in the sender's transaction for a message that is due but past its deadline or queued a
   * while ago; true if it was dealt with there (dropped into a catch-up or held) and must not be
   * sent now.
   */
  boolean settle(Tx tx, Outbox.Item item, long nowMillis);

  /** Sends every message, however late. */
  LateMessages NONE = (tx, item, now) -> false;
}
