package app.backcoach.bench;

import app.backcoach.TestClock;
import app.backcoach.delivery.LateMessages;
import app.backcoach.delivery.Outbox;
import app.backcoach.delivery.OutboxSender;
import app.backcoach.delivery.SendLimits;
import app.backcoach.delivery.Transport;
import app.backcoach.reply.Delivery;
import app.backcoach.reply.Reply;
import app.backcoach.storage.Database;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The sender's cost under a reminder backlog: N reminders (one per chat) queued at once, the real
 * sender stepped every 50 ms of simulated time at 30/s for S simulated seconds; prints the
 * processor time per step. Usage: SenderScanBench [reminders] [seconds] (default 100000 120).
 */
public final class SenderScanBench {
  private SenderScanBench() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 120;
    TestClock clock = new TestClock(Instant.parse("2026-12-01T07:30:00Z"));
    Path dir = Files.createTempDirectory("scan-bench");
    try (Database db = Results.open(dir.resolve("bench.db"), clock)) {
      Outbox outbox = new Outbox();
      for (int from = 0; from < n; from += 5_000) {
        int first = from;
        db.write(
            tx -> {
              List<Outbox.Row> rows = new ArrayList<>();
              for (long chat = first; chat < Math.min(n, first + 5_000); chat++) {
                rows.add(
                    outbox
                        .rows(
                            chat,
                            List.of(Delivery.send(Reply.text("posture break"))),
                            Outbox.SCHEDULED,
                            clock.instant())
                        .get(0)
                        .asReminder(clock.millis() + 900_000, chat));
              }
              outbox.insert(tx, rows);
              return null;
            });
      }
      int[] sent = {0};
      Transport counting =
          (chat, d) -> {
            sent[0]++;
            return new Transport.Result.Sent();
          };
      try (OutboxSender sender =
          OutboxSender.stepping(
              db, counting, clock, new SendLimits(30, 5, 1, 3, 1), LateMessages.NONE)) {
        var bean =
            (com.sun.management.ThreadMXBean)
                java.lang.management.ManagementFactory.getThreadMXBean();
        long cpu0 = bean.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        int steps = seconds * 20;
        for (int i = 0; i < steps; i++) {
          sender.step();
          clock.advance(Duration.ofMillis(50));
        }
        double cpuMs = (bean.getCurrentThreadCpuTime() - cpu0) / 1e6;
        System.out.printf(
            Locale.ROOT,
            "%,d reminders waiting, %d simulated s at 30/s: %,d sent in %,d steps; %.0f ms CPU"
                + " (%.3f ms a step), %.1f s wall%n",
            n,
            seconds,
            sent[0],
            steps,
            cpuMs,
            cpuMs / steps,
            (System.nanoTime() - t0) / 1e9);
      }
    }
    Stats.deleteTree(dir);
  }
}
