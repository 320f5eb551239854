package app.backcoach.chat;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The processor's INFO log of applied updates: one summary line a minute at most while updates flow
 * (how many, their ids, transactions, the slowest one), each transaction's own line at DEBUG.
 *
 * <p>A line per transaction at INFO was about 9 % of the processor thread's samples in the
 * transport benchmark (JFR, users shape), on every update's path; no change in throughput could be
 * told from the noise (docs/BENCHMARKS.md section 8). At a thousand updates a second those lines
 * said nothing {@code /metrics} does not. Only the processing thread calls this class.
 */
final class AppliedLog {
  private static final Logger log = LoggerFactory.getLogger(UpdateProcessor.class);

  /** The longest one summary covers. */
  static final long WINDOW_NANOS = 60_000_000_000L;

  private long updates;
  private long transactions;
  private long firstId;
  private long lastId;
  private long slowestMillis;
  private long startedNanos;

  /**
   * Updates {@code firstId} to {@code lastId} ({@code count} of them) applied in one transaction,
   * at {@code now} ({@link System#nanoTime}).
   */
  void applied(long firstId, long lastId, int count, long millis, Long chatId, long now) {
    if (log.isDebugEnabled()) {
      if (count == 1) {
        log.debug("updates: applied update {} of chat {} in {} ms", firstId, chatId, millis);
      } else {
        log.debug(
            "updates: applied updates {} to {} ({} updates, one transaction) in {} ms",
            firstId,
            lastId,
            count,
            millis);
      }
    }
    if (updates == 0) {
      this.firstId = firstId;
      startedNanos = now;
    }
    updates += count;
    transactions++;
    this.lastId = lastId;
    slowestMillis = Math.max(slowestMillis, millis);
    flushIfDue(now);
  }

  /**
   * Writes the summary once its minute has passed (called after each transaction and when idle).
   */
  void flushIfDue(long nowNanos) {
    if (nowNanos - startedNanos >= WINDOW_NANOS) {
      flush(nowNanos);
    }
  }

  /** Writes the summary of what was applied since the last one, if anything (at stop). */
  void flush(long nowNanos) {
    if (updates == 0) {
      return;
    }
    log.info(
        "updates: applied {} update{} ({} to {}) in {} transaction{} over {} s; slowest {} ms",
        updates,
        updates == 1 ? "" : "s",
        firstId,
        lastId,
        transactions,
        transactions == 1 ? "" : "s",
        (nowNanos - startedNanos + 500_000_000L) / 1_000_000_000L,
        slowestMillis);
    updates = 0;
    transactions = 0;
    slowestMillis = 0;
  }
}
