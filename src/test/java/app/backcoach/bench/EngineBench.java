package app.backcoach.bench;

import app.backcoach.TestContent;
import app.backcoach.chat.ChatService;
import app.backcoach.conversation.Engine;
import app.backcoach.conversation.Event;
import app.backcoach.conversation.Inputs;
import app.backcoach.search.ContentIndex;
import app.backcoach.storage.Database;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Benchmark 2: in-process updates per second and handling latency with durable SQLite commits (each
 * update is one committed transaction: state, answers, plan and outbox). Runs at a fixed offered
 * rate and at saturation. Usage: EngineBench [updates] (default 20000).
 */
public final class EngineBench {
  public static void main(String[] args) throws Exception {
    int total = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
    var content = TestContent.bundle();
    Path dir = Files.createTempDirectory("engine-bench");
    try (Database db = Results.open(dir.resolve("bench.db"), Clock.systemUTC())) {
      ChatService chat =
          new ChatService(
              db, new Engine(content, ContentIndex.build(content)), content, Clock.systemUTC());
      List<Event> script = new ArrayList<>();
      script.add(Inputs.parse("/start"));
      script.add(new Event.Tap("c:y"));
      for (String a : app.backcoach.ConsoleScript.DESK_WORKER) {
        script.add(Inputs.parse(a));
      }
      script.add(new Event.Tap("rp:y"));
      script.add(Inputs.parse("/plan"));
      script.add(Inputs.parse("/reminders"));
      // Warm-up.
      run(chat, script, 3_000, 0, 1_000_000);
      Result paced = run(chat, script, total, 1_000, 2_000_000);
      System.out.println(paced.line("offered 1,000/s"));
      Result saturated = run(chat, script, total, 0, 3_000_000);
      System.out.println(saturated.line("saturation"));
      double p99 = Stats.percentileMillis(paced.latencies(), 0.99);
      Results.line(
          "engine: p99 at 1,000 updates/s",
          String.format(java.util.Locale.ROOT, "%.2f ms", p99),
          "under 2 ms",
          p99 < 2);
      Results.line(
          "engine: updates/s at saturation",
          String.format(java.util.Locale.ROOT, "%,.0f", saturated.updates() / saturated.seconds()),
          "-",
          null);
      int users = db.read(tx -> tx.count("SELECT COUNT(*) FROM users"));
      System.out.printf("database after the runs: %d users%n", users);
    }
    Stats.deleteTree(dir);
  }

  record Result(int updates, double seconds, long[] latencies) {
    String line(String label) {
      return String.format(
          "%-16s %7d updates in %6.2f s = %7.0f updates/s; latency p50 %.3f ms, p99 %.3f ms, max %.3f ms",
          label,
          updates,
          seconds,
          updates / seconds,
          Stats.percentileMillis(latencies, 0.5),
          Stats.percentileMillis(latencies, 0.99),
          Stats.maxMillis(latencies));
    }
  }

  /**
   * Sends {@code total} events spread over many chats, each chat walking the script; 0 rate means
   * as fast as possible.
   */
  static Result run(
      ChatService chat, List<Event> script, int total, int ratePerSecond, long firstChat) {
    long[] lat = new long[total];
    long start = System.nanoTime();
    int perChat = script.size();
    for (int i = 0; i < total; i++) {
      if (ratePerSecond > 0) {
        long due = start + (long) i * 1_000_000_000L / ratePerSecond;
        while (System.nanoTime() < due) {
          Thread.onSpinWait();
        }
      }
      long chatId = firstChat + i / perChat;
      Event e = script.get(i % perChat);
      long t = System.nanoTime();
      chat.handle(chatId, e);
      lat[i] = System.nanoTime() - t;
    }
    return new Result(total, (System.nanoTime() - start) / 1e9, lat);
  }
}
