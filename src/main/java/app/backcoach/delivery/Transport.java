package app.backcoach.delivery;

import app.backcoach.reply.Delivery;

/** Delivers one item to a chat on some platform (Telegram, a test fake) and says how it went. */
public interface Transport {
  Result deliver(long chatId, Delivery delivery);

  /**
   * The same, with Telegram's paid broadcast when {@code paidBroadcast} (a late reminder beyond the
   * free limit, see {@link PaidBroadcast}); a transport without it delivers as usual.
   */
  default Result deliver(long chatId, Delivery delivery, boolean paidBroadcast) {
    return deliver(chatId, delivery);
  }

  /** How a delivery went, and so what the sender does next. */
  sealed interface Result {
    /** Delivered (or nothing left to do, such as "message is not modified"). */
    record Sent() implements Result {}

    /** Rate limited: try again after this many seconds. */
    record RetryAfter(int seconds) implements Result {}

    /** A passing failure (5xx, network): retry with backoff. */
    record Transient(String reason) implements Result {}

    /** The user blocked the bot or is gone: stop sending them anything. */
    record Blocked(String reason) implements Result {}

    /** Permanently refused (a 400): never retry this one. */
    record Rejected(String reason) implements Result {}

    /**
     * Making the delivery failed on our side (a bug, an {@link Error}): retried a few times, then
     * quarantined.
     */
    record Broken(String reason, Throwable cause) implements Result {}
  }
}
