package app.backcoach.telegram;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.methods.updates.GetWebhookInfo;
import org.telegram.telegrambots.meta.api.methods.updates.SetWebhook;
import org.telegram.telegrambots.meta.api.objects.WebhookInfo;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.generics.TelegramClient;

/**
 * Keeps Telegram's webhook pointed here: setWebhook at start-up, tried again with backoff until
 * Telegram accepts it, then a regular getWebhookInfo that sets it again if something else changed
 * it and tells the health check when Telegram's deliveries fail (a proxy that is down, a wrong
 * route). Pending updates are never dropped: Telegram delivers what waited.
 */
final class WebhookRegistration {
  private static final Logger log = LoggerFactory.getLogger(WebhookRegistration.class);

  /** How often the webhook is checked (tests shorten it). */
  static volatile Duration checkEvery = Duration.ofSeconds(60);

  static final Duration FIRST_RETRY = Duration.ofMillis(500);
  static final Duration MAX_RETRY = Duration.ofSeconds(60);

  /**
   * A delivery error this recent, with updates waiting, means Telegram cannot reach the bot: it
   * tries a failing update again at most about two minutes later.
   */
  static final Duration RECENT_ERROR = Duration.ofMinutes(3);

  private final WebhookSettings settings;
  private final List<String> allowedUpdates;
  private final TelegramClient client;
  private final ScheduledExecutorService chores;
  private final BotHealth health;
  private final Clock clock;
  private volatile boolean registered;
  private Duration nextRetry = FIRST_RETRY;
  private int failures;

  WebhookRegistration(
      WebhookSettings settings,
      List<String> allowedUpdates,
      TelegramClient client,
      ScheduledExecutorService chores,
      BotHealth health,
      Clock clock) {
    this.settings = settings;
    this.allowedUpdates = allowedUpdates;
    this.client = client;
    this.chores = chores;
    this.health = health;
    this.clock = clock;
  }

  /** Sets the webhook on the chores thread, and checks it from then on. */
  void start() {
    chores.execute(this::register);
    long every = checkEvery.toMillis();
    chores.scheduleWithFixedDelay(this::check, every, every, TimeUnit.MILLISECONDS);
  }

  private void register() {
    try {
      client.execute(
          SetWebhook.builder()
              .url(settings.url().toString())
              .secretToken(settings.secret())
              .allowedUpdates(allowedUpdates)
              .build());
      registered = true;
      nextRetry = FIRST_RETRY;
      failures = 0;
      health.webhook(null);
      log.info("bot: webhook set to {}", settings.url());
    } catch (TelegramApiException | RuntimeException e) {
      health.webhook(
          "the webhook is not set at Telegram (setWebhook "
              + settings.url()
              + ": "
              + e.getMessage()
              + ")");
      if (failures++ == 0) {
        log.warn(
            "bot: setWebhook {} failed ({}); retrying with backoff",
            settings.url(),
            e.getMessage());
      } else {
        log.debug("bot: setWebhook failed again: {}", e.getMessage());
      }
      chores.schedule(this::register, nextRetry.toMillis(), TimeUnit.MILLISECONDS);
      Duration doubled = nextRetry.multipliedBy(2);
      nextRetry = doubled.compareTo(MAX_RETRY) > 0 ? MAX_RETRY : doubled;
    }
  }

  private void check() {
    if (!registered) {
      return; // still being set, with its own retries
    }
    WebhookInfo info;
    try {
      info = client.execute(new GetWebhookInfo());
    } catch (TelegramApiException | RuntimeException e) {
      log.debug("bot: getWebhookInfo failed: {}", e.getMessage());
      return; // the network or Telegram: the sender's failures say so too
    }
    String url = info.getUrl() == null ? "" : info.getUrl();
    if (!url.equals(settings.url().toString())) {
      registered = false;
      String now = url.isEmpty() ? "removed" : "changed to " + url;
      log.warn(
          "bot: the webhook was {} by something else (a bot polling this token, or another"
              + " instance?); setting it to {} again",
          now,
          settings.url());
      health.webhook("the webhook at Telegram was " + now + "; setting it again");
      register();
      return;
    }
    health.webhook(null);
    health.deliveries(deliveryProblem(info, clock.instant()));
  }

  /** Why Telegram's deliveries fail, when updates wait and the last error is recent; else null. */
  static String deliveryProblem(WebhookInfo info, Instant now) {
    Integer errorAt = info.getLastErrorDate();
    int waiting = info.getPendingUpdatesCount() == null ? 0 : info.getPendingUpdatesCount();
    if (errorAt == null || waiting == 0) {
      return null;
    }
    Duration ago = Duration.between(Instant.ofEpochSecond(errorAt), now);
    if (ago.compareTo(RECENT_ERROR) > 0) {
      return null;
    }
    return "Telegram cannot deliver to the webhook: "
        + info.getLastErrorMessage()
        + " ("
        + ago.toSeconds()
        + " s ago; "
        + waiting
        + " update(s) waiting)";
  }
}
