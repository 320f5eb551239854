package app.backcoach.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.backcoach.delivery.SenderStats;
import app.backcoach.storage.Database;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpsServerTest {
  @TempDir Path dir;
  final HttpClient http = HttpClient.newHttpClient();

  HttpResponse<String> get(OpsServer s, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void healthIsOkOnlyWhenPollingIsRecentAndTheDatabaseTakesWrites() throws Exception {
    AtomicReference<Duration> since = new AtomicReference<>(Duration.ofSeconds(3));
    AtomicReference<String> databaseProblem = new AtomicReference<>();
    AtomicReference<String> thread = new AtomicReference<>();
    AtomicReference<Duration> update = new AtomicReference<>();
    AtomicReference<Duration> reply = new AtomicReference<>();
    AtomicReference<Integer> quarantined = new AtomicReference<>(0);
    Probes probes =
        new Probes(
            since::get,
            Duration.ofSeconds(80),
            databaseProblem::get,
            thread::get,
            update::get,
            reply::get,
            Duration.ofSeconds(120),
            quarantined::get);
    try (OpsServer s = new OpsServer("127.0.0.1", 0, probes, new Metrics().registry()).start()) {
      assertEquals(200, get(s, "/healthz").statusCode());
      since.set(Duration.ofSeconds(200));
      HttpResponse<String> silent = get(s, "/healthz");
      assertEquals(503, silent.statusCode());
      assertTrue(silent.body().contains("no successful poll for 200 s"), silent.body());
      since.set(Duration.ofSeconds(1));
      databaseProblem.set("database /x/bot.db does not accept writes: disk full");
      HttpResponse<String> disk = get(s, "/healthz");
      assertEquals(503, disk.statusCode());
      assertTrue(disk.body().contains("/x/bot.db does not accept writes: disk full"), disk.body());
      databaseProblem.set(null);

      update.set(Duration.ofSeconds(119));
      reply.set(Duration.ofSeconds(5));
      assertEquals(200, get(s, "/healthz").statusCode(), "a short wait is not a stall");
      update.set(Duration.ofSeconds(121));
      HttpResponse<String> stuck = get(s, "/healthz");
      assertEquals(503, stuck.statusCode());
      assertTrue(
          stuck.body().contains("the oldest unapplied update has waited 121 s"), stuck.body());
      update.set(null);
      reply.set(Duration.ofSeconds(300));
      assertTrue(get(s, "/healthz").body().contains("the oldest reply due has waited 300 s"));
      reply.set(null);

      thread.set("the sender thread has stopped");
      HttpResponse<String> dead = get(s, "/healthz");
      assertEquals(503, dead.statusCode());
      assertTrue(dead.body().contains("the sender thread has stopped"), dead.body());
      thread.set(null);

      quarantined.set(2);
      HttpResponse<String> warned = get(s, "/healthz");
      assertEquals(200, warned.statusCode(), "a bad item does not make a flowing bot unhealthy");
      assertTrue(
          warned.body().contains("warning: 2 item(s) quarantined in the last hour"), warned.body());
    }
  }

  @Test
  void inWebhookModeAnUnsetWebhookIsUnhealthyAndFailingDeliveriesAreAWarning() throws Exception {
    AtomicReference<String> notSet = new AtomicReference<>();
    AtomicReference<String> deliveries = new AtomicReference<>();
    Probes probes =
        new Probes(
            null,
            Duration.ZERO,
            () -> null,
            () -> null,
            () -> null,
            () -> null,
            Duration.ofSeconds(120),
            () -> 0,
            notSet::get,
            deliveries::get);
    try (OpsServer s = new OpsServer("127.0.0.1", 0, probes, new Metrics().registry()).start()) {
      assertEquals(200, get(s, "/healthz").statusCode(), "no poll to miss in webhook mode");
      notSet.set("the webhook is not set at Telegram (setWebhook: Bad Request: bad webhook)");
      HttpResponse<String> unset = get(s, "/healthz");
      assertEquals(503, unset.statusCode());
      assertTrue(unset.body().contains("bad webhook"), unset.body());
      notSet.set(null);
      deliveries.set(
          "Telegram cannot deliver to the webhook: Wrong response from the webhook: 502");
      HttpResponse<String> failing = get(s, "/healthz");
      assertEquals(200, failing.statusCode(), "a fault in front of the bot");
      assertTrue(
          failing.body().contains("warning: Telegram cannot deliver to the webhook"),
          failing.body());
    }
  }

  @Test
  void metricsArePrometheusText() throws Exception {
    Clock clock = Clock.systemUTC();
    try (Database db = Database.open(dir.resolve("m.db"), clock)) {
      SenderStats stats = new SenderStats();
      stats.sent.addAndGet(7);
      Metrics m = new Metrics().sender(stats).database(db, clock).stalls(db, clock, () -> null);
      Probes probes = Probes.waitingForDatabase(db::writeProblem);
      try (OpsServer s = new OpsServer("127.0.0.1", 0, probes, m.registry()).start()) {
        String body = get(s, "/metrics").body();
        assertTrue(body.contains("backcoach_replies_sent_total 7.0"), body);
        assertTrue(body.contains("backcoach_outbox_depth 0.0"), body);
        assertTrue(body.contains("backcoach_oldest_unapplied_update_seconds 0.0"), body);
        assertTrue(body.contains("backcoach_quarantine_open 0.0"), body);
        assertTrue(body.contains("backcoach_threads_running 1.0"), body);
        BuildInfo build = BuildInfo.current();
        assertTrue(
            body.contains(
                "backcoach_build_info{commit=\""
                    + build.commit()
                    + "\",version=\""
                    + build.version()),
            body);
        assertTrue(body.contains("jvm_memory_used_bytes"), "JVM meters");
        assertTrue(body.contains("process_cpu_usage"), "process meters");
        assertTrue(body.contains("process_uptime_seconds"), "uptime");
        HttpResponse<String> health = get(s, "/healthz");
        assertEquals(200, health.statusCode());
        assertTrue(health.body().contains("commit " + build.commit()), health.body());
      }
    }
  }
}
