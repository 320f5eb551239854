package app.backcoach.telegram;

import app.backcoach.delivery.SendLimits;
import java.net.URI;
import java.time.Duration;

/**
 * What the Telegram adapter needs: the token, where the Bot API lives, how long a poll waits, and
 * the send limits.
 *
 * @param apiUrl the Bot API's base URL; polling and requests both go there
 */
public record TelegramSettings(String token, URI apiUrl, Duration pollTimeout, SendLimits limits) {
  public static final URI PUBLIC_API = URI.create("https://api.telegram.org");

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
        + "]";
  }

  /** The token with everything after the bot id hidden. */
  public static String masked(String token) {
    int colon = token == null ? -1 : token.indexOf(':');
    return colon < 0 ? "***" : token.substring(0, colon + 1) + "***";
  }
}
