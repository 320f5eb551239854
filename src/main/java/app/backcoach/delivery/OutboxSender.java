package app.backcoach.delivery;

import app.backcoach.storage.Database;
import app.backcoach.storage.Outbox;
import app.backcoach.storage.Tx;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drains the outbox: one dispatch thread picks each chat's next due item (interactive first) within
 * the rate limits and hands it to a worker; the result decides whether it is done, retried later,
 * dropped, or the user is marked blocked. Items of one chat are never in flight twice, so a chat's
 * messages arrive in order.
 *
 * <p>Workers only make the delivery. The dispatch thread records the results that have come in, all
 * in one transaction, and in the same transaction looks up each of those chats' next item (one
 * indexed lookup per chat): an interactive reply that is due goes out at once; otherwise the chat
 * is released and the full scan of the outbox (on {@link #wake}, and at least every {@value
 * #SCAN_EVERY_MILLIS} ms) finds it. A chat stays in flight from dispatch until its result is
 * recorded, so nothing reads it in between. An item is marked sent only after the send; a crash
 * before that commit sends it again (at least once).
 */
public final class OutboxSender implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(OutboxSender.class);
  private static final long MAX_BACKOFF_MILLIS = 60_000;

  private final Database db;
  private final Transport transport;
  private final Clock clock;
  private final RateLimiter limiter;
  private final Outbox outbox = new Outbox();
  private final SenderStats stats = new SenderStats();
  private final Set<Long> inFlight = ConcurrentHashMap.newKeySet();

  /**
   * Items finished recently, with their attempt count when dispatched: a read that began before a
   * worker's commit can still show such an item as pending after its chat has left the in-flight
   * set, and must not send it again.
   */
  private final Map<Long, long[]> finished = new ConcurrentHashMap<>();

  /**
   * Results the workers have got and the dispatch thread has not yet recorded; their chats stay in
   * {@link #inFlight} until it has.
   */
  private final java.util.Queue<Finished> results =
      new java.util.concurrent.ConcurrentLinkedQueue<>();

  private record Finished(Outbox.Item item, Transport.Result result) {}

  /** Set by {@link #wake}: new items may be waiting in any chat, so scan the whole outbox. */
  private final java.util.concurrent.atomic.AtomicBoolean scanRequested =
      new java.util.concurrent.atomic.AtomicBoolean(true);

  /** The longest the whole outbox goes unscanned (retries coming due, rate limits refilling). */
  static final long SCAN_EVERY_MILLIS = 50;

  /** Rows read by one scan of the outbox. */
  private static final int SCAN_LIMIT = 500;

  private final Signal signal = new Signal();
  private final ExecutorService workers;
  private final Thread dispatcher;
  private volatile boolean running = true;

  public OutboxSender(Database db, Transport transport, Clock clock, SendLimits limits) {
    this.db = db;
    this.transport = transport;
    this.clock = clock;
    this.limiter =
        new RateLimiter(
            limits.globalPerSecond(),
            limits.globalBurst(),
            limits.perChatPerSecond(),
            limits.perChatBurst());
    this.workers =
        Executors.newFixedThreadPool(
            limits.workers(),
            r -> {
              Thread t = new Thread(r, "sender-worker");
              t.setDaemon(true);
              return t;
            });
    this.dispatcher = new Thread(this::loop, "sender");
    this.dispatcher.setDaemon(true);
  }

  public OutboxSender start() {
    dispatcher.start();
    return this;
  }

  public SenderStats stats() {
    return stats;
  }

  /** Tells the sender new items are waiting, so it need not wait for its next look. */
  public void wake() {
    scanRequested.set(true);
    signal.wake();
  }

  private void loop() {
    long lastPrune = 0;
    long lastScan = 0;
    while (running) {
      recordFinished();
      long now = clock.millis();
      if (scanRequested.getAndSet(false) || now - lastScan >= SCAN_EVERY_MILLIS) {
        lastScan = now;
        try {
          if (dispatchDue()) {
            scanRequested.set(true); // the scan was cut short and sent something: look further
          }
        } catch (RuntimeException e) {
          log.error("sender: reading the outbox failed: {}", e.getMessage());
        }
      }
      if (now - lastPrune > 60_000) {
        limiter.prune(now);
        long old = System.nanoTime() - 60_000_000_000L;
        finished.values().removeIf(v -> v[1] < old);
        lastPrune = now;
      }
      if (results.isEmpty() && !scanRequested.get()) {
        await(Math.max(1, lastScan + SCAN_EVERY_MILLIS - clock.millis()));
      }
    }
  }

  /**
   * Records the results the workers got, all in one transaction, and in the same transaction looks
   * up each of those chats' next item: an interactive reply that is due goes out at once (if the
   * limits allow), other chats are released to the full scan.
   */
  private void recordFinished() {
    List<Finished> batch = new java.util.ArrayList<>();
    for (Finished f; (f = results.poll()) != null; ) {
      batch.add(f);
    }
    if (batch.isEmpty()) {
      return;
    }
    long now = clock.millis();
    List<Outbox.Item> next = List.of();
    try {
      next =
          db.write(
              tx -> {
                for (Finished f : batch) {
                  record(tx, f.item(), f.result());
                }
                List<Outbox.Item> items = new java.util.ArrayList<>();
                for (Finished f : batch) {
                  items.addAll(outbox.nextInteractive(tx, f.item().chatId(), now));
                }
                return items;
              });
    } catch (RuntimeException e) {
      // Not recorded: the items stay pending and are sent again once the stale-read guard lets
      // them (at least once, never lost).
      log.error("sender: recording {} deliveries failed: {}", batch.size(), e.getMessage());
    } finally {
      long at = System.nanoTime();
      for (Finished f : batch) {
        finished.put(f.item().id(), new long[] {f.item().attempts(), at});
        inFlight.remove(f.item().chatId());
      }
    }
    offer(next, now);
  }

  /**
   * Scans the outbox for each chat's next due item, interactive first. True when the scan was cut
   * short by its limit and sent something, so more may be due.
   */
  private boolean dispatchDue() {
    long now = clock.millis();
    // Read under the writer's lock: a snapshot older than a worker's last commit could offer an
    // item again that has just been sent, after its chat left the in-flight set.
    List<Outbox.Item> due = db.write(tx -> outbox.due(tx, now, SCAN_LIMIT));
    return offer(due, now) > 0 && due.size() == SCAN_LIMIT;
  }

  /** Hands items to workers, in order, within the rate limits; returns how many went out. */
  private int offer(List<Outbox.Item> items, long now) {
    int dispatched = 0;
    for (Outbox.Item item : items) {
      if (inFlight.contains(item.chatId())) {
        continue;
      }
      long[] done = finished.get(item.id());
      if (done != null && done[0] == item.attempts()) {
        continue; // a stale view of an item that was just handled
      }
      if (item.delivery().isMessage()) {
        if (limiter.globallyExhausted(now)) {
          break;
        }
        if (!limiter.tryAcquire(item.chatId(), now)) {
          continue;
        }
      }
      inFlight.add(item.chatId());
      dispatched++;
      workers.execute(() -> deliver(item));
    }
    return dispatched;
  }

  /** Runs on a worker: makes the delivery and hands the result to the dispatch thread. */
  private void deliver(Outbox.Item item) {
    Transport.Result result;
    try {
      result = transport.deliver(item.chatId(), item.delivery());
    } catch (RuntimeException e) {
      result = new Transport.Result.Transient(e.getClass().getSimpleName() + ": " + e.getMessage());
    }
    results.add(new Finished(item, result));
    signal.wake();
  }

  private void record(Tx tx, Outbox.Item item, Transport.Result result) {
    long chat = item.chatId();
    var now = clock.instant();
    if (result instanceof Transport.Result.Sent) {
      stats.sent.incrementAndGet();
      if (item.delivery().forget()) {
        outbox.forget(tx, item.id());
      } else {
        outbox.markSent(tx, item.id(), now);
      }
    } else if (result instanceof Transport.Result.RetryAfter r) {
      stats.rateLimited.incrementAndGet();
      log.warn("sender: chat {} rate limited by Telegram, retrying after {} s", chat, r.seconds());
      outbox.retryAt(tx, item.id(), now.toEpochMilli() + r.seconds() * 1000L, "429");
    } else if (result instanceof Transport.Result.Transient t) {
      stats.retried.incrementAndGet();
      long delay = backoff(item.attempts());
      log.warn(
          "sender: delivery {} to chat {} failed ({}), retry in {} ms",
          item.id(),
          chat,
          t.reason(),
          delay);
      outbox.retryAt(tx, item.id(), now.toEpochMilli() + delay, t.reason());
    } else if (result instanceof Transport.Result.Blocked b) {
      stats.blocked.incrementAndGet();
      log.info("sender: chat {} is unreachable ({}); marking the user inactive", chat, b.reason());
      outbox.dropAllFor(tx, chat, "blocked: " + b.reason(), now);
      tx.update("UPDATE users SET active = 0 WHERE chat_id = ?", chat);
    } else if (result instanceof Transport.Result.Rejected r) {
      stats.rejected.incrementAndGet();
      log.warn(
          "sender: {} to chat {} refused, dropped: {}", item.delivery().kind(), chat, r.reason());
      outbox.drop(tx, item.id(), r.reason(), now);
    }
  }

  /** 0.5 s doubling per attempt up to a minute, with jitter so retries do not arrive in step. */
  static long backoff(int attempts) {
    long base = Math.min(MAX_BACKOFF_MILLIS, 500L << Math.min(attempts, 20));
    return base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1);
  }

  private void await(long millis) {
    if (!signal.await(millis)) {
      running = false;
    }
  }

  /** Keeps sending until nothing is due or {@code max} has passed; for a graceful shutdown. */
  public void drain(Duration max) {
    long until = System.nanoTime() + max.toNanos();
    while (System.nanoTime() < until) {
      long now = clock.millis();
      boolean idle = inFlight.isEmpty() && db.read(tx -> outbox.due(tx, now, 1)).isEmpty();
      if (idle) {
        return;
      }
      wake();
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  @Override
  public void close() {
    running = false;
    wake();
    try {
      dispatcher.join(2_000);
      workers.shutdown();
      workers.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    workers.shutdownNow();
    if (!dispatcher.isAlive()) {
      // Deliveries that finished after the dispatch thread stopped: record them, so a restart
      // does not send them again. Sends nothing new: the workers are stopped.
      recordLeftovers();
    }
  }

  private void recordLeftovers() {
    List<Finished> batch = new java.util.ArrayList<>();
    for (Finished f; (f = results.poll()) != null; ) {
      batch.add(f);
    }
    if (batch.isEmpty()) {
      return;
    }
    try {
      db.write(
          tx -> {
            for (Finished f : batch) {
              record(tx, f.item(), f.result());
            }
            return null;
          });
    } catch (RuntimeException e) {
      log.error(
          "sender: recording {} deliveries at close failed: {}", batch.size(), e.getMessage());
    }
  }
}
