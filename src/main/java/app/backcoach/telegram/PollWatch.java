package app.backcoach.telegram;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import okhttp3.Interceptor;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches every getUpdates call: a success counts as a poll, a failure is logged as one line (the
 * library's own stack trace per retry is switched off), and a lasting 409 Conflict (another process
 * polls this token) ends the bot with one clear line instead of a retry loop.
 */
final class PollWatch implements Interceptor {
  private static final Logger log = LoggerFactory.getLogger(PollWatch.class);

  /** Conflicts within {@link #WINDOW_MILLIS} that mean another instance keeps polling. */
  static final int CONFLICTS = 5;

  static final long WINDOW_MILLIS = 60_000;

  private final BotHealth health;
  private final Clock clock;
  private final Deque<Long> conflicts = new ArrayDeque<>();
  private final CompletableFuture<String> fatal = new CompletableFuture<>();
  private long lastFailureLog;

  PollWatch(BotHealth health, Clock clock) {
    this.health = health;
    this.clock = clock;
  }

  /** Completed, with the reason, when the bot must stop. */
  CompletableFuture<String> fatal() {
    return fatal;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    if (!chain.request().url().encodedPath().toLowerCase().endsWith("/getupdates")) {
      return chain.proceed(chain.request());
    }
    Response response;
    try {
      response = chain.proceed(chain.request());
    } catch (IOException e) {
      failed("network: " + e.getMessage());
      throw e;
    }
    if (response.isSuccessful()) {
      health.polled();
    } else if (response.code() == 409) {
      conflict();
    } else {
      failed("HTTP " + response.code());
    }
    return response;
  }

  private synchronized void conflict() {
    long now = clock.millis();
    conflicts.addLast(now);
    while (!conflicts.isEmpty() && conflicts.peekFirst() < now - WINDOW_MILLIS) {
      conflicts.removeFirst();
    }
    log.warn(
        "polling: 409 Conflict from Telegram: another process is polling this token ({} in the last"
            + " minute)",
        conflicts.size());
    if (conflicts.size() >= CONFLICTS) {
      fatal.complete(
          "another process is polling this bot token (Telegram answered 409 Conflict "
              + conflicts.size()
              + " times in a minute); stop the other instance, or give each its own token");
    }
  }

  private void failed(String why) {
    long now = clock.millis();
    // One line per failure, at most one every 10 s: the poller retries with backoff meanwhile.
    if (now - lastFailureLog >= 10_000) {
      lastFailureLog = now;
      log.warn("polling: getUpdates failed ({}); the poller retries with backoff", why);
    }
  }
}
