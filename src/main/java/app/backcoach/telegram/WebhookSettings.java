package app.backcoach.telegram;

import java.net.URI;
import java.util.Objects;

/**
 * Webhook mode: where Telegram delivers updates, the secret it sends back with each one, and where
 * the bot listens behind the reverse proxy that terminates TLS.
 *
 * @param url the public HTTPS URL given to setWebhook
 * @param secret the secret_token Telegram puts in the X-Telegram-Bot-Api-Secret-Token header
 * @param host the address the endpoint binds
 * @param port the port it binds; 0 picks a free one (tests)
 */
public record WebhookSettings(URI url, String secret, String host, int port) {
  public WebhookSettings {
    Objects.requireNonNull(url, "url == null");
    Objects.requireNonNull(secret, "secret == null");
    Objects.requireNonNull(host, "host == null");
  }

  /** The path the endpoint answers on: the URL's own, so the proxy can pass requests unchanged. */
  String path() {
    String path = url.getRawPath();
    return path == null || path.isEmpty() ? "/" : path;
  }

  @Override
  public String toString() {
    return "WebhookSettings[url=" + url + ", secret=***, host=" + host + ", port=" + port + "]";
  }
}
