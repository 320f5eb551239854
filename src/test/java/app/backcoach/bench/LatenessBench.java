package app.backcoach.bench;

import app.backcoach.TestClock;
import app.backcoach.TestContent;
import app.backcoach.coaching.Profile;
import app.backcoach.reminders.Kind;
import app.backcoach.reminders.Reminder;
import app.backcoach.reminders.ReminderPlanner;
import app.backcoach.reminders.ReminderService;
import app.backcoach.reminders.ReminderStore;
import app.backcoach.storage.Database;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A lateness model for reminders (issue 19, first version): an audience of N users, a simulated
 * weekday from 00:00 UTC, the real claim ({@link ReminderService}, every 15 s) into the real
 * outbox, and Telegram's limit modelled in simulated time: each second the {@code rate} oldest due
 * items ({@code Outbox.due}: one per chat, replies before reminders) go out. Lateness is the time
 * from a reminder's due instant to its send. Not modelled: HTTP, the sender's threads, folding late
 * reminders into catch-ups, interactive traffic.
 *
 * <p>Audience: time zones weighted roughly like a European-led user base; 70 % keep the proposed
 * times (spread per user, or with {@code -Dspread=off} the old fixed times), 30 % type their own
 * (on the hour or half hour); 60 % desk workers (posture breaks every 30-60 minutes), 50 % train.
 *
 * <p>The audience is the same on every run (a seeded random, zones in name order).
 *
 * <p>Usage: {@code LatenessBench [users] [rate]} (default 10000 30).
 */
public final class LatenessBench {
  private static final Map<String, Integer> ZONES =
      Map.ofEntries(
          Map.entry("Europe/Berlin", 22),
          Map.entry("Europe/London", 12),
          Map.entry("Europe/Madrid", 8),
          Map.entry("America/New_York", 15),
          Map.entry("America/Chicago", 6),
          Map.entry("America/Los_Angeles", 8),
          Map.entry("Asia/Kolkata", 12),
          Map.entry("Australia/Sydney", 5),
          Map.entry("America/Sao_Paulo", 7),
          Map.entry("Asia/Tokyo", 5));

  private LatenessBench() {}

  public static void main(String[] args) throws Exception {
    int users = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    int rate = args.length > 1 ? Integer.parseInt(args[1]) : 30;
    boolean spread = !"off".equals(System.getProperty("spread"));
    Instant start = Instant.parse("2026-12-01T00:00:00Z"); // a Tuesday
    TestClock clock = new TestClock(start);
    Path dir = Files.createTempDirectory("lateness-bench");
    try (Database db = Results.open(dir.resolve("bench.db"), clock)) {
      long t0 = System.nanoTime();
      int made = audience(db, users, spread, start);
      System.out.printf(
          Locale.ROOT,
          "audience: %,d users, %,d reminders (%s proposed times), made in %.1f s%n",
          users,
          made,
          spread ? "spread" : "fixed",
          (System.nanoTime() - t0) / 1e9);
      ReminderService claim =
          new ReminderService(db, TestContent.bundle(), clock, Duration.ofMinutes(15), () -> {});
      app.backcoach.delivery.Outbox outbox = new app.backcoach.delivery.Outbox();
      List<Long> lateness = new ArrayList<>();
      long t1 = System.nanoTime();
      for (int second = 0; second < 86_400; second++) {
        if (second % 15 == 0) {
          claim.runDue();
        }
        long now = clock.millis();
        var due = db.read(tx -> outbox.due(tx, now, rate));
        if (!due.isEmpty()) {
          List<Object[]> sent = new ArrayList<>();
          for (var item : due) {
            sent.add(new Object[] {item.id()});
          }
          String at = clock.instant().toString();
          lateness.addAll(
              db.write(
                  tx -> {
                    // Each sent reminder's due instant, read in one statement per second.
                    List<Object[]> logs = new ArrayList<>();
                    for (var item : due) {
                      if (item.logId() != null) {
                        logs.add(new Object[] {item.logId()});
                      }
                    }
                    List<Long> late = new ArrayList<>();
                    if (!logs.isEmpty()) {
                      Map<Long, Long> dueAt = new java.util.HashMap<>();
                      tx.query(
                          "SELECT id, due_at FROM reminder_log WHERE id IN ("
                              + String.join(", ", java.util.Collections.nCopies(logs.size(), "?"))
                              + ")",
                          rs -> dueAt.put(rs.getLong(1), rs.getLong(2)),
                          logs.stream().map(r -> r[0]).toArray());
                      for (var item : due) {
                        Long d = item.logId() == null ? null : dueAt.get(item.logId());
                        if (d != null) {
                          late.add(now - d);
                        }
                      }
                    }
                    tx.updateRows(
                        "UPDATE outbox SET sent_at = '" + at + "' WHERE id IN (VALUES {rows})",
                        1,
                        sent);
                    return late;
                  }));
        }
        clock.advance(Duration.ofSeconds(1));
      }
      long[] l = lateness.stream().mapToLong(Long::longValue).sorted().toArray();
      int left = db.read(tx -> tx.count("SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL"));
      System.out.printf(
          Locale.ROOT,
          "day: %,d reminders sent at %d/s in a simulated day (%,d still queued at its end), %.0f s"
              + " to run%n",
          l.length,
          rate,
          left,
          (System.nanoTime() - t1) / 1e9);
      long within = Arrays.stream(l).filter(x -> x <= 60_000).count();
      String row =
          String.format(
              Locale.ROOT,
              "%,d users, %s, %d/s: p50 %s, p95 %s, p99 %s, max %s; within 1 min %.1f %%",
              users,
              spread ? "spread" : "fixed times",
              rate,
              secs(pct(l, 0.50)),
              secs(pct(l, 0.95)),
              secs(pct(l, 0.99)),
              secs(l.length == 0 ? 0 : l[l.length - 1]),
              l.length == 0 ? 100.0 : 100.0 * within / l.length);
      System.out.println("lateness: " + row);
      Results.line("reminder lateness, " + row.substring(0, row.indexOf(':')), row, "-", null);
    }
    Stats.deleteTree(dir);
    System.exit(0);
  }

  private static long pct(long[] sorted, double p) {
    return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, p * sorted.length)];
  }

  private static String secs(long millis) {
    return millis < 60_000
        ? String.format(Locale.ROOT, "%.0f s", millis / 1000.0)
        : String.format(Locale.ROOT, "%.1f min", millis / 60_000.0);
  }

  /** Users with their reminders, as onboarding would have left them; returns the reminders. */
  private static int audience(Database db, int users, boolean spread, Instant now) {
    SplittableRandom random = new SplittableRandom(19);
    List<String> zones = new ArrayList<>();
    new java.util.TreeMap<>(ZONES)
        .forEach(
            (zone, weight) -> {
              for (int i = 0; i < weight; i++) {
                zones.add(zone);
              }
            });
    ReminderStore store = new ReminderStore();
    int[] made = {0};
    int batch = 2_000;
    for (int from = 1; from <= users; from += batch) {
      int first = from;
      int last = Math.min(users, from + batch - 1);
      db.write(
          tx -> {
            for (long chat = first; chat <= last; chat++) {
              ZoneId zone = ZoneId.of(zones.get(random.nextInt(zones.size())));
              tx.update(
                  "INSERT INTO users (chat_id, created_at, updated_at, consented, time_zone)"
                      + " VALUES (?, 'x', 'x', 1, ?)",
                  chat,
                  zone.getId());
              List<Reminder> rs = reminders(chat, random, spread);
              store.replace(tx, chat, rs, zone, now);
              made[0] += rs.size();
            }
            return null;
          });
    }
    return made[0];
  }

  private static List<Reminder> reminders(long chat, SplittableRandom random, boolean spread) {
    Set<String> tags = new java.util.HashSet<>();
    if (random.nextInt(100) < 60) {
      tags.add("desk");
      tags.add(random.nextBoolean() ? "sit_high" : "sit_mid");
    }
    if (random.nextInt(100) < 50) {
      tags.add(random.nextBoolean() ? "train_mid" : "train_low");
    }
    if (random.nextInt(100) < 30) {
      tags.add("morning_stiffness");
    }
    List<Reminder> proposed = ReminderPlanner.propose(new Profile(tags, Map.of(), Set.of()), chat);
    List<Reminder> out = new ArrayList<>();
    boolean typesOwn = random.nextInt(100) < 30;
    for (Reminder r : proposed) {
      if (r.kind() == Kind.WORKOUT && !tags.contains("train_mid") && !tags.contains("train_low")) {
        continue;
      }
      LocalTime time = r.time();
      LocalTime windowStart = r.windowStart();
      if (typesOwn && r.time() != null) {
        time = LocalTime.of(6 + random.nextInt(15), random.nextBoolean() ? 0 : 30);
      } else if (!spread) {
        // The proposal before issue 19: everybody at the same minutes.
        time = fixed(r, tags);
        windowStart = r.kind() == Kind.POSTURE ? LocalTime.of(9, 0) : null;
      }
      out.add(
          new Reminder(
              0,
              chat,
              r.kind(),
              true,
              time,
              r.days(),
              r.interval(),
              windowStart,
              r.windowEnd(),
              false,
              null));
    }
    return out;
  }

  private static LocalTime fixed(Reminder r, Set<String> tags) {
    return switch (r.kind()) {
      case MOBILITY ->
          tags.contains("morning_stiffness") ? LocalTime.of(7, 30) : LocalTime.of(12, 30);
      case WORKOUT -> LocalTime.of(18, 0);
      case CHECKIN -> LocalTime.of(19, 0);
      case POSTURE -> null;
    };
  }
}
