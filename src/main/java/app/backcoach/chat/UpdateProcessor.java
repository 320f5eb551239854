package app.backcoach.chat;

import app.backcoach.content.ContentBundle;
import app.backcoach.content.Msg;
import app.backcoach.delivery.Outbox;
import app.backcoach.delivery.Signal;
import app.backcoach.reply.Delivery;
import app.backcoach.reply.Reply;
import app.backcoach.storage.Database;
import app.backcoach.storage.DatabaseException;
import app.backcoach.storage.Quarantine;
import app.backcoach.storage.Tx;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies stored updates in order, each in the same transaction that marks it applied, so every
 * update is acted on exactly once even across a crash; a backlog is applied a few updates per
 * transaction.
 *
 * <p>An update that fails for a reason of its own (it no longer decodes, a bug, an {@link Error})
 * is retried {@value #MAX_ATTEMPTS} times with backoff, holding only its own chat, then set aside
 * in the quarantine with its reason and stack trace, and its user gets one apology; every other
 * chat keeps flowing. A failing store (full disk, read-only, locked) holds everything without loss
 * until it recovers.
 */
public final class UpdateProcessor implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(UpdateProcessor.class);

  /** Attempts at one update before it is quarantined. */
  static final int MAX_ATTEMPTS = 3;

  private final Database db;
  private final ChatService chat;
  private final ContentBundle content;
  private final Clock clock;
  private final Runnable onQueued;
  private final UpdateInbox inbox = new UpdateInbox();
  private final Outbox outbox = new Outbox();
  private final Quarantine quarantine = new Quarantine();
  private final Signal signal = new Signal();
  private final Thread thread;
  private volatile boolean running = true;
  private final AtomicLong applied = new AtomicLong();
  private final AtomicLong quarantined = new AtomicLong();
  private final AtomicLong retried = new AtomicLong();
  private final AppliedLog appliedLog = new AppliedLog();

  /**
   * @param onQueued called after deliveries were queued (wakes the sender)
   */
  public UpdateProcessor(
      Database db, ChatService chat, ContentBundle content, Clock clock, Runnable onQueued) {
    this.db = db;
    this.chat = chat;
    this.content = content;
    this.clock = clock;
    this.onQueued = onQueued;
    this.thread = new Thread(this::loop, "updates");
    this.thread.setDaemon(true);
  }

  /** Updates applied since start. */
  public AtomicLong appliedCounter() {
    return applied;
  }

  /** Updates quarantined since start. */
  public AtomicLong quarantinedCounter() {
    return quarantined;
  }

  /** Failed attempts that were retried, since start. */
  public AtomicLong retriedCounter() {
    return retried;
  }

  /** True while the processing thread runs (for the health check). */
  public boolean alive() {
    return thread.isAlive();
  }

  public UpdateProcessor start() {
    thread.start();
    return this;
  }

  /** New updates were stored. */
  public void wake() {
    signal.wake();
  }

  private void loop() {
    long failures = 0;
    while (running) {
      try {
        int done = applyPending();
        failures = 0;
        if (done == 0) {
          appliedLog.flushIfDue(System.nanoTime());
          await(Duration.ofMillis(200));
        }
      } catch (Throwable e) {
        // The database itself is failing (or something outside any one update broke): back off
        // and try again, nothing is lost.
        failures++;
        log.error("updates: cannot read or apply stored updates: {}", e.toString());
        await(Duration.ofMillis(Math.min(5_000, 100 * (1L << Math.min(failures, 6)))));
      }
    }
    appliedLog.flush(System.nanoTime());
  }

  /**
   * Updates applied in one transaction at most: enough to share a commit and the pages every update
   * writes (the inbox's and the outbox's last ones), few enough that the first one's replies are
   * not held back for long. A lone update is applied on its own, as soon as it is stored.
   */
  static final int GROUP = 32;

  /**
   * Applies what is pending now (updates waiting for a retry excepted); returns how many updates
   * were handled.
   */
  public int applyPending() {
    int total = 0;
    List<UpdateInbox.Stored> batch;
    while (running && !(batch = db.read(tx -> inbox.pending(tx, 100, clock.millis()))).isEmpty()) {
      // Chats whose update failed in this batch: their later updates wait for the next read, which
      // leaves them out while the retry is not due, so a chat's updates stay in order.
      java.util.Set<Long> failed = new java.util.HashSet<>();
      for (int i = 0; i < batch.size() && running; i += GROUP) {
        List<UpdateInbox.Stored> group =
            batch.subList(i, Math.min(batch.size(), i + GROUP)).stream()
                .filter(u -> u.chatId() == null || !failed.contains(u.chatId()))
                .toList();
        if (!group.isEmpty()) {
          applyGroup(group, failed);
          total += group.size();
          onQueued.run();
        }
      }
    }
    return total;
  }

  /**
   * Applies the updates in one transaction, each marked applied in it. If one of them fails, none
   * is applied, and they are applied one by one instead, so only the failing one is retried.
   */
  private void applyGroup(List<UpdateInbox.Stored> group, java.util.Set<Long> failed) {
    if (group.size() > 1) {
      long started = System.nanoTime();
      boolean done;
      try {
        db.write(
            tx -> {
              for (UpdateInbox.Stored u : group) {
                applyIn(tx, u);
              }
              return null;
            });
        done = true;
      } catch (Throwable e) {
        if (DatabaseException.isStoreWide(e)) {
          throw asRuntime(e); // leave the updates pending and retry later
        }
        log.debug("updates: a group of {} failed ({}); applying them one by one", group.size(), e);
        done = false;
      }
      if (done) {
        applied.addAndGet(group.size());
        long now = System.nanoTime();
        appliedLog.applied(
            group.get(0).updateId(),
            group.get(group.size() - 1).updateId(),
            group.size(),
            (now - started) / 1_000_000,
            null,
            now);
        return;
      }
    }
    for (UpdateInbox.Stored u : group) {
      if (u.chatId() != null && failed.contains(u.chatId())) {
        continue;
      }
      if (!apply(u) && u.chatId() != null) {
        failed.add(u.chatId());
      }
    }
  }

  /** Applies one update inside the caller's transaction and marks it applied there. */
  private void applyIn(Tx tx, UpdateInbox.Stored stored) {
    if (!inbox.claim(tx, stored.updateId(), stored.chatId())) {
      return; // another instance applied it after it was read
    }
    Inbound u = stored.decode();
    if (u.chatId() == null || u.event() == null) {
      inbox.markApplied(tx, u.updateId(), clock.instant(), null);
    } else if (!u.privateChat()) {
      groupNotice(tx, u);
    } else {
      chat.apply(tx, u.chatId(), u.event(), u.origin());
      inbox.markApplied(tx, u.updateId(), clock.instant(), null);
    }
  }

  /** Applies one update in its own transaction; false if it failed (and was counted). */
  private boolean apply(UpdateInbox.Stored u) {
    long started = System.nanoTime();
    try {
      db.write(
          tx -> {
            applyIn(tx, u);
            return null;
          });
      applied.incrementAndGet();
      long now = System.nanoTime();
      appliedLog.applied(
          u.updateId(), u.updateId(), 1, (now - started) / 1_000_000, u.chatId(), now);
      return true;
    } catch (UpdateInbox.ChatBusy e) {
      // Another instance holds the chat: its later updates wait for the next round, in order.
      return false;
    } catch (UpdateInbox.AlreadyApplied e) {
      // Rolled back: another path applied it first. Applying it again would act on it twice.
      log.warn("updates: update {} was applied already; this attempt was undone", u.updateId());
      return true;
    } catch (Throwable e) {
      if (DatabaseException.isStoreWide(e)) {
        throw asRuntime(e); // the store is failing: leave it pending, retry later
      }
      failed(u, e);
      return false;
    }
  }

  private static RuntimeException asRuntime(Throwable e) {
    return e instanceof RuntimeException r ? r : new IllegalStateException(e);
  }

  /** Delay before retry {@code attempt} (1-based): 1 s, then 4 s. */
  static long backoffMillis(int attempt) {
    return 1_000L << (2 * (attempt - 1));
  }

  /**
   * Counts a failed attempt; after {@link #MAX_ATTEMPTS} the update goes to the quarantine and its
   * user gets one apology.
   */
  private void failed(UpdateInbox.Stored u, Throwable e) {
    int attempt = u.attempts() + 1;
    String reason = e.toString();
    if (attempt < MAX_ATTEMPTS) {
      long delay = backoffMillis(attempt);
      log.warn(
          "updates: update {} of chat {} failed (attempt {} of {}), retrying in {} ms: {}",
          u.updateId(),
          u.chatId(),
          attempt,
          MAX_ATTEMPTS,
          delay,
          reason);
      db.write(
          tx -> {
            inbox.retryAt(tx, u.updateId(), clock.millis() + delay, reason);
            return null;
          });
      retried.incrementAndGet();
      return;
    }
    log.error(
        "updates: update {} of chat {} failed {} times; quarantined: {}",
        u.updateId(),
        u.chatId(),
        attempt,
        reason,
        e);
    Long chatId = u.chatId();
    String callbackId = callbackOf(u);
    db.write(
        tx -> {
          var now = clock.instant();
          quarantine.add(
              tx, Quarantine.Kind.UPDATE, u.updateId(), chatId, reason, e, u.body(), now);
          inbox.markApplied(tx, u.updateId(), now, "quarantined: " + e.getClass().getSimpleName());
          if (chatId != null && chatId > 0) {
            // Private chats have positive ids; a group gets no apology.
            Reply sorry = Reply.text(content.text(Msg.INTERNAL_ERROR));
            List<Delivery> out =
                callbackId == null
                    ? List.of(Delivery.send(sorry))
                    : List.of(Delivery.notice(callbackId, null), Delivery.send(sorry));
            outbox.enqueue(tx, chatId, out, Outbox.INTERACTIVE, now);
          }
          return null;
        });
    quarantined.incrementAndGet();
  }

  /** The tap to answer with the apology, when the update still decodes and was a tap. */
  private static String callbackOf(UpdateInbox.Stored u) {
    try {
      return u.decode().origin().callbackId();
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** In a group or channel the bot says once that it works in private chats, then stays quiet. */
  private void groupNotice(Tx tx, Inbound u) {
    var now = clock.instant();
    int first =
        tx.update(
            "INSERT INTO chat_notices (chat_id, noticed_at) VALUES (?, ?) ON CONFLICT DO NOTHING",
            u.chatId(),
            now.toString());
    if (first == 1) {
      outbox.enqueue(
          tx,
          u.chatId(),
          List.of(Delivery.send(Reply.text(content.text(Msg.PRIVATE_ONLY)))),
          Outbox.INTERACTIVE,
          now);
    } else if (u.origin().callbackId() != null) {
      outbox.enqueue(
          tx,
          u.chatId(),
          List.of(Delivery.notice(u.origin().callbackId(), null)),
          Outbox.INTERACTIVE,
          now);
    }
    inbox.markApplied(tx, u.updateId(), now, null);
  }

  private void await(Duration d) {
    if (!signal.await(d.toMillis())) {
      running = false;
    }
  }

  @Override
  public void close() {
    running = false;
    wake();
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
