package app.backcoach.ops;

import app.backcoach.delivery.SenderStats;
import app.backcoach.storage.Database;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The Prometheus registry and its meters. Counters read the counts the parts already keep; gauges
 * ask the database at scrape time, so nothing is counted twice.
 */
public final class Metrics {
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  public Metrics counter(String name, String help, AtomicLong value) {
    FunctionCounter.builder(name, value, AtomicLong::doubleValue)
        .description(help)
        .register(registry);
    return this;
  }

  public Metrics sender(SenderStats s) {
    counter("backcoach_replies_sent", "Deliveries made", s.sent);
    counter("backcoach_rate_limited", "429 answers from Telegram", s.rateLimited);
    counter("backcoach_retries", "Deliveries retried after a passing failure", s.retried);
    counter("backcoach_rejected", "Deliveries refused for good (400) and dropped", s.rejected);
    counter("backcoach_blocked", "Users found to have blocked the bot", s.blocked);
    return this;
  }

  public Metrics database(Database db, Clock clock) {
    gauge(
        "backcoach_outbox_depth",
        "Deliveries waiting",
        () ->
            db.read(
                tx ->
                    tx.count(
                        "SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL AND dropped_at IS NULL")));
    gauge(
        "backcoach_active_users",
        "Users active in the last 7 days",
        () ->
            db.read(
                tx ->
                    tx.count(
                        "SELECT COUNT(*) FROM conversations c JOIN users u ON u.chat_id = c.chat_id WHERE u.active = 1"
                            + " AND c.last_activity >= ?",
                        clock.instant().minus(Duration.ofDays(7)).toString())));
    gauge(
        "backcoach_reminders_due",
        "Reminders due now and not yet claimed",
        () ->
            db.read(
                tx ->
                    tx.count(
                        "SELECT COUNT(*) FROM reminders WHERE enabled = 1 AND next_due_at <= ?",
                        clock.millis())));
    gauge(
        "backcoach_checkins",
        "Check-ins stored",
        () -> db.read(tx -> tx.count("SELECT COUNT(*) FROM checkins")));
    return this;
  }

  private void gauge(String name, String help, Supplier<Integer> value) {
    Gauge.builder(name, () -> value.get()).description(help).register(registry);
  }
}
