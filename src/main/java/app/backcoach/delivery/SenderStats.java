package app.backcoach.delivery;

import java.util.concurrent.atomic.AtomicLong;

/** Counters the sender keeps, for logs, health and metrics. */
public final class SenderStats {
  public final AtomicLong sent = new AtomicLong();
  public final AtomicLong rateLimited = new AtomicLong();
  public final AtomicLong retried = new AtomicLong();
  public final AtomicLong rejected = new AtomicLong();
  public final AtomicLong blocked = new AtomicLong();
}
