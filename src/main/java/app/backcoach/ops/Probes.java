package app.backcoach.ops;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * What the health check asks. Each supplier may be null when it does not apply (no polling while
 * the database is not open yet, or in webhook mode; no webhook in polling mode).
 *
 * @param sinceLastPoll how long since polling last worked
 * @param pollLimit how long without a poll is a stall
 * @param databaseProblem what keeps the database from taking writes, or null
 * @param threadProblem which of the bot's own threads has died, or null
 * @param oldestUnapplied how long the oldest update not yet applied has waited, or null
 * @param oldestReply how long the oldest reply that is due has waited to go out, or null
 * @param stallLimit how long either may wait before the bot counts as stalled
 * @param quarantinedLastHour items quarantined in the last hour
 * @param webhookProblem why the webhook is not set at Telegram, or null
 * @param webhookWarning why Telegram's deliveries to the webhook fail, or null: a warning, since a
 *     restart would not mend a proxy or a route outside the bot, and a load balancer that took the
 *     instance out for it would only make them fail for good
 */
public record Probes(
    Supplier<Duration> sinceLastPoll,
    Duration pollLimit,
    Supplier<String> databaseProblem,
    Supplier<String> threadProblem,
    Supplier<Duration> oldestUnapplied,
    Supplier<Duration> oldestReply,
    Duration stallLimit,
    Supplier<Integer> quarantinedLastHour,
    Supplier<String> webhookProblem,
    Supplier<String> webhookWarning) {

  /** Probes without a webhook (long polling). */
  public Probes(
      Supplier<Duration> sinceLastPoll,
      Duration pollLimit,
      Supplier<String> databaseProblem,
      Supplier<String> threadProblem,
      Supplier<Duration> oldestUnapplied,
      Supplier<Duration> oldestReply,
      Duration stallLimit,
      Supplier<Integer> quarantinedLastHour) {
    this(
        sinceLastPoll,
        pollLimit,
        databaseProblem,
        threadProblem,
        oldestUnapplied,
        oldestReply,
        stallLimit,
        quarantinedLastHour,
        null,
        null);
  }

  /** While start-up waits for the database: only its problem is known. */
  public static Probes waitingForDatabase(Supplier<String> databaseProblem) {
    return new Probes(null, Duration.ZERO, databaseProblem, null, null, null, Duration.ZERO, null);
  }
}
