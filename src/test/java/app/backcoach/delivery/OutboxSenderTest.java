package app.backcoach.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.backcoach.reply.Delivery;
import app.backcoach.reply.Reply;
import app.backcoach.storage.Database;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutboxSenderTest {
  @TempDir Path dir;
  private final Clock clock = Clock.systemUTC();
  private Database db;
  private OutboxSender sender;
  private final FakeTransport transport = new FakeTransport();

  /** Records deliveries; answers with scripted results per chat, then Sent. */
  static final class FakeTransport implements Transport {
    final List<String> delivered = Collections.synchronizedList(new ArrayList<>());
    final List<Long> times = Collections.synchronizedList(new ArrayList<>());
    final Map<Long, Deque<Result>> script = new HashMap<>();
    int calls;

    @Override
    public synchronized Result deliver(long chatId, Delivery d) {
      calls++;
      Deque<Result> q = script.get(chatId);
      Result r = q == null || q.isEmpty() ? new Result.Sent() : q.poll();
      if (r instanceof Result.Sent) {
        delivered.add(chatId + ":" + d.reply().text());
        times.add(System.nanoTime() / 1_000_000);
      }
      return r;
    }

    synchronized void script(long chat, Result... results) {
      script.computeIfAbsent(chat, c -> new ArrayDeque<>()).addAll(List.of(results));
    }
  }

  private void start(SendLimits limits) {
    db = app.backcoach.TestDatabases.open(dir.resolve("s.db"), clock);
    sender = new OutboxSender(db, transport, clock, limits).start();
  }

  private void queue(long chat, int priority, String... texts) {
    db.write(
        tx -> {
          tx.update(
              "INSERT INTO users (chat_id, created_at, updated_at) VALUES (?, 'x', 'x')"
                  + " ON CONFLICT DO NOTHING",
              chat);
          List<Delivery> ds = new ArrayList<>();
          for (String t : texts) {
            ds.add(Delivery.send(Reply.text(t)));
          }
          new Outbox().enqueue(tx, chat, ds, priority, Instant.now(clock));
          return null;
        });
    sender.wake();
  }

  /** Waits up to 10 s for the condition. */
  static boolean eventually(BooleanSupplier condition) throws InterruptedException {
    long until = System.nanoTime() + 10_000_000_000L;
    while (System.nanoTime() < until) {
      if (condition.getAsBoolean()) {
        return true;
      }
      Thread.sleep(10);
    }
    return condition.getAsBoolean();
  }

  @AfterEach
  void stop() {
    if (sender != null) {
      sender.close();
    }
    if (db != null) {
      db.close();
    }
  }

  @Test
  void deliversEachChatsMessagesInOrder() throws Exception {
    start(new SendLimits(100, 100, 100, 100, 4));
    queue(1, Outbox.INTERACTIVE, "a1", "a2", "a3");
    queue(2, Outbox.INTERACTIVE, "b1", "b2");
    assertTrue(eventually(() -> transport.delivered.size() == 5));
    List<String> chat1 = transport.delivered.stream().filter(s -> s.startsWith("1:")).toList();
    assertEquals(List.of("1:a1", "1:a2", "1:a3"), chat1);
    // The transport sees a delivery just before the sender records it as sent.
    assertTrue(
        eventually(() -> db.read(tx -> new Outbox().depth(tx)) == 0), "every item marked sent");
    assertEquals(5, transport.delivered.size(), "and none sent twice");
  }

  @Test
  void rateLimitedDeliveryIsRetriedAfterTheGivenTime() throws Exception {
    start(new SendLimits(100, 100, 100, 100, 2));
    transport.script(1, new Transport.Result.RetryAfter(1));
    long t0 = System.nanoTime();
    queue(1, Outbox.INTERACTIVE, "hello", "second");
    assertTrue(eventually(() -> transport.delivered.size() == 2));
    assertTrue(System.nanoTime() - t0 >= 900_000_000L, "waited retry_after before retrying");
    assertEquals(List.of("1:hello", "1:second"), transport.delivered);
    assertEquals(1, sender.stats().rateLimited.get());
  }

  @Test
  void transientFailureIsRetriedWithBackoff() throws Exception {
    start(new SendLimits(100, 100, 100, 100, 2));
    transport.script(
        1, new Transport.Result.Transient("500"), new Transport.Result.Transient("reset"));
    queue(1, Outbox.INTERACTIVE, "hello");
    assertTrue(eventually(() -> transport.delivered.size() == 1));
    assertEquals(2, sender.stats().retried.get());
  }

  @Test
  void permanentRefusalIsDroppedAndNeverRetried() throws Exception {
    start(new SendLimits(100, 100, 100, 100, 2));
    transport.script(1, new Transport.Result.Rejected("400 Bad Request: chat not found"));
    queue(1, Outbox.INTERACTIVE, "lost", "next");
    assertTrue(eventually(() -> transport.delivered.size() == 1));
    Thread.sleep(300);
    assertEquals(List.of("1:next"), transport.delivered);
    assertEquals(2, transport.calls, "the refused message was tried exactly once");
  }

  @Test
  void blockedUserIsMarkedInactiveAndNothingMoreIsSent() throws Exception {
    start(new SendLimits(100, 100, 100, 100, 2));
    transport.script(7, new Transport.Result.Blocked("403 Forbidden: bot was blocked by the user"));
    queue(7, Outbox.INTERACTIVE, "one", "two", "three");
    assertTrue(eventually(() -> db.read(tx -> new Outbox().depth(tx)) == 0));
    assertEquals(List.of(), transport.delivered);
    assertEquals(1, transport.calls);
    assertEquals(0, (int) db.read(tx -> tx.count("SELECT active FROM users WHERE chat_id = 7")));
  }

  @Test
  void perChatLimitSpacesMessagesToOneChat() throws Exception {
    start(new SendLimits(100, 100, 4, 1, 2));
    queue(1, Outbox.INTERACTIVE, "1", "2", "3");
    assertTrue(eventually(() -> transport.delivered.size() == 3));
    long span = transport.times.get(2) - transport.times.get(0);
    assertTrue(
        span >= 400, "3 messages at 4/s with burst 1 take at least 0.5 s, took " + span + " ms");
  }

  @Test
  void interactiveRepliesGoBeforeScheduledOnes() throws Exception {
    start(new SendLimits(1, 1, 100, 100, 1));
    // Use up the single global token first, so both queues wait for the next one.
    queue(99, Outbox.INTERACTIVE, "warm-up");
    assertTrue(eventually(() -> transport.delivered.size() == 1));
    queue(2, Outbox.SCHEDULED, "reminder");
    queue(3, Outbox.INTERACTIVE, "reply");
    assertTrue(eventually(() -> transport.delivered.size() == 3));
    assertEquals("3:reply", transport.delivered.get(1));
  }

  @Test
  void manyChatsWithManyRepliesGetEachExactlyOnceInOrder() throws Exception {
    start(new SendLimits(100_000, 1_000, 100_000, 1_000, 8));
    for (int round = 0; round < 10; round++) {
      for (long chat = 1; chat <= 30; chat++) {
        queue(chat, Outbox.INTERACTIVE, "m" + round + "a", "m" + round + "b");
      }
    }
    assertTrue(eventually(() -> db.read(tx -> new Outbox().depth(tx)) == 0));
    assertEquals(600, transport.delivered.size(), "each message once");
    assertEquals(600, transport.calls);
    for (long chat = 1; chat <= 30; chat++) {
      String prefix = chat + ":";
      List<String> got = transport.delivered.stream().filter(x -> x.startsWith(prefix)).toList();
      List<String> want = new ArrayList<>();
      for (int round = 0; round < 10; round++) {
        want.add(prefix + "m" + round + "a");
        want.add(prefix + "m" + round + "b");
      }
      assertEquals(want, got, "chat " + chat + " in order");
    }
  }

  @Test
  void replyQueuedWhileTheChatIsInFlightFollowsIt() throws Exception {
    java.util.concurrent.CountDownLatch queued = new java.util.concurrent.CountDownLatch(1);
    Transport slowFirst =
        (chatId, d) -> {
          if (d.reply().text().equals("first")) {
            try {
              queued.await(); // the next reply is committed while this one is in flight
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
          return transport.deliver(chatId, d);
        };
    db = app.backcoach.TestDatabases.open(dir.resolve("s.db"), clock);
    sender = new OutboxSender(db, slowFirst, clock, new SendLimits(100, 100, 100, 100, 2)).start();
    queue(1, Outbox.INTERACTIVE, "first");
    Thread.sleep(100); // "first" is in flight now
    db.write(
        tx -> {
          new Outbox()
              .enqueue(
                  tx,
                  1,
                  List.of(Delivery.send(Reply.text("second"))),
                  Outbox.INTERACTIVE,
                  Instant.now(clock));
          return null;
        }); // no wake(): the finished chat's own follow-up must find it
    queued.countDown();
    assertTrue(eventually(() -> transport.delivered.size() == 2));
    assertEquals(List.of("1:first", "1:second"), transport.delivered);
    Thread.sleep(200);
    assertEquals(2, transport.calls, "none sent twice");
  }

  @Test
  void laterRepliesWaitForARetryOfAnEarlierOne() throws Exception {
    start(new SendLimits(100, 100, 100, 100, 2));
    transport.script(1, new Transport.Result.Transient("500"));
    queue(1, Outbox.INTERACTIVE, "one", "two", "three");
    assertTrue(eventually(() -> transport.delivered.size() == 3));
    assertEquals(List.of("1:one", "1:two", "1:three"), transport.delivered);
    assertEquals(4, transport.calls);
  }

  @Test
  void aChatsScheduledMessagesDoNotJumpAheadOfOtherChatsReplies() throws Exception {
    start(new SendLimits(1, 1, 100, 100, 1));
    queue(99, Outbox.INTERACTIVE, "warm-up");
    assertTrue(eventually(() -> transport.delivered.size() == 1));
    // Chat 2's first reminder is in flight when chat 3's reply arrives; chat 2's second reminder
    // must not follow it straight away.
    queue(2, Outbox.SCHEDULED, "reminder 1", "reminder 2");
    assertTrue(eventually(() -> transport.delivered.size() == 2));
    queue(3, Outbox.INTERACTIVE, "reply");
    assertTrue(eventually(() -> transport.delivered.size() == 4));
    assertEquals("3:reply", transport.delivered.get(2));
  }

  @Test
  void aDeliveryFinishingDuringCloseIsStillRecorded() throws Exception {
    java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
    Transport slow =
        (chatId, d) -> {
          started.countDown();
          try {
            Thread.sleep(500);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return transport.deliver(chatId, d);
        };
    db = app.backcoach.TestDatabases.open(dir.resolve("s.db"), clock);
    sender = new OutboxSender(db, slow, clock, new SendLimits(100, 100, 100, 100, 2)).start();
    queue(1, Outbox.INTERACTIVE, "last words");
    assertTrue(started.await(10, java.util.concurrent.TimeUnit.SECONDS));
    sender.close(); // while the delivery is in flight
    sender = null;
    assertEquals(List.of("1:last words"), transport.delivered);
    assertEquals(0, (int) db.read(tx -> new Outbox().depth(tx)), "marked sent, not sent again");
  }
}
