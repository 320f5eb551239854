package app.backcoach.delivery;

import app.backcoach.storage.Tx;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The paid-broadcast messages of the current UTC day, against the daily budget; owns table {@code
 * paid_broadcast}. A message counts from the moment it is handed to a worker, so messages in flight
 * never overspend; one that did not go out is given back, one that did is written in the
 * transaction that records it, so the count survives a restart. Only the sender's dispatch thread
 * uses it.
 */
final class PaidBudget {
  private final PaidBroadcast paid;
  private String day;
  private long used;

  /** Until when (epoch ms) paying is paused because Telegram refused a paid message. */
  private long pausedUntil;

  /** How long paying pauses after Telegram refused a paid message (no Stars left, for one). */
  static final long PAUSE_MILLIS = 3_600_000;

  PaidBudget(PaidBroadcast paid) {
    this.paid = paid;
  }

  /** Reads the day's count when the UTC day has changed (or at the first scan). */
  void refresh(Tx tx, long nowMillis) {
    if (!paid.on()) {
      return;
    }
    String today = day(nowMillis);
    if (!today.equals(day)) {
      used =
          tx.one(
                  "SELECT messages FROM paid_broadcast WHERE day = ?",
                  rs -> rs.getLong("messages"),
                  today)
              .orElse(0L);
      day = today;
    }
  }

  /** True while the day's budget has room for one more message and paying is not paused. */
  boolean hasRoom(long nowMillis) {
    return paid.on() && day != null && used < paid.messagesPerDay() && nowMillis >= pausedUntil;
  }

  /**
   * Telegram refused a paid message (the bot's Star balance ran out, say): pay for nothing for
   * {@link #PAUSE_MILLIS}; messages go within the free limit meanwhile.
   */
  void refused(long nowMillis) {
    pausedUntil = nowMillis + PAUSE_MILLIS;
  }

  /** Counts one message as spent (it is about to go out). */
  void take() {
    used++;
  }

  /** A paid message that did not go out (refused, retried later): its Star is not spent. */
  void giveBack() {
    used = Math.max(0, used - 1);
  }

  /** Writes one delivered paid message into the day it was delivered. */
  void delivered(Tx tx, long nowMillis) {
    tx.update(
        "INSERT INTO paid_broadcast (day, messages) VALUES (?, 1) ON CONFLICT (day)"
            + " DO UPDATE SET messages = paid_broadcast.messages + 1",
        day(nowMillis));
  }

  private static String day(long millis) {
    return LocalDate.ofInstant(Instant.ofEpochMilli(millis), ZoneOffset.UTC).toString();
  }
}
