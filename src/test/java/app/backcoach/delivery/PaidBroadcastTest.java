package app.backcoach.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.backcoach.TestClock;
import app.backcoach.reply.Delivery;
import app.backcoach.reply.Reply;
import app.backcoach.storage.Database;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Paid broadcast: late reminders beyond the free limit go with {@code allow_paid_broadcast}, within
 * the day's budget, and so do replies that waited a second for the free limit; catch-ups and
 * reminders that are not late never do. The sender is driven step by step in simulated time ({@link
 * OutboxSender#stepping}).
 */
class PaidBroadcastTest {
  @TempDir Path dir;
  private static final Instant T0 = Instant.parse("2026-12-01T07:30:00Z");
  private final TestClock clock = new TestClock(T0);
  private Database db;
  private OutboxSender sender;
  private final Recorder transport = new Recorder();

  /** Records each delivery: chat, whether paid, simulated time; scripted failures per chat. */
  static final class Recorder implements Transport {
    record Call(long chat, boolean paid, long at) {}

    final List<Call> calls = new ArrayList<>();
    final Map<Long, Result> failFor = new TreeMap<>();
    TestClock clock;
    boolean refusePaid;
    int refused;

    @Override
    public Result deliver(long chatId, Delivery d) {
      return deliver(chatId, d, false);
    }

    @Override
    public Result deliver(long chatId, Delivery d, boolean paid) {
      Result r = failFor.remove(chatId);
      if (r != null) {
        return r;
      }
      if (paid && refusePaid) {
        refused++;
        return new Result.Rejected("Bad Request: not enough Stars");
      }
      calls.add(new Call(chatId, paid, clock.millis()));
      return new Result.Sent();
    }

    long paid() {
      return calls.stream().filter(Call::paid).count();
    }
  }

  @AfterEach
  void close() {
    if (sender != null) {
      sender.close();
    }
    if (db != null) {
      db.close();
    }
  }

  private void start(PaidBroadcast paid) {
    if (db == null) {
      db = app.backcoach.TestDatabases.open(dir.resolve("p.db"), clock);
    }
    transport.clock = clock;
    sender =
        OutboxSender.stepping(
            db, transport, clock, new SendLimits(30, 5, 1, 3, 1).withPaid(paid), LateMessages.NONE);
  }

  /** One message for each of {@code chats} chats from {@code first}, queued now. */
  private void queue(long first, int chats, int priority, boolean reminder) {
    Outbox outbox = new Outbox();
    db.write(
        tx -> {
          List<Outbox.Row> rows = new ArrayList<>();
          for (long chat = first; chat < first + chats; chat++) {
            Outbox.Row row =
                outbox
                    .rows(
                        chat,
                        List.of(Delivery.send(Reply.text("move " + chat))),
                        priority,
                        clock.instant())
                    .get(0);
            rows.add(reminder ? row.asReminder(clock.millis() + 15 * 60_000, chat) : row);
          }
          outbox.insert(tx, rows);
          return null;
        });
  }

  /**
   * Steps the sender every 100 ms of simulated time for {@code seconds} (its scans run every 50 ms;
   * 100 ms still lets 30/s through with bursts of 5, and halves the test's time on PostgreSQL).
   */
  private void run(int seconds) {
    for (int i = 0; i < seconds * 10; i++) {
      sender.step();
      clock.advance(Duration.ofMillis(100));
    }
  }

  private static final PaidBroadcast BUDGET_1000_STARS =
      new PaidBroadcast(1_000, Duration.ofSeconds(30)); // 10,000 messages

  @Test
  void lateRemindersBeyondTheFreeLimitGoPaidAndNoneBeforeTheyAreLate() {
    start(BUDGET_1000_STARS);
    queue(1, 3_000, Outbox.SCHEDULED, true);
    run(45);
    assertEquals(3_000, transport.calls.size(), "all delivered within 45 s");
    long firstPaid =
        transport.calls.stream().filter(c -> c.paid).mapToLong(c -> c.at).min().orElseThrow();
    assertTrue(firstPaid >= T0.toEpochMilli() + 30_000, "paid only once 30 s late");
    // Before that, the free limit: 30 a second plus the burst of 5.
    long freeFirst30s = transport.calls.stream().filter(c -> c.at < firstPaid).count();
    assertTrue(freeFirst30s <= 30 * 30 + 5 && freeFirst30s >= 30 * 29, "free: " + freeFirst30s);
    assertTrue(transport.paid() > 1_500, "most of the backlog went paid: " + transport.paid());
    assertEquals(transport.paid(), paidInTable("2026-12-01"));
    assertEquals(transport.paid(), sender.stats().paid.get());
  }

  private long paidInTable(String day) {
    return db.read(
        tx ->
            tx.one(
                    "SELECT messages FROM paid_broadcast WHERE day = ?",
                    rs -> rs.getLong("messages"),
                    day)
                .orElse(0L));
  }

  @Test
  void theDailyBudgetHoldsAcrossARestartAndRenewsTheNextDay() {
    start(new PaidBroadcast(10, Duration.ofSeconds(30))); // 100 messages
    queue(1, 3_000, Outbox.SCHEDULED, true);
    run(40);
    assertEquals(100, transport.paid(), "10 Stars pay for 100 messages");
    assertEquals(100, paidInTable("2026-12-01"));
    sender.close();
    start(new PaidBroadcast(10, Duration.ofSeconds(30))); // a restart, the same day
    run(10);
    assertEquals(100, transport.paid(), "the day's budget was already spent");
    clock.set("2026-12-02T07:30:00Z");
    queue(10_000, 1_000, Outbox.SCHEDULED, true);
    run(35);
    assertEquals(200, transport.paid(), "a new day, a new budget");
    assertEquals(100, paidInTable("2026-12-02"));
  }

  @Test
  void repliesThatWaitedASecondForTheFreeLimitGoPaid() {
    start(BUDGET_1000_STARS);
    queue(1, 1_500, Outbox.INTERACTIVE, false);
    run(4);
    assertEquals(1_500, transport.calls.size(), "every reply is out within 4 s");
    long firstPaid =
        transport.calls.stream().filter(c -> c.paid()).mapToLong(c -> c.at()).min().orElseThrow();
    assertTrue(
        firstPaid >= T0.toEpochMilli() + PaidBroadcast.REPLY_AFTER.toMillis(),
        "none paid before it waited a second");
    // The free limit carried about 35 in the first second and 30/s after; the rest were paid.
    assertTrue(transport.paid() >= 1_300, "paid: " + transport.paid());
  }

  @Test
  void catchUpsNeverGoPaid() {
    start(BUDGET_1000_STARS);
    queue(1, 1_500, Outbox.SCHEDULED, false); // scheduled without a deadline: catch-ups
    run(45);
    assertEquals(0, transport.paid());
    assertTrue(transport.calls.size() <= 45 * 30 + 5, "the free limit: " + transport.calls.size());
  }

  @Test
  void withoutABudgetNothingGoesPaid() {
    start(PaidBroadcast.OFF);
    queue(1, 2_000, Outbox.SCHEDULED, true);
    run(45);
    assertEquals(0, transport.paid());
    assertEquals(0L, paidInTable("2026-12-01"));
    assertTrue(transport.calls.size() <= 45 * 30 + 5, "the free limit: " + transport.calls.size());
  }

  @Test
  void aPaidMessageThatDidNotGoOutCostsNothing() {
    start(new PaidBroadcast(1, Duration.ofSeconds(30))); // 10 messages
    queue(1, 2_000, Outbox.SCHEDULED, true);
    run(29);
    // The first chats paid for from here on are refused for a while (429): not counted.
    for (long chat = 1; chat <= 2_000; chat++) {
      final long c = chat;
      if (transport.calls.stream().noneMatch(x -> x.chat == c)) {
        transport.failFor.put(chat, new Transport.Result.RetryAfter(60));
        if (transport.failFor.size() == 5) {
          break;
        }
      }
    }
    run(10);
    assertTrue(transport.failFor.isEmpty(), "the refused chats were tried");
    assertEquals(10, transport.paid(), "the budget still paid for 10 delivered messages");
    assertEquals(10L, paidInTable("2026-12-01"));
  }

  @Test
  void whenTelegramRefusesPaidMessagesTheyGoFreeAndPayingPauses() {
    start(BUDGET_1000_STARS);
    transport.refusePaid = true; // no Stars on the bot's balance
    queue(1, 2_000, Outbox.SCHEDULED, true);
    run(70);
    assertEquals(0, transport.paid());
    // Paying pauses at the first refusal recorded: only what one scan handed out was tried.
    assertTrue(transport.refused >= 1 && transport.refused <= 60, "refused: " + transport.refused);
    assertEquals(2_000, transport.calls.size(), "all went, within the free limit");
    assertEquals(
        0,
        (int) db.read(tx -> tx.count("SELECT COUNT(*) FROM outbox WHERE dropped_at IS NOT NULL")),
        "nothing dropped");
    assertEquals(0L, paidInTable("2026-12-01"));
  }
}
