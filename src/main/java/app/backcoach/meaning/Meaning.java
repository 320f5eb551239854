package app.backcoach.meaning;

import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Something built from the model in the background (the model itself, then vectors of the bundle):
 * callers ask whether it is ready and carry on without it until then, so the bot answers its first
 * message at once. A model that fails to load leaves the lexical path alone, logged.
 */
public final class Meaning<T> {
  private static final Logger LOG = LoggerFactory.getLogger(Meaning.class);
  private final CompletableFuture<T> future;

  private Meaning(CompletableFuture<T> future) {
    this.future = future;
  }

  /** Starts building on a daemon thread. */
  public static <T> Meaning<T> start(String what, Supplier<T> build) {
    return later(what, build).begin();
  }

  /**
   * Built on a daemon thread once {@link #begin} or {@link #beginAfter} is called: the bot starts
   * polling first, so loading the model does not compete with start-up for the CPU.
   */
  public static <T> Meaning<T> later(String what, Supplier<T> build) {
    CompletableFuture<T> f = new CompletableFuture<>();
    Meaning<T> m = new Meaning<>(f);
    m.starter = () -> run(what, build, f);
    return m;
  }

  private Runnable starter;

  /** Starts building now; a second call does nothing. */
  public synchronized Meaning<T> begin() {
    if (starter != null) {
      starter.run();
      starter = null;
    }
    return this;
  }

  /** Starts building after a pause, on its own thread. */
  public Meaning<T> beginAfter(java.time.Duration pause) {
    Thread t =
        new Thread(
            () -> {
              try {
                Thread.sleep(pause.toMillis());
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
              }
              begin();
            },
            "meaning-start");
    t.setDaemon(true);
    t.start();
    return this;
  }

  private static <T> void run(String what, Supplier<T> build, CompletableFuture<T> f) {
    Thread t =
        new Thread(
            () -> {
              long started = System.nanoTime();
              try {
                f.complete(build.get());
                LOG.info("{} ready in {} ms", what, (System.nanoTime() - started) / 1_000_000);
              } catch (Throwable e) {
                LOG.error("{} failed to load; answering by words only: {}", what, e.toString());
                f.completeExceptionally(e);
              }
            },
            "meaning-" + what);
    t.setDaemon(true);
    t.start();
  }

  /** Already built (tests, evaluation). */
  public static <T> Meaning<T> of(T value) {
    return new Meaning<>(CompletableFuture.completedFuture(value));
  }

  /** Never ready: the lexical path only. */
  public static <T> Meaning<T> none() {
    return new Meaning<>(new CompletableFuture<>());
  }

  /** The value when built, else null (still loading, or failed). */
  public T now() {
    return future.isDone() && !future.isCompletedExceptionally() ? future.join() : null;
  }

  /** Waits for the value (evaluation and the {@code ask} command); null when it failed. */
  public T await() {
    try {
      return future.join();
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** A second stage built from this one when it is ready, in the background too. */
  public <R> Meaning<R> then(String what, Function<T, R> build) {
    return start(
        what,
        () -> {
          T value = future.join();
          return build.apply(value);
        });
  }
}
