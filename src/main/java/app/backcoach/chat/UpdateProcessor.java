package app.backcoach.chat;

import app.backcoach.content.ContentBundle;
import app.backcoach.content.Msg;
import app.backcoach.conversation.Reply;
import app.backcoach.delivery.Delivery;
import app.backcoach.delivery.Signal;
import app.backcoach.storage.Database;
import app.backcoach.storage.Outbox;
import app.backcoach.storage.UpdateInbox;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies stored updates in order, each in the same transaction that marks it applied, so every
 * update is acted on exactly once even across a crash; a backlog is applied a few updates per
 * transaction. A failure in one update is logged with its chat and update id, answered with an
 * apology, and never stops the others.
 */
public final class UpdateProcessor implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(UpdateProcessor.class);
  private final Database db;
  private final ChatService chat;
  private final ContentBundle content;
  private final Clock clock;
  private final Runnable onQueued;
  private final UpdateInbox inbox = new UpdateInbox();
  private final Outbox outbox = new Outbox();
  private final Signal signal = new Signal();
  private final Thread thread;
  private volatile boolean running = true;
  private final java.util.concurrent.atomic.AtomicLong applied =
      new java.util.concurrent.atomic.AtomicLong();

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
  public java.util.concurrent.atomic.AtomicLong appliedCounter() {
    return applied;
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
          await(Duration.ofMillis(200));
        }
      } catch (RuntimeException e) {
        // The database itself is failing; back off and try again, nothing is lost.
        failures++;
        log.error("updates: cannot read or apply stored updates: {}", e.getMessage());
        await(Duration.ofMillis(Math.min(5_000, 100 * (1L << Math.min(failures, 6)))));
      }
    }
  }

  /**
   * Updates applied in one transaction at most: enough to share a commit and the pages every update
   * writes (the inbox's and the outbox's last ones), few enough that the first one's replies are
   * not held back for long. A lone update is applied on its own, as soon as it is stored.
   */
  static final int GROUP = 32;

  /** Applies what is pending now; returns how many updates were applied. */
  public int applyPending() {
    int total = 0;
    List<Inbound> batch;
    while (running && !(batch = db.read(tx -> inbox.pending(tx, 100))).isEmpty()) {
      for (int i = 0; i < batch.size() && running; i += GROUP) {
        List<Inbound> group = batch.subList(i, Math.min(batch.size(), i + GROUP));
        applyGroup(group);
        total += group.size();
        onQueued.run();
      }
    }
    return total;
  }

  /**
   * Applies the updates in one transaction, each marked applied in it. If one of them fails, none
   * is applied, and they are applied one by one instead, so only the failing one gets the apology.
   */
  private void applyGroup(List<Inbound> group) {
    if (group.size() > 1) {
      long started = System.nanoTime();
      boolean done;
      try {
        db.write(
            tx -> {
              for (Inbound u : group) {
                applyIn(tx, u);
              }
              return null;
            });
        done = true;
      } catch (app.backcoach.storage.DatabaseException e) {
        throw e; // the store is failing: leave the updates pending and retry later
      } catch (RuntimeException e) {
        log.debug("updates: a group of {} failed ({}); applying them one by one", group.size(), e);
        done = false;
      }
      if (done) {
        applied.addAndGet(group.size());
        for (Inbound u : group) {
          log.debug("updates: applied update {} of chat {}", u.updateId(), u.chatId());
        }
        log.info(
            "updates: applied updates {} to {} ({} updates, one transaction) in {} ms",
            group.get(0).updateId(),
            group.get(group.size() - 1).updateId(),
            group.size(),
            (System.nanoTime() - started) / 1_000_000);
        return;
      }
    }
    for (Inbound u : group) {
      apply(u);
    }
  }

  /** Applies one update inside the caller's transaction and marks it applied there. */
  private void applyIn(app.backcoach.storage.Tx tx, Inbound u) {
    if (u.chatId() == null || u.event() == null) {
      inbox.markApplied(tx, u.updateId(), clock.instant(), null);
    } else if (!u.privateChat()) {
      groupNotice(tx, u);
    } else {
      chat.apply(tx, u.chatId(), u.event(), u.origin());
      inbox.markApplied(tx, u.updateId(), clock.instant(), null);
    }
  }

  private void apply(Inbound u) {
    long started = System.nanoTime();
    try {
      db.write(
          tx -> {
            applyIn(tx, u);
            return null;
          });
      applied.incrementAndGet();
      log.info(
          "updates: applied update {} of chat {} in {} ms",
          u.updateId(),
          u.chatId(),
          (System.nanoTime() - started) / 1_000_000);
    } catch (app.backcoach.storage.DatabaseException e) {
      throw e; // the store is failing: leave the update pending and retry later
    } catch (RuntimeException e) {
      log.error(
          "updates: handling update {} of chat {} failed: {}",
          u.updateId(),
          u.chatId(),
          e.toString(),
          e);
      db.write(
          tx -> {
            inbox.markApplied(tx, u.updateId(), clock.instant(), e.getClass().getSimpleName());
            Reply sorry = Reply.text(content.text(Msg.INTERNAL_ERROR));
            List<Delivery> out =
                u.origin().callbackId() == null
                    ? List.of(Delivery.send(sorry))
                    : List.of(Delivery.notice(u.origin().callbackId(), null), Delivery.send(sorry));
            outbox.enqueue(tx, u.chatId(), out, Outbox.INTERACTIVE, clock.instant());
            return null;
          });
    }
  }

  /** In a group or channel the bot says once that it works in private chats, then stays quiet. */
  private void groupNotice(app.backcoach.storage.Tx tx, Inbound u) {
    var now = clock.instant();
    int first =
        tx.update(
            "INSERT OR IGNORE INTO chat_notices (chat_id, noticed_at) VALUES (?, ?)",
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
