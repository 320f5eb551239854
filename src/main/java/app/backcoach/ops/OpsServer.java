package app.backcoach.ops;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small HTTP endpoint for operators. {@code /healthz} is 503, with the reasons, when polling has
 * not worked for a while (in webhook mode: the webhook is not set at Telegram), the database does
 * not take writes, one of the bot's threads has died, or an update or a reply has waited longer
 * than the stall limit; otherwise 200. Items quarantined in the last hour are reported as a warning
 * under a 200: the bot is flowing for everyone else, and a restart would not mend a bad item. So
 * are Telegram's failing deliveries to the webhook: the fault is in front of the bot, and a load
 * balancer that took the instance out for them would keep them failing. {@code /metrics} is the
 * Prometheus text format.
 */
public final class OpsServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(OpsServer.class);
  private final HttpServer server;

  public OpsServer(String host, int port, Probes probes, PrometheusMeterRegistry registry) {
    try {
      server = HttpServer.create(new InetSocketAddress(host, port), 16);
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot listen on " + host + ":" + port + " for /healthz: " + e.getMessage(), e);
    }
    server.setExecutor(
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "ops-http");
              t.setDaemon(true);
              return t;
            }));
    server.createContext("/healthz", ex -> health(ex, probes));
    server.createContext(
        "/metrics", ex -> send(ex, 200, "text/plain; version=0.0.4", registry.scrape()));
  }

  public OpsServer start() {
    server.start();
    log.info("ops: /healthz and /metrics on {}", server.getAddress());
    return this;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** The reasons the bot is unhealthy; empty when healthy. */
  static List<String> problems(Probes probes) {
    List<String> out = new ArrayList<>();
    if (probes.sinceLastPoll() != null) {
      Duration since = probes.sinceLastPoll().get();
      if (since.compareTo(probes.pollLimit()) > 0) {
        out.add("no successful poll for " + since.toSeconds() + " s");
      }
    }
    if (probes.webhookProblem() != null) {
      String webhook = probes.webhookProblem().get();
      if (webhook != null) {
        out.add(webhook);
      }
    }
    String database = probes.databaseProblem().get();
    if (database != null) {
      out.add(database);
    }
    if (probes.threadProblem() != null) {
      String thread = probes.threadProblem().get();
      if (thread != null) {
        out.add(thread);
      }
    }
    stalled(out, "the oldest unapplied update", probes.oldestUnapplied(), probes.stallLimit());
    stalled(out, "the oldest reply due", probes.oldestReply(), probes.stallLimit());
    return out;
  }

  private static void stalled(
      List<String> out, String what, java.util.function.Supplier<Duration> age, Duration limit) {
    if (age == null) {
      return;
    }
    Duration waited = age.get();
    if (waited != null && waited.compareTo(limit) > 0) {
      out.add(
          what + " has waited " + waited.toSeconds() + " s (limit " + limit.toSeconds() + " s)");
    }
  }

  /** What an operator should look at although the bot is flowing; empty when nothing. */
  static List<String> warnings(Probes probes) {
    List<String> out = new ArrayList<>();
    if (probes.webhookWarning() != null) {
      String webhook = probes.webhookWarning().get();
      if (webhook != null) {
        out.add(webhook);
      }
    }
    if (probes.quarantinedLastHour() != null) {
      int n = probes.quarantinedLastHour().get();
      if (n > 0) {
        out.add(
            n
                + " item(s) quarantined in the last hour; see 'backcoach quarantine list' and"
                + " docs/RELIABILITY.md");
      }
    }
    return out;
  }

  private static void health(HttpExchange ex, Probes probes) throws IOException {
    List<String> problems;
    List<String> warnings = List.of();
    try {
      problems = problems(probes);
      warnings = warnings(probes);
    } catch (RuntimeException e) {
      problems = List.of("health check failed: " + e.getMessage());
    }
    if (problems.isEmpty()) {
      StringBuilder body = new StringBuilder("ok\n").append(BuildInfo.current()).append('\n');
      for (String w : warnings) {
        body.append("warning: ").append(w).append('\n');
      }
      send(ex, 200, "text/plain", body.toString());
    } else {
      log.warn("health: {}", String.join("; ", problems));
      send(
          ex,
          503,
          "text/plain",
          "unhealthy: " + String.join("; ", problems) + "\n" + BuildInfo.current() + "\n");
    }
  }

  private static void send(HttpExchange ex, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", type + "; charset=utf-8");
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
