package app.backcoach.ops;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * What the health check asks: how long since polling last worked (null in console mode) and whether
 * the database takes writes.
 */
public record Probes(
    Supplier<Duration> sinceLastPoll, Duration pollLimit, Supplier<Boolean> databaseWritable) {}
