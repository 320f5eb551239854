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
    Probes probes = new Probes(since::get, Duration.ofSeconds(80), databaseProblem::get);
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
    }
  }

  @Test
  void metricsArePrometheusText() throws Exception {
    Clock clock = Clock.systemUTC();
    try (Database db = Database.open(dir.resolve("m.db"), clock)) {
      SenderStats stats = new SenderStats();
      stats.sent.addAndGet(7);
      Metrics m = new Metrics().sender(stats).database(db, clock);
      Probes probes = new Probes(() -> Duration.ZERO, Duration.ofSeconds(80), db::writeProblem);
      try (OpsServer s = new OpsServer("127.0.0.1", 0, probes, m.registry()).start()) {
        String body = get(s, "/metrics").body();
        assertTrue(body.contains("backcoach_replies_sent_total 7.0"), body);
        assertTrue(body.contains("backcoach_outbox_depth 0.0"), body);
        assertEquals(200, get(s, "/healthz").statusCode());
      }
    }
  }
}
