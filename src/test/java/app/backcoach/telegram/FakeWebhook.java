package app.backcoach.telegram;

import static app.backcoach.telegram.FakeBotHttp.JSON;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

/**
 * The webhook side of {@link FakeBotApi}: what setWebhook registered, and a thread that POSTs each
 * update there the way Telegram does, one at a time and in order, with the secret in {@code
 * X-Telegram-Bot-Api-Secret-Token}, sending it again after a short backoff until the answer is 2xx.
 * Failures show in getWebhookInfo's last_error_date and last_error_message.
 *
 * <p>Telegram calls a public https URL; in a test a reverse proxy is played by {@link #proxyTo}:
 * deliveries go to {@code http://127.0.0.1:<port>} with the registered URL's path. Guarded by the
 * fake's lock, which it shares.
 */
final class FakeWebhook implements AutoCloseable {
  /** One delivery attempt: the update, the answer's status (-1: no answer), when. */
  public record Delivery(long updateId, int status, long atMillis) {}

  private static final long FIRST_RETRY_MILLIS = 100;
  private static final long MAX_RETRY_MILLIS = 1_000;

  private final Object lock;
  private final Supplier<ObjectNode> next;
  private final LongConsumer delivered;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final Thread thread;

  // Guarded by lock.
  private String url; // null: no webhook
  private String secret;
  private Integer proxyPort;

  /** Every instance behind the proxy; deliveries take turns ({@link #proxyTo}). */
  private int[] proxyPorts = new int[0];

  private int turn;
  private final List<Delivery> deliveries = new ArrayList<>();
  private long lastErrorMillis;
  private String lastErrorMessage;
  private long retryAtMillis;
  private long retryMillis = FIRST_RETRY_MILLIS;
  private boolean closed;

  /**
   * @param next the oldest update Telegram would deliver now, or null (called under the lock)
   * @param delivered removes a delivered update by id (called under the lock)
   */
  FakeWebhook(Object lock, Supplier<ObjectNode> next, LongConsumer delivered) {
    this.lock = lock;
    this.next = next;
    this.delivered = delivered;
    this.thread = new Thread(this::run, "fake-bot-api-webhook");
    thread.setDaemon(true);
    thread.start();
  }

  // ---------------------------------------------------------------- Bot API methods (under lock)

  /** setWebhook: the URL must be https and the secret 1-256 of [A-Za-z0-9_-], as Telegram says. */
  void set(ObjectNode params) throws FakeBotApi.ApiError {
    String newUrl = params.path("url").asText("");
    String newSecret =
        params.hasNonNull("secret_token") ? params.get("secret_token").asText() : null;
    if (newUrl.isEmpty()) {
      clear();
      return;
    }
    if (!newUrl.startsWith("https://")) {
      throw new FakeBotApi.ApiError(
          400,
          "Bad Request: bad webhook: An HTTPS URL must be provided for webhook",
          null,
          "setwebhook: not an https URL: " + newUrl);
    }
    if (newSecret != null && !newSecret.matches("[A-Za-z0-9_-]{1,256}")) {
      throw new FakeBotApi.ApiError(
          400,
          "Bad Request: secret token contains unallowed characters",
          null,
          "setwebhook: a secret_token Telegram refuses");
    }
    url = newUrl;
    secret = newSecret;
    retryAtMillis = 0;
    lock.notifyAll();
  }

  void clear() {
    url = null;
    secret = null;
  }

  boolean isSet() {
    return url != null;
  }

  String url() {
    return url;
  }

  String secret() {
    return secret;
  }

  ObjectNode info(int pending) {
    ObjectNode info = JSON.createObjectNode();
    info.put("url", url == null ? "" : url);
    info.put("has_custom_certificate", false);
    info.put("pending_update_count", pending);
    if (lastErrorMessage != null) {
      info.put("last_error_date", lastErrorMillis / 1000);
      info.put("last_error_message", lastErrorMessage);
    }
    return info;
  }

  /** Deliveries go to these ports in turn (a proxy in front of several instances). */
  void proxyTo(int... ports) {
    proxyPorts = ports.clone();
    proxyPort = ports[0];
    retryAtMillis = 0;
    lock.notifyAll();
  }

  List<Delivery> deliveries() {
    return List.copyOf(deliveries);
  }

  // ---------------------------------------------------------------- delivery

  private record Attempt(JsonNode update, URI target, String secret) {}

  private void run() {
    while (true) {
      Attempt attempt;
      synchronized (lock) {
        attempt = nextAttempt();
        if (attempt == null) {
          return;
        }
      }
      long id = attempt.update().path("update_id").asLong();
      int status;
      String error;
      try {
        status = post(attempt);
        error = status / 100 == 2 ? null : "Wrong response from the webhook: " + status;
      } catch (IOException e) {
        status = -1;
        error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      } catch (InterruptedException e) {
        return;
      }
      synchronized (lock) {
        long now = System.currentTimeMillis();
        deliveries.add(new Delivery(id, status, now));
        if (error == null) {
          delivered.accept(id);
          retryMillis = FIRST_RETRY_MILLIS;
        } else {
          lastErrorMillis = now;
          lastErrorMessage = error;
          retryAtMillis = now + retryMillis;
          retryMillis = Math.min(MAX_RETRY_MILLIS, retryMillis * 2);
        }
      }
    }
  }

  /** Waits for something to deliver; null once closed. */
  private Attempt nextAttempt() {
    while (!closed) {
      long wait = retryAtMillis - System.currentTimeMillis();
      ObjectNode update = url == null || wait > 0 ? null : next.get();
      if (update != null && proxyPort == null) {
        lastErrorMillis = System.currentTimeMillis();
        lastErrorMessage = "Connection refused (the test set no proxy: call webhookProxy)";
        retryAtMillis = lastErrorMillis + MAX_RETRY_MILLIS;
        continue;
      }
      if (update != null) {
        URI registered = URI.create(url);
        String path = registered.getRawPath() == null ? "" : registered.getRawPath();
        String query = registered.getRawQuery() == null ? "" : "?" + registered.getRawQuery();
        int port = proxyPorts.length > 1 ? proxyPorts[turn++ % proxyPorts.length] : proxyPort;
        URI target = URI.create("http://127.0.0.1:" + port + path + query);
        return new Attempt(update, target, secret);
      }
      try {
        lock.wait(wait > 0 ? wait : 1_000);
      } catch (InterruptedException e) {
        return null;
      }
    }
    return null;
  }

  private int post(Attempt a) throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(a.target())
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(a.update())));
    if (a.secret() != null) {
      request.header(WebhookServer.SECRET_HEADER, a.secret());
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  @Override
  public void close() {
    synchronized (lock) {
      closed = true;
      lock.notifyAll();
    }
    thread.interrupt();
  }
}
