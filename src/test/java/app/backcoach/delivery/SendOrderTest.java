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
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Under a reminder backlog at 30/s the sender serves a reply first, then reminders by deadline
 * (most overdue first), whatever order they were queued in. Stepped in simulated time.
 */
class SendOrderTest {
  @TempDir Path dir;
  private static final Instant T0 = Instant.parse("2026-12-01T07:30:00Z");
  private final TestClock clock = new TestClock(T0);
  private final List<String> sent = new ArrayList<>();
  private final Outbox outbox = new Outbox();

  private void queue(Database db, long chat, String text, int priority, Long deadline) {
    db.write(
        tx -> {
          Outbox.Row row =
              outbox
                  .rows(chat, List.of(Delivery.send(Reply.text(text))), priority, clock.instant())
                  .get(0);
          outbox.insert(tx, List.of(deadline == null ? row : row.asReminder(deadline, chat)));
          return null;
        });
  }

  @Test
  void aReplyJumpsTheBacklogAndRemindersGoByDeadline() {
    try (Database db = app.backcoach.TestDatabases.open(dir.resolve("s.db"), clock);
        OutboxSender sender =
            OutboxSender.stepping(
                db,
                (chat, d) -> {
                  sent.add(d.reply().text());
                  return new Transport.Result.Sent();
                },
                clock,
                new SendLimits(30, 5, 1, 3, 1),
                LateMessages.NONE)) {
      // 600 reminders queued in a shuffled order of deadlines: 20 s of sending at 30/s.
      List<Integer> minutes = new ArrayList<>();
      for (int i = 0; i < 600; i++) {
        minutes.add(i);
      }
      java.util.Collections.shuffle(minutes, new java.util.Random(19));
      SplittableRandom random = new SplittableRandom(5);
      for (int i = 0; i < minutes.size(); i++) {
        long deadline = T0.toEpochMilli() + minutes.get(i) * 1_000L + random.nextInt(1_000);
        queue(db, 1_000 + i, String.format("%012d", deadline), Outbox.SCHEDULED, deadline);
      }
      for (int step = 0; step < 100; step++) { // 5 s
        sender.step();
        clock.advance(Duration.ofMillis(50));
      }
      int before = sent.size();
      assertTrue(before >= 140 && before <= 160, "30/s plus the burst: " + before);
      queue(db, 7, "the answer to a question", Outbox.INTERACTIVE, null);
      sender.step();
      assertEquals("the answer to a question", sent.get(before), "the reply went next");
      for (int step = 0; step < 400; step++) {
        sender.step();
        clock.advance(Duration.ofMillis(50));
      }
      List<String> reminders = new ArrayList<>(sent);
      reminders.remove("the answer to a question");
      assertEquals(600, reminders.size());
      List<String> byDeadline = new ArrayList<>(reminders);
      java.util.Collections.sort(byDeadline);
      assertEquals(byDeadline, reminders, "most overdue first");
    }
  }
}
