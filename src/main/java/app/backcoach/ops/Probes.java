package app.backcoach.ops;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * What the health check asks: how long since polling last worked (null when not polling) and what
 * keeps the database from taking writes (null when it takes them).
 */
public record Probes(
    Supplier<Duration> sinceLastPoll, Duration pollLimit, Supplier<String> databaseProblem) {}
