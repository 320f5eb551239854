package app.backcoach.delivery;

import app.backcoach.storage.Database;
import app.backcoach.storage.DatabaseException;
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

  /**
   * How long a message that keeps failing with 5xx or network errors is retried: after that it is
   * recorded as failed and its chat's queue moves on.
   */
  public static final Duration GIVE_UP = Duration.ofHours(24);

  /** Attempts at a delivery that fails on our side (a bug) before it is quarantined. */
  static final int MAX_BROKEN = 3;

  /** Attempts at recording one result (not a failing store) before the item is set aside. */
  static final int MAX_RECORD_FAILURES = 3;

  /** A reminder's message queued longer ago than this is checked before it goes out. */
  static final long LATE_AFTER_MILLIS = 60_000;

  private final Database db;

  /** The sender role: with several instances on one PostgreSQL database, one sends at a time. */
  private final app.backcoach.storage.Lead lead;

  private final LateMessages late;
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

  /** A delivery's result; {@code paid} when it went with paid broadcast. */
  private record Finished(Outbox.Item item, Transport.Result result, boolean paid) {}

  /**
   * A result that could not be recorded yet. Its chat stays in flight until it is, so the message
   * is never sent again from here; the dispatch thread alone touches it.
   */
  private static final class Unrecorded {
    final Finished finished;
    int failures;

    Unrecorded(Finished finished) {
      this.finished = finished;
    }
  }

  private final List<Unrecorded> unrecorded = new java.util.ArrayList<>();

  /** When (System.nanoTime) held results are tried again. */
  private long recordRetryAt;

  private int recordHolds;

  /** Set by {@link #wake}: new items may be waiting in any chat, so scan the whole outbox. */
  private final java.util.concurrent.atomic.AtomicBoolean scanRequested =
      new java.util.concurrent.atomic.AtomicBoolean(true);

  /** The longest the whole outbox goes unscanned (retries coming due, rate limits refilling). */
  static final long SCAN_EVERY_MILLIS = 50;

  /** The most rows one scan of the outbox reads. */
  private static final int SCAN_LIMIT = 500;

  /**
   * Rows a scan reads beyond what the limits let out now and the chats in flight: for chats at
   * their own limit, and messages that need no token (callback answers).
   */
  static final int SCAN_MARGIN = 32;

  private final Signal signal = new Signal();

  /** Makes the deliveries: a pool of threads, or the caller's thread for {@link #stepping}. */
  private final java.util.concurrent.Executor workers;

  private final Thread dispatcher;
  private final PaidBroadcast paid;
  private final PaidBudget budget;
  private volatile boolean running = true;

  public OutboxSender(Database db, Transport transport, Clock clock, SendLimits limits) {
    this(db, transport, clock, limits, LateMessages.NONE);
  }

  public OutboxSender(
      Database db, Transport transport, Clock clock, SendLimits limits, LateMessages late) {
    this(db, transport, clock, limits, late, false);
  }

  /**
   * A sender without threads, for a caller that drives it in simulated time (the lateness
   * benchmark): each {@link #step} is one round of the dispatch loop, and the deliveries run on the
   * caller's thread.
   */
  public static OutboxSender stepping(
      Database db, Transport transport, Clock clock, SendLimits limits, LateMessages late) {
    return new OutboxSender(db, transport, clock, limits, late, true);
  }

  private OutboxSender(
      Database db,
      Transport transport,
      Clock clock,
      SendLimits limits,
      LateMessages late,
      boolean stepping) {
    this.db = db;
    this.lead = db.lead("sender");
    this.late = late;
    this.transport = transport;
    this.clock = clock;
    this.limiter =
        new RateLimiter(
            limits.globalPerSecond(),
            limits.globalBurst(),
            limits.perChatPerSecond(),
            limits.perChatBurst(),
            limits.paid().on()
                ? Math.max(0, PaidBroadcast.PER_SECOND - limits.globalPerSecond())
                : 0);
    this.paid = limits.paid();
    this.budget = new PaidBudget(paid);
    this.workers =
        stepping
            ? Runnable::run
            : Executors.newFixedThreadPool(
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

  /** True while the dispatch thread runs (for the health check). */
  public boolean alive() {
    return dispatcher.isAlive();
  }

  /**
   * One round of the dispatch loop for a {@link #stepping} sender: records results, then scans and
   * sends until the scan is not cut short; the deliveries run on this thread.
   */
  public void step() {
    if (!lead.held()) {
      return;
    }
    recordFinished();
    while (dispatchDue()) {
      recordFinished();
    }
    while (!results.isEmpty()) {
      recordFinished();
    }
  }

  /** Tells the sender new items are waiting, so it need not wait for its next look. */
  public void wake() {
    scanRequested.set(true);
    signal.wake();
  }

  private void loop() {
    long lastPrune = 0;
    long lastScan = Long.MIN_VALUE / 2;
    while (running) {
      if (!lead.held()) {
        // Another instance on this database sends (one sender keeps one global rate limit);
        // this one takes over if that one stops.
        await(1_000);
        continue;
      }
      try {
        recordFinished();
      } catch (Throwable e) {
        log.error("sender: recording results failed: {}", e.toString());
      }
      long now = clock.millis();
      // The scan's cadence runs on the monotonic clock: a wall clock that jumps must not stop it.
      long tick = System.nanoTime() / 1_000_000;
      if (scanRequested.getAndSet(false) || tick - lastScan >= SCAN_EVERY_MILLIS) {
        lastScan = tick;
        try {
          if (dispatchDue()) {
            scanRequested.set(true); // the scan was cut short and sent something: look further
          }
        } catch (Throwable e) {
          log.error("sender: reading the outbox failed: {}", e.toString());
        }
      }
      if (now - lastPrune > 60_000) {
        limiter.prune(now);
        long old = System.nanoTime() - 60_000_000_000L;
        finished.values().removeIf(v -> v[1] < old);
        lastPrune = now;
      }
      if (results.isEmpty() && !scanRequested.get()) {
        await(Math.max(1, lastScan + SCAN_EVERY_MILLIS - System.nanoTime() / 1_000_000));
      }
    }
  }

  /**
   * Records the results the workers got, all in one transaction, and in the same transaction looks
   * up each of those chats' next item: an interactive reply that is due goes out at once (if the
   * limits allow), other chats are released to the full scan. A result that cannot be recorded is
   * kept, with its chat in flight, and recorded later: a message is never sent again because its
   * record failed.
   */
  private void recordFinished() {
    long now = clock.millis();
    List<Unrecorded> batch = new java.util.ArrayList<>();
    if (!unrecorded.isEmpty() && System.nanoTime() - recordRetryAt >= 0) {
      batch.addAll(unrecorded);
      unrecorded.clear();
    }
    for (Finished f; (f = results.poll()) != null; ) {
      batch.add(new Unrecorded(f));
    }
    if (batch.isEmpty()) {
      return;
    }
    List<Outbox.Item> next;
    try {
      next = db.write(tx -> recordAll(tx, batch, now));
      release(batch);
      recordHolds = 0;
    } catch (Throwable e) {
      if (DatabaseException.isStoreWide(e)) {
        hold(batch, e);
        return;
      }
      next = recordOneByOne(batch, now);
    }
    offer(next, now);
  }

  private List<Outbox.Item> recordAll(Tx tx, List<Unrecorded> batch, long now) {
    for (Unrecorded u : batch) {
      record(tx, u.finished);
    }
    List<Outbox.Item> items = new java.util.ArrayList<>();
    for (Unrecorded u : batch) {
      items.addAll(outbox.nextInteractive(tx, u.finished.item().chatId(), now));
    }
    return items;
  }

  /**
   * After a batch failed for a reason of one of its items: each is recorded alone; one that keeps
   * failing is set aside in the quarantine and taken out of the queue, since it was delivered.
   */
  private List<Outbox.Item> recordOneByOne(List<Unrecorded> batch, long now) {
    List<Outbox.Item> next = new java.util.ArrayList<>();
    for (Unrecorded u : batch) {
      try {
        next.addAll(db.write(tx -> recordAll(tx, List.of(u), now)));
        release(List.of(u));
      } catch (Throwable e) {
        if (DatabaseException.isStoreWide(e) || ++u.failures < MAX_RECORD_FAILURES) {
          hold(List.of(u), e);
          continue;
        }
        Outbox.Item item = u.finished.item();
        try {
          db.write(
              tx -> {
                if (u.finished.result() instanceof Transport.Result.Sent) {
                  outbox.quarantineDelivered(tx, item, e.toString(), e, clock.instant());
                } else {
                  outbox.quarantine(tx, item, "recording failed: " + e, e, clock.instant());
                }
                return null;
              });
          stats.quarantined.incrementAndGet();
          log.error(
              "sender: recording delivery {} to chat {} failed {} times; quarantined: {}",
              item.id(),
              item.chatId(),
              u.failures,
              e.toString(),
              e);
          release(List.of(u));
        } catch (Throwable q) {
          hold(List.of(u), q);
        }
      }
    }
    return next;
  }

  /** Keeps results to record later, their chats in flight, backing off while it keeps failing. */
  private void hold(List<Unrecorded> batch, Throwable e) {
    unrecorded.addAll(batch);
    long delay = Math.min(5_000, 100L << Math.min(recordHolds++, 6));
    recordRetryAt = System.nanoTime() + delay * 1_000_000;
    log.error(
        "sender: recording {} deliveries failed, retrying in {} ms (their chats wait, nothing is"
            + " sent twice): {}",
        batch.size(),
        delay,
        e.toString());
  }

  private void release(List<Unrecorded> batch) {
    long at = System.nanoTime();
    for (Unrecorded u : batch) {
      Outbox.Item item = u.finished.item();
      finished.put(item.id(), new long[] {item.attempts(), at});
      inFlight.remove(item.chatId());
    }
  }

  /**
   * Scans the outbox for each chat's next due item, interactive first. True when the scan was cut
   * short by its limit and sent something, so more may be due.
   */
  private boolean dispatchDue() {
    long now = clock.millis();
    // Read under the writer's lock: a snapshot older than a worker's last commit could offer an
    // item again that has just been sent, after its chat left the in-flight set.
    // Under a backlog at 30/s a scan can send one or two: it reads those, the chats in flight and a
    // margin, not 500 rows every 50 ms. With 100,000 reminders waiting that is 0.7-1.0 ms of CPU a
    // scan instead of 3.4-4.3 ms (SenderScanBench, BENCHMARKS section 11).
    int limit = (int) Math.min(SCAN_LIMIT, limiter.available(now) + inFlight.size() + SCAN_MARGIN);
    List<Outbox.Item> due =
        db.write(
            tx -> {
              budget.refresh(tx, now);
              return settleLate(tx, outbox.due(tx, now, limit), now);
            });
    return offer(due, now) > 0 && due.size() == limit;
  }

  /**
   * Hands reminders' messages that are late to {@link LateMessages} (in the scan's transaction) and
   * returns the items still to send.
   */
  private List<Outbox.Item> settleLate(Tx tx, List<Outbox.Item> due, long now) {
    List<Outbox.Item> keep = null;
    for (int i = 0; i < due.size(); i++) {
      Outbox.Item item = due.get(i);
      boolean settled = false;
      if (item.dueBy() != null && !inFlight.contains(item.chatId())) {
        try {
          settled =
              (now > item.dueBy() || now - item.createdAt().toEpochMilli() > LATE_AFTER_MILLIS)
                  && late.settle(tx, item, now);
        } catch (RuntimeException e) {
          if (DatabaseException.isStoreWide(e)) {
            throw e;
          }
          log.warn(
              "sender: checking late message {} failed; sending it: {}", item.id(), e.toString());
        }
      }
      if (settled) {
        stats.settledLate.incrementAndGet();
        if (keep == null) {
          keep = new java.util.ArrayList<>(due.subList(0, i));
        }
      } else if (keep != null) {
        keep.add(item);
      }
    }
    return keep == null ? due : keep;
  }

  /** Hands items to workers, in order, within the rate limits; returns how many went out. */
  private int offer(List<Outbox.Item> items, long now) {
    int dispatched = 0;
    List<Outbox.Item> bad = null;
    List<RuntimeException> why = null;
    for (Outbox.Item item : items) {
      if (inFlight.contains(item.chatId())) {
        continue;
      }
      long[] done = finished.get(item.id());
      if (done != null && done[0] == item.attempts()) {
        continue; // a stale view of an item that was just handled
      }
      boolean message;
      try {
        message = item.delivery().isMessage();
      } catch (RuntimeException e) {
        // A row that no longer decodes: set it aside, the others go on.
        if (bad == null) {
          bad = new java.util.ArrayList<>();
          why = new java.util.ArrayList<>();
        }
        bad.add(item);
        why.add(e);
        finished.put(item.id(), new long[] {item.attempts(), System.nanoTime()});
        continue;
      }
      boolean paidFor = false;
      if (message) {
        if (!limiter.globallyExhausted(now)) {
          if (!limiter.tryAcquire(item.chatId(), now)) {
            continue;
          }
        } else if (worthPaying(item, now)) {
          paidFor = true;
        } else if (paid.on()) {
          continue; // a later one may be a late reminder
        } else {
          break;
        }
      }
      inFlight.add(item.chatId());
      dispatched++;
      boolean withPaid = paidFor;
      workers.execute(() -> deliver(item, withPaid));
    }
    if (bad != null) {
      quarantineUndecodable(bad, why);
    }
    return dispatched;
  }

  /**
   * With the free limit used up: true (and a paid token and a Star of the budget taken) if the item
   * is a reminder late by paid broadcast's threshold, or a reply that has waited {@link
   * PaidBroadcast#REPLY_AFTER}, and the budget and limits allow it. Catch-ups never go paid.
   */
  private boolean worthPaying(Outbox.Item item, long now) {
    long waited = now - item.createdAt().toEpochMilli();
    boolean worth =
        item.interactive()
            ? waited >= PaidBroadcast.REPLY_AFTER.toMillis()
            : item.dueBy() != null && waited >= paid.lateAfter().toMillis();
    if (!worth || !budget.hasRoom(now) || !limiter.tryAcquirePaid(item.chatId(), now)) {
      return false;
    }
    budget.take();
    return true;
  }

  private void quarantineUndecodable(List<Outbox.Item> bad, List<RuntimeException> why) {
    for (int i = 0; i < bad.size(); i++) {
      Outbox.Item item = bad.get(i);
      RuntimeException e = why.get(i);
      try {
        db.write(
            tx -> {
              outbox.quarantine(tx, item, "does not decode: " + e.getMessage(), e, clock.instant());
              return null;
            });
        stats.quarantined.incrementAndGet();
        log.error(
            "sender: delivery {} to chat {} does not decode; quarantined: {}",
            item.id(),
            item.chatId(),
            e.getMessage());
      } catch (RuntimeException q) {
        // Tried again after the stale-view guard lets it (a minute).
        log.error("sender: quarantining delivery {} failed: {}", item.id(), q.getMessage());
      }
    }
  }

  /** Runs on a worker: makes the delivery and hands the result to the dispatch thread. */
  private void deliver(Outbox.Item item, boolean paidFor) {
    Transport.Result result;
    try {
      result = transport.deliver(item.chatId(), item.delivery(), paidFor);
    } catch (Throwable e) {
      // The transport sorts Telegram's and the network's answers itself: what escapes is ours.
      result = new Transport.Result.Broken(e.toString(), e);
    }
    results.add(new Finished(item, result, paidFor));
    signal.wake();
  }

  private void record(Tx tx, Finished f) {
    Outbox.Item item = f.item();
    Transport.Result result = f.result();
    long chat = item.chatId();
    var now = clock.instant();
    if (f.paid()) {
      if (result instanceof Transport.Result.Sent) {
        budget.delivered(tx, now.toEpochMilli());
        stats.paid.incrementAndGet();
      } else {
        budget.giveBack();
        if (result instanceof Transport.Result.Rejected r) {
          // Refused as a paid message, not for what it says: it goes again within the free limit.
          budget.refused(now.toEpochMilli());
          log.warn(
              "sender: Telegram refused a paid broadcast ({}); paying stops for an hour and"
                  + " messages go within the free limit (check the bot's Star balance)",
              r.reason());
          outbox.retryAt(tx, item.id(), now.toEpochMilli(), "paid broadcast refused");
          return;
        }
      }
    }
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
    } else if (result instanceof Transport.Result.Transient t
        && now.toEpochMilli() - item.createdAt().toEpochMilli() > GIVE_UP.toMillis()) {
      stats.failed.incrementAndGet();
      log.error(
          "sender: delivery {} to chat {} kept failing for {} h, recorded as failed: {}",
          item.id(),
          chat,
          GIVE_UP.toHours(),
          t.reason());
      outbox.drop(tx, item.id(), "failed for " + GIVE_UP.toHours() + " h: " + t.reason(), now);
    } else if (result instanceof Transport.Result.Broken b) {
      if (item.attempts() + 1 >= MAX_BROKEN) {
        stats.quarantined.incrementAndGet();
        log.error(
            "sender: delivery {} to chat {} failed on our side {} times; quarantined: {}",
            item.id(),
            chat,
            item.attempts() + 1,
            b.reason(),
            b.cause());
        outbox.quarantine(tx, item, b.reason(), b.cause(), now);
      } else {
        stats.retried.incrementAndGet();
        long delay = backoff(item.attempts());
        log.warn(
            "sender: delivery {} to chat {} failed on our side ({}), retry in {} ms",
            item.id(),
            chat,
            b.reason(),
            delay);
        outbox.retryAt(tx, item.id(), now.toEpochMilli() + delay, b.reason());
      }
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
      if (workers instanceof ExecutorService pool) {
        pool.shutdown();
        pool.awaitTermination(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (workers instanceof ExecutorService pool) {
      pool.shutdownNow();
    }
    if (!dispatcher.isAlive()) {
      // Deliveries that finished after the dispatch thread stopped: record them, so a restart
      // does not send them again. Sends nothing new: the workers are stopped.
      recordLeftovers();
    }
    lead.close();
  }

  private void recordLeftovers() {
    List<Finished> batch = new java.util.ArrayList<>();
    for (Unrecorded u : unrecorded) {
      batch.add(u.finished);
    }
    unrecorded.clear();
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
              record(tx, f);
            }
            return null;
          });
    } catch (RuntimeException e) {
      log.error(
          "sender: recording {} deliveries at close failed: {}", batch.size(), e.getMessage());
    }
  }
}
