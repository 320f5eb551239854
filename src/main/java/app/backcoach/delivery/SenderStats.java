package app.backcoach.delivery;

import java.util.concurrent.atomic.AtomicLong;

/** Counters the sender keeps, for logs, health and metrics. */
public final class SenderStats {
  public final AtomicLong sent = new AtomicLong();
  public final AtomicLong rateLimited = new AtomicLong();
  public final AtomicLong retried = new AtomicLong();
  public final AtomicLong rejected = new AtomicLong();
  public final AtomicLong blocked = new AtomicLong();

  /** Messages given up on after failing for {@link OutboxSender#GIVE_UP}. */
  public final AtomicLong failed = new AtomicLong();

  public final AtomicLong quarantined = new AtomicLong();

  /** Messages delivered with paid broadcast. */
  public final AtomicLong paid = new AtomicLong();

  /** Late reminder messages folded into a catch-up or held past quiet hours. */
  public final AtomicLong settledLate = new AtomicLong();
}
