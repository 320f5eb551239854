package app.backcoach.delivery;

import java.time.Duration;

/**
 * Telegram's paid broadcast ({@code allow_paid_broadcast}): up to 1,000 messages a second instead
 * of about 30, for 0.1 Star a message taken from the bot's balance. The sender uses it, while the
 * free limit is used up and only within the operator's daily budget, for reminders already late by
 * {@code lateAfter}, and for replies that have waited {@link #REPLY_AFTER}: the answers to paid
 * reminders can outnumber the free limit, and a reply must not wait longer than a reminder.
 *
 * @param starsPerDay the most spent in one UTC day; 0 turns paid broadcast off
 * @param lateAfter how late a reminder must be before it is worth paying for
 */
public record PaidBroadcast(long starsPerDay, Duration lateAfter) {
  /** Off: every message within the free limit. */
  public static final PaidBroadcast OFF = new PaidBroadcast(0, Duration.ofSeconds(30));

  /** Telegram's price of one message sent with paid broadcast, in Stars. */
  public static final double STARS_PER_MESSAGE = 0.1;

  /**
   * How long a reply waits for the free limit before it is worth paying for. In the 1,000,000-user
   * peak with fixed times and paid reminders (BENCHMARKS section 11), replies on the free limit
   * alone waited up to 46 s.
   */
  public static final Duration REPLY_AFTER = Duration.ofSeconds(1);

  /** The limit with paid broadcast, in messages per second for the whole bot. */
  public static final double PER_SECOND = 1_000;

  public PaidBroadcast {
    if (starsPerDay < 0 || lateAfter == null || lateAfter.isNegative()) {
      throw new IllegalArgumentException("paid broadcast needs a budget >= 0 and a delay >= 0");
    }
  }

  public boolean on() {
    return starsPerDay > 0;
  }

  /** How many messages the daily budget pays for. */
  public long messagesPerDay() {
    return Math.round(starsPerDay / STARS_PER_MESSAGE);
  }
}
