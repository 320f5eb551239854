package app.backcoach.telegram;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the bot knows about its own health: when polling last worked, or what keeps the webhook from
 * working, and whether the store accepts writes.
 */
public final class BotHealth {
  private final Clock clock;
  private final AtomicLong lastPollMillis;
  private final AtomicLong polls = new AtomicLong();
  private final AtomicLong received = new AtomicLong();
  private volatile String storeError;
  private volatile String webhookProblem;
  private volatile String deliveryProblem;

  BotHealth(Clock clock) {
    this.clock = clock;
    this.lastPollMillis = new AtomicLong(clock.millis());
  }

  void polled() {
    lastPollMillis.set(clock.millis());
    polls.incrementAndGet();
  }

  void received(int n) {
    received.addAndGet(n);
  }

  /** Updates taken from Telegram and stored, counting repeats. */
  public AtomicLong receivedCounter() {
    return received;
  }

  void storeOk() {
    storeError = null;
  }

  void storeFailed(String why) {
    storeError = why;
  }

  public Instant lastPoll() {
    return Instant.ofEpochMilli(lastPollMillis.get());
  }

  public long polls() {
    return polls.get();
  }

  public Duration sinceLastPoll() {
    return Duration.ofMillis(clock.millis() - lastPollMillis.get());
  }

  void webhook(String problem) {
    webhookProblem = problem;
  }

  /**
   * In webhook mode, why the webhook is not set at Telegram (refused, or changed by something
   * else); null when it is set, and always null in polling mode.
   */
  public String webhookProblem() {
    return webhookProblem;
  }

  void deliveries(String problem) {
    deliveryProblem = problem;
  }

  /** Why Telegram's deliveries to the webhook fail, by its getWebhookInfo; null when they work. */
  public String deliveryProblem() {
    return deliveryProblem;
  }

  /** Null when the last write of updates worked, else why it failed. */
  public String storeError() {
    return storeError;
  }
}
