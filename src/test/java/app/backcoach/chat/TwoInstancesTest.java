package app.backcoach.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import app.backcoach.TestContent;
import app.backcoach.TestDatabases;
import app.backcoach.delivery.OutboxSender;
import app.backcoach.delivery.SendLimits;
import app.backcoach.delivery.Transport;
import app.backcoach.reply.Delivery;
import app.backcoach.storage.Database;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two instances on one PostgreSQL database: both apply stored updates at once, yet every update is
 * applied exactly once and each chat's replies come out as if one instance had applied them in
 * order; one instance sends at a time, and when it stops the other takes over (PostgreSQL runs).
 */
class TwoInstancesTest {
  @TempDir Path dir;

  /** Records every delivery made, by whichever instance. */
  private static final class Recording implements Transport {
    final List<String> sent = new CopyOnWriteArrayList<>();
    final String name;

    Recording(String name) {
      this.name = name;
    }

    @Override
    public Result deliver(long chatId, Delivery d) {
      sent.add(chatId + ":" + d.kind() + ":" + (d.reply() == null ? "" : d.reply().text()));
      return new Result.Sent();
    }
  }

  @Test
  void twoInstancesApplyEachUpdateOnceInOrderAndOneSendsAtATime() throws Exception {
    assumeTrue(TestDatabases.postgres(), "needs the PostgreSQL run (.ci/run)");
    int chats = 12;
    List<Inbound> updates = UpdateProcessorTest.backlog(chats);
    Path file = dir.resolve("shared.db");
    try (Database a = TestDatabases.open(file, UpdateProcessorTest.CLOCK_FOR_TESTS);
        Database b = TestDatabases.open(file, UpdateProcessorTest.CLOCK_FOR_TESTS)) {
      UpdateProcessorTest.store(a, updates);
      UpdateProcessor pa =
          new UpdateProcessor(
              a,
              UpdateProcessorTest.chatService(a),
              TestContent.bundle(),
              UpdateProcessorTest.CLOCK_FOR_TESTS,
              () -> {});
      UpdateProcessor pb =
          new UpdateProcessor(
              b,
              UpdateProcessorTest.chatService(b),
              TestContent.bundle(),
              UpdateProcessorTest.CLOCK_FOR_TESTS,
              () -> {});
      ExecutorService both = Executors.newFixedThreadPool(2);
      List<Future<Integer>> runs = new ArrayList<>();
      for (int round = 0; round < 20; round++) {
        runs.add(both.submit(pa::applyPending));
        runs.add(both.submit(pb::applyPending));
      }
      int handled = 0;
      for (Future<Integer> r : runs) {
        handled += r.get();
      }
      both.shutdown();
      assertEquals(0, (int) a.read(tx -> new UpdateInbox().pendingCount(tx)), "all applied");
      assertTrue(handled >= updates.size(), "handled " + handled);

      // The same replies, in the same order per chat, as one instance applying them one by one.
      var expected = UpdateProcessorTest.oneByOne(dir.resolve("replay.db"), updates, chats);
      for (long c = 1; c <= chats; c++) {
        assertEquals(expected.get((int) c - 1), UpdateProcessorTest.queued(a, c), "chat " + c);
      }

      // Sending: one instance sends everything, once; stopping it hands the role to the other.
      Recording ta = new Recording("a");
      Recording tb = new Recording("b");
      SendLimits fast = new SendLimits(1000, 1000, 1000, 1000, 2);
      OutboxSender sa = new OutboxSender(a, ta, java.time.Clock.systemUTC(), fast).start();
      // a takes the role first: b starts once a has sent (a sleep could end before a's thread ran).
      long first = System.nanoTime() + 10_000_000_000L;
      while (ta.sent.isEmpty() && System.nanoTime() < first) {
        Thread.sleep(10);
      }
      assertTrue(!ta.sent.isEmpty(), "the first instance took the sender role and sent");
      OutboxSender sb = new OutboxSender(b, tb, java.time.Clock.systemUTC(), fast).start();
      int total = expected.stream().mapToInt(List::size).sum();
      long until = System.nanoTime() + 20_000_000_000L;
      while (ta.sent.size() + tb.sent.size() < total && System.nanoTime() < until) {
        Thread.sleep(50);
      }
      assertEquals(total, ta.sent.size() + tb.sent.size(), "every reply sent once");
      assertEquals(0, tb.sent.size(), "only the instance with the sender role sends");

      sa.close(); // gives the role up; b takes it within a second or so
      UpdateProcessorTest.store(
          a,
          List.of(
              new Inbound(
                  10_000,
                  1L,
                  true,
                  app.backcoach.conversation.Inputs.parse("/help"),
                  Origin.NONE)));
      pb.applyPending();
      until = System.nanoTime() + 10_000_000_000L;
      while (tb.sent.isEmpty() && System.nanoTime() < until) {
        Thread.sleep(50);
      }
      assertTrue(tb.sent.size() >= 1, "the other instance sends once the first stops");
      sb.close();
      Map<String, Integer> seen = new ConcurrentHashMap<>();
      for (String s : ta.sent) {
        seen.merge(s, 1, Integer::sum);
      }
      assertTrue(seen.size() > chats, "varied replies: " + seen.size());
    }
  }
}
