package app.backcoach.ops;

import app.backcoach.chat.UpdateInbox;
import app.backcoach.delivery.Outbox;
import app.backcoach.delivery.SenderStats;
import app.backcoach.storage.Database;
import app.backcoach.storage.Quarantine;
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

  public Metrics() {
    // The JVM's and the process's own meters: heap and GC, threads, classes, CPU, uptime, files.
    new io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics().bindTo(registry);
    new io.micrometer.core.instrument.binder.jvm.JvmGcMetrics().bindTo(registry);
    new io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics().bindTo(registry);
    new io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics().bindTo(registry);
    new io.micrometer.core.instrument.binder.system.ProcessorMetrics().bindTo(registry);
    new io.micrometer.core.instrument.binder.system.UptimeMetrics().bindTo(registry);
    new io.micrometer.core.instrument.binder.system.FileDescriptorMetrics().bindTo(registry);
    BuildInfo build = BuildInfo.current();
    Gauge.builder("backcoach_build_info", () -> 1)
        .description("The running build: version and git commit as labels")
        .tag("version", build.version())
        .tag("commit", build.commit())
        .register(registry);
  }

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
    counter(
        "backcoach_deliveries_failed",
        "Deliveries given up on after failing with 5xx or network errors for a day",
        s.failed);
    counter(
        "backcoach_deliveries_quarantined",
        "Deliveries set aside (undecodable, failing on our side, or unrecordable)",
        s.quarantined);
    counter(
        "backcoach_reminders_settled_late",
        "Reminder messages held past quiet hours or folded into a catch-up after a delay",
        s.settledLate);
    counter(
        "backcoach_paid_broadcast_messages",
        "Late reminders delivered with Telegram's paid broadcast (0.1 Star each)",
        s.paid);
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

  /** The gauges behind the stall checks of {@code /healthz}. */
  public Metrics stalls(Database db, Clock clock, Supplier<String> threadProblem) {
    seconds(
        "backcoach_oldest_unapplied_update_seconds",
        "How long the oldest update not yet applied has waited (0 when none)",
        () -> db.read(tx -> new UpdateInbox().oldestPending(tx)),
        clock);
    seconds(
        "backcoach_oldest_due_reply_seconds",
        "How long the oldest reply that is due has waited to go out (0 when none)",
        () -> db.read(tx -> new Outbox().oldestDueReply(tx, clock.millis())),
        clock);
    seconds(
        "backcoach_oldest_due_scheduled_seconds",
        "How long the oldest scheduled message that is due has waited (0 when none)",
        () -> db.read(tx -> new Outbox().oldestDueScheduled(tx, clock.millis())),
        clock);
    gauge(
        "backcoach_quarantine_open",
        "Quarantined items not replayed",
        () -> db.read(tx -> new Quarantine().openCount(tx)));
    gauge(
        "backcoach_threads_running",
        "1 while the update processor and sender threads run, 0 when one has died",
        () -> threadProblem.get() == null ? 1 : 0);
    return this;
  }

  private void seconds(String name, String help, Supplier<java.time.Instant> since, Clock clock) {
    Gauge.builder(
            name,
            () -> {
              java.time.Instant at = since.get();
              return at == null ? 0 : Duration.between(at, clock.instant()).toMillis() / 1000.0;
            })
        .description(help)
        .register(registry);
  }

  private void gauge(String name, String help, Supplier<Integer> value) {
    Gauge.builder(name, () -> value.get()).description(help).register(registry);
  }
}
