package app.backcoach.delivery;

import java.util.HashMap;
import java.util.Map;

/**
 * Token buckets: one for all chats and one per chat. Not thread-safe: the sender's single dispatch
 * thread owns it. Times are in milliseconds from the sender's clock.
 */
final class RateLimiter {
  private final Bucket global;
  private final double perChatRate;
  private final int perChatBurst;
  private final Map<Long, Bucket> chats = new HashMap<>();

  /** Paid broadcast's extra messages per second above the free limit; null when it is off. */
  private final Bucket paid;

  RateLimiter(double globalPerSecond, int globalBurst, double perChatPerSecond, int perChatBurst) {
    this(globalPerSecond, globalBurst, perChatPerSecond, perChatBurst, 0);
  }

  /**
   * With {@code paidPerSecond} more messages a second for paid broadcast (0: none), in bursts of up
   * to 50 ms' worth, the cadence of the sender's scans.
   */
  RateLimiter(
      double globalPerSecond,
      int globalBurst,
      double perChatPerSecond,
      int perChatBurst,
      double paidPerSecond) {
    this.global = new Bucket(globalPerSecond, globalBurst, 0);
    this.perChatRate = perChatPerSecond;
    this.perChatBurst = perChatBurst;
    this.paid =
        paidPerSecond <= 0
            ? null
            : new Bucket(paidPerSecond, (int) Math.ceil(paidPerSecond / 20), 0);
  }

  /**
   * Takes a paid-broadcast token and the chat's token if both have one: paid broadcast lifts the
   * limit for the whole bot, not the one for each chat.
   */
  boolean tryAcquirePaid(long chatId, long nowMillis) {
    return paid != null && take(paid, chatId, nowMillis);
  }

  /** Takes a token for the chat and the whole bot if both have one. */
  boolean tryAcquire(long chatId, long nowMillis) {
    return take(global, chatId, nowMillis);
  }

  /**
   * Takes a token from {@code bot} (a bucket for the whole bot) and the chat's, if both have one.
   */
  private boolean take(Bucket bot, long chatId, long nowMillis) {
    Bucket chat =
        chats.computeIfAbsent(chatId, id -> new Bucket(perChatRate, perChatBurst, nowMillis));
    chat.refill(nowMillis);
    bot.refill(nowMillis);
    if (chat.tokens >= 1 && bot.tokens >= 1) {
      chat.tokens--;
      bot.tokens--;
      return true;
    }
    return false;
  }

  /** Messages the whole bot may send now: free tokens, and paid ones when paid broadcast is on. */
  long available(long nowMillis) {
    global.refill(nowMillis);
    long free = (long) global.tokens;
    if (paid == null) {
      return free;
    }
    paid.refill(nowMillis);
    return free + (long) paid.tokens;
  }

  /** True when the whole bot is out of tokens, so looking at more chats is pointless. */
  boolean globallyExhausted(long nowMillis) {
    global.refill(nowMillis);
    return global.tokens < 1;
  }

  /** Forgets chats whose buckets are full again, so memory stays bounded by the active chats. */
  void prune(long nowMillis) {
    chats
        .values()
        .removeIf(
            b -> {
              b.refill(nowMillis);
              return b.tokens >= b.capacity;
            });
  }

  private static final class Bucket {
    final double rate;
    final double capacity;
    double tokens;
    long at;

    Bucket(double perSecond, int burst, long now) {
      this.rate = perSecond / 1000.0;
      this.capacity = Math.max(1, burst);
      this.tokens = capacity;
      this.at = now;
    }

    void refill(long now) {
      if (now > at) {
        tokens = Math.min(capacity, tokens + (now - at) * rate);
        at = now;
      }
    }
  }
}
