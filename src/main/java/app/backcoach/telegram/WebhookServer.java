package app.backcoach.telegram;

import static java.nio.charset.StandardCharsets.UTF_8;

import app.backcoach.chat.Inbound;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.objects.Update;

/**
 * The webhook endpoint Telegram POSTs each update to, behind the reverse proxy that terminates TLS.
 * An update is answered 200 only once it is stored in the inbox: anything else makes Telegram send
 * it again, and an update sent again is recognised by its id and applied once. Requests without the
 * secret token are refused before their body is read.
 */
final class WebhookServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(WebhookServer.class);
  static final String SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token";

  /** Far above any update Telegram sends (a message's text is at most 4096 characters). */
  static final int MAX_BODY = 1 << 20;

  /** How much more of a body over the limit is read and dropped before the answer. */
  private static final long DRAIN = 8L << 20;

  /** Configured like the one the library reads getUpdates answers with: the poller's view. */
  private static final ObjectMapper UPDATES = new ObjectMapper();

  private final HttpServer server;
  private final ExecutorService executor;
  private final String path;
  private final byte[] secretDigest;
  private final UpdateIntake intake;
  private final Runnable onStored;
  private final AtomicLong lastRefusalLog = new AtomicLong();

  /** An answer: the status and a line saying why, or an empty body for 200. */
  private record Answer(int status, String reason) {
    static final Answer STORED = new Answer(200, "");
  }

  /**
   * Binds the port at once (so a port in use stops start-up); requests are served after {@link
   * #start}.
   *
   * @throws IllegalStateException when the address cannot be bound
   */
  WebhookServer(WebhookSettings settings, UpdateIntake intake, Runnable onStored) {
    this.path = settings.path();
    this.secretDigest = sha256(settings.secret());
    this.intake = intake;
    this.onStored = onStored;
    try {
      server = HttpServer.create(new InetSocketAddress(settings.host(), settings.port()), 64);
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot listen on "
              + settings.host()
              + ":"
              + settings.port()
              + " for the webhook: "
              + e.getMessage(),
          e);
    }
    AtomicInteger threads = new AtomicInteger();
    // A few threads: each request is one short write, and SQLite takes one writer at a time.
    executor =
        Executors.newFixedThreadPool(
            4,
            r -> {
              Thread t = new Thread(r, "bot-webhook-" + threads.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(executor);
    server.createContext("/", this::handle);
  }

  WebhookServer start() {
    server.start();
    log.info(
        "bot: webhook endpoint listening on {}:{}, path {}",
        server.getAddress().getHostString(),
        port(),
        path);
    return this;
  }

  int port() {
    return server.getAddress().getPort();
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      Answer answer = answer(ex);
      byte[] body =
          answer.reason().isEmpty() ? new byte[0] : (answer.reason() + "\n").getBytes(UTF_8);
      if (body.length > 0) {
        ex.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
      }
      if (answer.status() == 405) {
        ex.getResponseHeaders().set("Allow", "POST");
      }
      ex.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
      if (body.length > 0) {
        try (OutputStream out = ex.getResponseBody()) {
          out.write(body);
        }
      }
      if (answer == Answer.STORED) {
        onStored.run();
      }
    }
  }

  private Answer answer(HttpExchange ex) throws IOException {
    if (!ex.getRequestURI().getRawPath().equals(path)) {
      return new Answer(404, "not found");
    }
    if (!ex.getRequestMethod().equals("POST")) {
      return new Answer(405, "only POST: this is a Telegram webhook");
    }
    if (!authorized(ex.getRequestHeaders().getFirst(SECRET_HEADER))) {
      refused(ex);
      return new Answer(403, "forbidden: missing or wrong " + SECRET_HEADER);
    }
    byte[] body = ex.getRequestBody().readNBytes(MAX_BODY + 1);
    if (body.length > MAX_BODY) {
      // Read on a little, so that the client (the proxy) sees the answer rather than a reset.
      drain(ex.getRequestBody());
      return rejected(413, "the body is over " + MAX_BODY + " bytes; no update is that large");
    }
    Inbound update;
    try {
      update = parse(body);
    } catch (IllegalArgumentException e) {
      return rejected(400, e.getMessage());
    }
    try {
      int added = intake.store(List.of(update));
      if (added == 0) {
        log.debug("webhook: update {} was stored already (sent again)", update.updateId());
      }
      return Answer.STORED;
    } catch (RuntimeException e) {
      log.error(
          "webhook: cannot store update {} in {}: {}; answering 503 so Telegram sends it again",
          update.updateId(),
          intake.where(),
          e.getMessage());
      return new Answer(503, "cannot store the update now; send it again later");
    }
  }

  /**
   * The update as the poller would see it. A JSON object with an update_id that the library cannot
   * read is kept as an ignored update: refusing it would make Telegram send it again for a day and
   * hold back its chat's later updates meanwhile.
   *
   * @throws IllegalArgumentException when the body is not JSON or not an update at all
   */
  static Inbound parse(byte[] body) {
    if (body.length == 0) {
      throw new IllegalArgumentException("the body is empty");
    }
    try {
      Update u = UPDATES.readValue(body, Update.class);
      if (u == null || u.getUpdateId() == null) {
        throw new IllegalArgumentException("not a Telegram update: no update_id");
      }
      return UpdateMapper.map(u);
    } catch (StreamReadException e) {
      throw new IllegalArgumentException("the body is not JSON");
    } catch (DatabindException e) {
      JsonNode id = tree(body).path("update_id");
      if (!id.isIntegralNumber()) {
        throw new IllegalArgumentException("not a Telegram update: no update_id");
      }
      log.warn(
          "webhook: update {} has a shape the library cannot read ({}); acknowledged and ignored",
          id.asLong(),
          e.getOriginalMessage());
      return Inbound.ignored(id.asLong(), null);
    } catch (IOException e) {
      throw new IllegalArgumentException("the body cannot be read: " + e.getMessage());
    }
  }

  private static JsonNode tree(byte[] body) {
    try {
      return UPDATES.readTree(body);
    } catch (IOException e) {
      throw new IllegalArgumentException("the body is not JSON");
    }
  }

  private static void drain(java.io.InputStream in) throws IOException {
    byte[] buffer = new byte[64 * 1024];
    long left = DRAIN;
    for (int n; left > 0 && (n = in.read(buffer)) >= 0; ) {
      left -= n;
    }
  }

  /** Compares digests, which have one length, so the time taken says nothing about the secret. */
  private boolean authorized(String given) {
    return given != null && MessageDigest.isEqual(secretDigest, sha256(given));
  }

  /** One line a minute at most: anyone who finds the URL can make these. */
  private void refused(HttpExchange ex) {
    long now = System.nanoTime();
    long last = lastRefusalLog.get();
    if ((last == 0 || now - last > 60_000_000_000L) && lastRefusalLog.compareAndSet(last, now)) {
      log.warn(
          "webhook: refused a request from {} without the right {} (logged once a minute)",
          ex.getRemoteAddress(),
          SECRET_HEADER);
    }
  }

  private static Answer rejected(int status, String reason) {
    log.warn("webhook: answered {} to a request with the right secret: {}", status, reason);
    return new Answer(status, reason);
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** Stops listening; a request still being stored has a second to finish. */
  @Override
  public void close() {
    server.stop(1);
    executor.shutdownNow();
  }
}
