package app.backcoach.telegram;

import app.backcoach.delivery.SendLimits;
import java.net.URI;
import java.time.Duration;

/**
 * What the Telegram adapter needs: the token, where the Bot API lives, how updates arrive (long
 * polling, or a webhook), and the send limits.
 *
 * @param apiUrl the Bot API's base URL; polling and requests both go there
 * @param requestTimeout how long a request other than a long poll may wait for its answer
 * @param webhook where Telegram delivers updates; null to long-poll for them instead
 */
public record TelegramSettings(
    String token,
    URI apiUrl,
    Duration pollTimeout,
    SendLimits limits,
    Duration requestTimeout,
    WebhookSettings webhook) {
  public static final URI PUBLIC_API = URI.create("https://api.telegram.org");

  /** Settings with the default request timeout of 30 s, long polling. */
  public TelegramSettings(String token, URI apiUrl, Duration pollTimeout, SendLimits limits) {
    this(token, apiUrl, pollTimeout, limits, Duration.ofSeconds(30));
  }

  /** Long-polling settings. */
  public TelegramSettings(
      String token, URI apiUrl, Duration pollTimeout, SendLimits limits, Duration requestTimeout) {
    this(token, apiUrl, pollTimeout, limits, requestTimeout, null);
  }

  /** The same settings, with updates delivered to {@code webhook} (null: long polling). */
  public TelegramSettings withWebhook(WebhookSettings webhook) {
    return new TelegramSettings(token, apiUrl, pollTimeout, limits, requestTimeout, webhook);
  }

  @Override
  public String toString() {
    return "TelegramSettings[token="
        + masked(token)
        + ", apiUrl="
        + apiUrl
        + ", pollTimeout="
        + pollTimeout
        + ", limits="
        + limits
        + ", requestTimeout="
        + requestTimeout
        + ", webhook="
        + webhook
        + "]";
  }

  /** The token with everything after the bot id hidden. */
  public static String masked(String token) {
    int colon = token == null ? -1 : token.indexOf(':');
    return colon < 0 ? "***" : token.substring(0, colon + 1) + "***";
  }
}
