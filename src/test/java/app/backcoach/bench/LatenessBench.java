package app.backcoach.bench;

import app.backcoach.TestClock;
import app.backcoach.TestContent;
import app.backcoach.coaching.Profile;
import app.backcoach.delivery.Outbox;
import app.backcoach.delivery.OutboxSender;
import app.backcoach.delivery.PaidBroadcast;
import app.backcoach.delivery.SendLimits;
import app.backcoach.delivery.Transport;
import app.backcoach.reminders.Kind;
import app.backcoach.reminders.LateReminders;
import app.backcoach.reminders.Reminder;
import app.backcoach.reminders.ReminderPlanner;
import app.backcoach.reminders.ReminderService;
import app.backcoach.reminders.ReminderStore;
import app.backcoach.reply.Delivery;
import app.backcoach.reply.Reply;
import app.backcoach.storage.Database;
import app.backcoach.telegram.FakeBotApi;
import app.backcoach.telegram.TransportAccess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.SplittableRandom;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;
import org.telegram.telegrambots.meta.TelegramUrl;

/**
 * Reminder lateness at scale (issue 19): an audience of N users, a simulated weekday from 00:00 UTC
 * (or a window of it), the real claim ({@link ReminderService}, every 15 s) into the real outbox,
 * and the real sender ({@link OutboxSender#stepping}: its order, rate limits, late-reminder folding
 * ({@link LateReminders}) and paid broadcast) stepped every 50 ms of simulated time, the cadence of
 * its scans. The clock jumps ahead when nothing is due. Deliveries go to an in-process transport,
 * or with {@code -Dtransport=http} through the Telegram transport to the fake Bot API on loopback,
 * which then enforces Telegram's limits (30/s, 1/s per chat) in simulated time and answers 429 to a
 * send beyond them; a delivery takes no simulated time either way. Interactive traffic: after 10 %
 * of the reminders sent, the user answers 5 to 120 s later and gets a reply, which competes for the
 * same limit.
 *
 * <p>Lateness is from a reminder's due instant to the send recorded in the outbox; it includes up
 * to 15 s of claim tick. A reminder still undelivered when its 15-minute grace window closes is
 * folded with the chat's other late ones into one catch-up message (as in production) and counted
 * as folded, not in the lateness figures.
 *
 * <p>Audience: time zones weighted roughly like a European-led user base; 70 % keep the proposed
 * times (spread per user, or with {@code -Dspread=off} the old fixed times), 30 % type their own
 * (on the hour or half hour); 60 % desk workers (posture breaks every 30-60 minutes), 50 % train.
 * The audience is the same on every run (a seeded random, zones in name order).
 *
 * <p>Usage: {@code LatenessBench [users] [rate]} (default 10000 30), with {@code -Dspread=off},
 * {@code -Dpaid=STARS} (a day's paid-broadcast budget; {@code -DpaidAfter=SECONDS}, default 30),
 * {@code -Dfrom=HH:mm -Dhours=H} (a window of the day), {@code -Dtransport=http}.
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

  /** Text that marks a reply to a user's answer (not a reminder). */
  private static final String REPLY = "reply to the user's answer";

  private static final long STEP_MILLIS = 50;
  private static final long CLAIM_EVERY_MILLIS = 15_000;
  private static final long PROGRESS_EVERY_MILLIS = 15 * 60_000;

  private LatenessBench() {}

  /** Deliveries as they arrive, in simulated time; schedules the users' answers. */
  static final class Arrivals implements Transport {
    final Transport next;
    final TestClock clock;
    final SplittableRandom random = new SplittableRandom(7);
    final PriorityQueue<long[]> answers = new PriorityQueue<>((a, b) -> Long.compare(a[0], b[0]));
    final Map<Long, int[]> perSecond = new HashMap<>(); // second -> {free, paid}
    long reminders;
    long replies;

    Arrivals(Transport next, TestClock clock) {
      this.next = next;
      this.clock = clock;
    }

    @Override
    public Result deliver(long chatId, Delivery d) {
      return deliver(chatId, d, false);
    }

    @Override
    public Result deliver(long chatId, Delivery d, boolean paid) {
      Result r = next.deliver(chatId, d, paid);
      if (!(r instanceof Result.Sent)) {
        return r;
      }
      long now = clock.millis();
      perSecond.computeIfAbsent(now / 1000, k -> new int[2])[paid ? 1 : 0]++;
      if (d.isMessage() && d.reply() != null && REPLY.equals(d.reply().text())) {
        replies++;
      } else {
        reminders++;
        if (random.nextInt(10) == 0) {
          answers.add(new long[] {now + 5_000 + random.nextLong(115_001), chatId});
        }
      }
      return r;
    }

    int busiest(int which) {
      return perSecond.values().stream().mapToInt(v -> v[which]).max().orElse(0);
    }
  }

  public static void main(String[] args) throws Exception {
    int users = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    int rate = args.length > 1 ? Integer.parseInt(args[1]) : 30;
    boolean spread = !"off".equals(System.getProperty("spread"));
    long stars = Long.getLong("paid", 0);
    PaidBroadcast paid =
        new PaidBroadcast(stars, Duration.ofSeconds(Long.getLong("paidAfter", 30)));
    boolean http = "http".equals(System.getProperty("transport"));
    LocalTime from = LocalTime.parse(System.getProperty("from", "00:00"));
    double hours = Double.parseDouble(System.getProperty("hours", "24"));
    Instant day = Instant.parse("2026-12-01T00:00:00Z"); // a Tuesday
    Instant start = day.plusSeconds(from.toSecondOfDay());
    Instant end = start.plusMillis((long) (hours * 3_600_000));
    TestClock clock = new TestClock(start);
    Path dir = Files.createTempDirectory("lateness-bench");
    if (http) {
      // As in TransportBench: without it Nagle's algorithm costs the JDK's server 40 ms a request.
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
    FakeBotApi api = http ? FakeBotApi.start() : null;
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
      var content = TestContent.bundle();
      ReminderService claim =
          new ReminderService(db, content, clock, Duration.ofMinutes(15), () -> {});
      Transport inner =
          http
              ? TransportAccess.transport(
                  new OkHttpTelegramClient(
                      FakeBotApi.TOKEN, new TelegramUrl("http", "127.0.0.1", api.port(), false)))
              : (chat, d) -> new Transport.Result.Sent();
      int burst = Math.max(1, Math.min(5, rate)); // as App.telegramSettings
      if (http) {
        // The fake Bot API holds the bot to Telegram's limits in simulated time: a send the
        // sender's own limits should not have let out is answered 429, and counted.
        api.rateClock(() -> clock.millis() * 1_000_000L);
        api.rateLimits(1, 3, rate, burst);
      }
      Arrivals arrivals = new Arrivals(inner, clock);
      OutboxSender sender =
          OutboxSender.stepping(
              db,
              arrivals,
              clock,
              new SendLimits(rate, burst, 1, 3, 1).withPaid(paid),
              new LateReminders(content));
      Outbox outbox = new Outbox();
      long nextClaim = start.toEpochMilli();
      long steps = 0;
      long t1 = System.nanoTime();
      long nextProgress = start.toEpochMilli() + PROGRESS_EVERY_MILLIS;
      while (clock.millis() < end.toEpochMilli()) {
        long now = clock.millis();
        if (now >= nextProgress) {
          progress(clock, arrivals, sender, t1);
          nextProgress += PROGRESS_EVERY_MILLIS;
        }
        if (now >= nextClaim) {
          claim.runDue();
          nextClaim += CLAIM_EVERY_MILLIS;
        }
        List<Outbox.Row> answered = new ArrayList<>();
        while (!arrivals.answers.isEmpty() && arrivals.answers.peek()[0] <= now) {
          long chat = arrivals.answers.poll()[1];
          answered.addAll(
              outbox.rows(
                  chat,
                  List.of(Delivery.send(Reply.text(REPLY))),
                  Outbox.INTERACTIVE,
                  clock.instant()));
        }
        if (!answered.isEmpty()) {
          db.write(
              tx -> {
                outbox.insert(tx, answered);
                return null;
              });
        }
        long before = sender.stats().sent.get();
        sender.step();
        steps++;
        if (sender.stats().sent.get() == before
            && db.read(tx -> outbox.due(tx, now, 1)).isEmpty()) {
          long next = nextClaim;
          if (!arrivals.answers.isEmpty()) {
            next = Math.min(next, arrivals.answers.peek()[0]);
          }
          clock.set(Instant.ofEpochMilli(Math.max(now + STEP_MILLIS, next)).toString());
        } else {
          clock.advance(Duration.ofMillis(STEP_MILLIS));
        }
      }
      double runSeconds = (System.nanoTime() - t1) / 1e9;
      report(db, users, rate, spread, paid, from, hours, http, arrivals, sender, steps, runSeconds);
      if (http) {
        System.out.printf(
            Locale.ROOT,
            "fake Bot API: %,d answered 429 (Telegram's limits in simulated time)%n",
            api.tooManyRequestsSent());
      }
    } finally {
      if (api != null) {
        api.close();
      }
    }
    Stats.deleteTree(dir);
    System.exit(0);
  }

  /** One line every 15 simulated minutes, so that a long run shows how far it has got. */
  private static void progress(TestClock clock, Arrivals arrivals, OutboxSender sender, long t1) {
    System.out.printf(
        Locale.ROOT,
        "  %s simulated, %.0f s elapsed: %,d reminders and %,d replies sent, %,d folded%n",
        clock.instant(),
        (System.nanoTime() - t1) / 1e9,
        arrivals.reminders,
        arrivals.replies,
        sender.stats().settledLate.get());
  }

  private static void report(
      Database db,
      int users,
      int rate,
      boolean spread,
      PaidBroadcast paid,
      LocalTime from,
      double hours,
      boolean http,
      Arrivals arrivals,
      OutboxSender sender,
      long steps,
      double runSeconds) {
    List<Long> late = new ArrayList<>();
    List<Long> replyWait = new ArrayList<>();
    db.read(
        tx -> {
          tx.query(
              "SELECT l.due_at, o.sent_at FROM outbox o JOIN reminder_log l ON l.id = o.log_id"
                  + " WHERE o.sent_at IS NOT NULL",
              rs -> late.add(Instant.parse(rs.getString(2)).toEpochMilli() - rs.getLong(1)));
          tx.query(
              "SELECT created_at, sent_at FROM outbox WHERE priority = ? AND sent_at IS NOT NULL",
              rs ->
                  replyWait.add(
                      Instant.parse(rs.getString(2)).toEpochMilli()
                          - Instant.parse(rs.getString(1)).toEpochMilli()),
              Outbox.INTERACTIVE);
          return null;
        });
    long[] l = late.stream().mapToLong(Long::longValue).sorted().toArray();
    long[] r = replyWait.stream().mapToLong(Long::longValue).sorted().toArray();
    long[] counts =
        db.read(
            tx ->
                new long[] {
                  tx.count("SELECT COUNT(*) FROM outbox WHERE last_error LIKE 'late: folded%'"),
                  tx.count(
                      "SELECT COUNT(*) FROM outbox WHERE priority = "
                          + Outbox.SCHEDULED
                          + " AND log_id IS NULL"),
                  tx.count(
                      "SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL AND dropped_at IS NULL")
                });
    long within = Arrays.stream(l).filter(x -> x <= 60_000).count();
    String window = hours >= 24 ? "a day" : String.format(Locale.ROOT, "%s + %.1f h", from, hours);
    String label =
        String.format(
            Locale.ROOT,
            "%,d users, %s, %d/s, paid %s%s",
            users,
            spread ? "spread" : "fixed times",
            rate,
            paid.on() ? paid.starsPerDay() + " Stars/day" : "off",
            (hours >= 24 ? "" : ", " + window) + (http ? ", over HTTP" : ""));
    String row =
        String.format(
            Locale.ROOT,
            "%s: p50 %s, p95 %s, p99 %s, max %s; within 1 min %.1f %%; %,d sent, %,d folded into"
                + " %,d catch-ups; replies p50 %s, p95 %s, max %s",
            label,
            secs(pct(l, 0.50)),
            secs(pct(l, 0.95)),
            secs(pct(l, 0.99)),
            secs(l.length == 0 ? 0 : l[l.length - 1]),
            l.length == 0 ? 100.0 : 100.0 * within / l.length,
            l.length,
            counts[0],
            counts[1],
            ms(pct(r, 0.50)),
            ms(pct(r, 0.95)),
            ms(r.length == 0 ? 0 : r[r.length - 1]));
    System.out.printf(
        Locale.ROOT,
        "run: %s, %s transport; %,d reminders and %,d replies delivered, %,d messages paid (%.1f"
            + " Stars); busiest second %d free + %d paid; %,d still queued at the end; %,d steps in"
            + " %.0f s%n",
        window,
        http ? "the fake Bot API over HTTP" : "an in-process",
        arrivals.reminders,
        arrivals.replies,
        sender.stats().paid.get(),
        sender.stats().paid.get() * PaidBroadcast.STARS_PER_MESSAGE,
        arrivals.busiest(0),
        arrivals.busiest(1),
        counts[2],
        steps,
        runSeconds);
    System.out.println("lateness: " + row);
    Results.line("reminder lateness, " + label, row.substring(label.length() + 2), "-", null);
  }

  private static long pct(long[] sorted, double p) {
    return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, p * sorted.length)];
  }

  private static String ms(long millis) {
    return millis < 1_000 ? millis + " ms" : String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
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
