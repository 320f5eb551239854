package app.backcoach;

import app.backcoach.chat.ChatService;
import app.backcoach.console.ConsoleChat;
import app.backcoach.content.ContentBundle;
import app.backcoach.content.ContentException;
import app.backcoach.content.ContentLoader;
import app.backcoach.content.ContentSource;
import app.backcoach.content.Msg;
import app.backcoach.content.Problem;
import app.backcoach.conversation.Engine;
import app.backcoach.delivery.SendLimits;
import app.backcoach.ops.Metrics;
import app.backcoach.ops.OpsServer;
import app.backcoach.ops.Probes;
import app.backcoach.reminders.ReminderScheduler;
import app.backcoach.reminders.ReminderService;
import app.backcoach.search.BackgroundIndex;
import app.backcoach.search.ContentIndex;
import app.backcoach.storage.Database;
import app.backcoach.storage.DatabaseException;
import app.backcoach.telegram.TelegramBot;
import app.backcoach.telegram.TelegramSettings;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/** The composition root: builds every part with {@code new} and runs a mode. */
final class App {
  /** A reminder this late still goes out; an older one is folded into the catch-up message. */
  static final Duration GRACE = Duration.ofMinutes(15);

  /** How often start-up retries a database that does not take writes. */
  static final Duration DATABASE_RETRY = Duration.ofSeconds(2);

  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(App.class);

  /** How often the due reminders are claimed. */
  static final Duration REMINDER_TICK = Duration.ofSeconds(15);

  private App() {}

  static ContentBundle content(Path dir) {
    if (dir != null && !Files.isDirectory(dir)) {
      throw new ContentException(
          dir.toString(), java.util.List.of(new Problem(dir.toString(), "-", "-", "not a folder")));
    }
    return ContentLoader.load(
        dir == null ? ContentSource.packaged() : ContentSource.directory(dir));
  }

  static int chat(Config config, InputStream in, PrintStream out) {
    Clock clock = Clock.systemUTC();
    ContentBundle content = content(config.contentDir());
    try (Database db = Database.open(config.database(), clock)) {
      ChatService chat =
          new ChatService(db, new Engine(content, BackgroundIndex.start(content)), content, clock);
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      ReminderService reminders = new ReminderService(db, content, clock, GRACE, () -> {});
      try (ReminderScheduler scheduler = new ReminderScheduler(reminders, REMINDER_TICK).start()) {
        return new ConsoleChat(
                chat,
                db,
                clock,
                reader,
                out,
                ConsoleChat.CONSOLE_CHAT_ID,
                content.text(Msg.CHART_SAVED))
            .run();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading the console failed", e);
    }
  }

  static int bot(Config config, PrintStream err) {
    if (config.botToken() == null) {
      err.println(
          "backcoach: bot mode needs TELEGRAM_BOT_TOKEN (from @BotFather); 'chat' runs without one.");
      return Main.USAGE;
    }
    Clock clock = Clock.systemUTC();
    ContentBundle content = content(config.contentDir());
    Database db;
    try {
      db = openWhenWritable(config, clock);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Main.OK;
    }
    ChatService chat =
        new ChatService(
            db,
            new Engine(content, BackgroundIndex.start(content)),
            content,
            clock,
            config.adminIds());
    TelegramSettings settings = telegramSettings(config);
    TelegramBot bot = new TelegramBot(settings, db, chat, content, clock);
    ReminderService reminders = new ReminderService(db, content, clock, GRACE, bot.sender()::wake);
    ReminderScheduler scheduler = new ReminderScheduler(reminders, REMINDER_TICK);
    OpsServer ops =
        config.httpPort() == null ? null : opsServer(config, settings, db, bot, reminders, clock);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  if (ops != null) {
                    ops.close();
                  }
                  scheduler.close();
                  bot.close();
                  db.close();
                  stopped.countDown();
                },
                "shutdown"));
    try {
      bot.start();
      scheduler.start();
      if (ops != null) {
        ops.start();
      }
      stopped.await();
      return Main.OK;
    } catch (IllegalStateException e) {
      err.println("backcoach: " + e.getMessage());
      return Main.FAILED;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Main.OK;
    }
  }

  /**
   * Opens the database, waiting while it cannot be opened for writing (permissions, a full disk).
   * Meanwhile nothing is taken from Telegram, so no update is confirmed that could not be stored,
   * and {@code /healthz} (when enabled) answers 503 with the reason.
   */
  private static Database openWhenWritable(Config config, Clock clock) throws InterruptedException {
    AtomicReference<String> problem = new AtomicReference<>();
    OpsServer waiting = null;
    long logged = 0;
    try {
      while (true) {
        try {
          Database db = Database.open(config.database(), clock);
          if (problem.get() != null) {
            log.info("startup: database {} accepts writes again", config.database());
          }
          return db;
        } catch (DatabaseException e) {
          if (!e.getMessage().equals(problem.get())
              || System.nanoTime() - logged > Duration.ofMinutes(1).toNanos()) {
            log.error(
                "startup: {}. Waiting for it to take writes (retrying every {} s); nothing is"
                    + " taken from Telegram meanwhile.",
                e.getMessage(),
                DATABASE_RETRY.toSeconds());
            logged = System.nanoTime();
          }
          problem.set(e.getMessage());
          if (waiting == null && config.httpPort() != null) {
            waiting =
                new OpsServer(
                        config.httpHost(),
                        config.httpPort(),
                        new Probes(null, Duration.ZERO, problem::get),
                        new Metrics().registry())
                    .start();
          }
          Thread.sleep(DATABASE_RETRY.toMillis());
        }
      }
    } finally {
      if (waiting != null) {
        waiting.close();
      }
    }
  }

  private static OpsServer opsServer(
      Config config,
      TelegramSettings settings,
      Database db,
      TelegramBot bot,
      ReminderService reminders,
      Clock clock) {
    Metrics metrics =
        new Metrics()
            .sender(bot.sender().stats())
            .database(db, clock)
            .counter(
                "backcoach_updates_received",
                "Updates taken from Telegram",
                bot.health().receivedCounter())
            .counter("backcoach_updates_applied", "Updates applied", bot.appliedCounter())
            .counter("backcoach_reminders_sent", "Reminders sent", reminders.counters().get(0))
            .counter(
                "backcoach_reminders_late",
                "Reminders sent late, within the grace window",
                reminders.counters().get(1))
            .counter(
                "backcoach_reminders_missed",
                "Reminders missed while down, folded into catch-ups",
                reminders.counters().get(2));
    Probes probes =
        new Probes(
            bot.health()::sinceLastPoll, settings.pollTimeout().plusSeconds(30), db::writeProblem);
    return new OpsServer(config.httpHost(), config.httpPort(), probes, metrics.registry());
  }

  /** Writes a consistent copy of the live database; the bot may keep running. */
  static int backup(Config config, Path target, PrintStream out) {
    try (Database db = Database.open(config.database(), Clock.systemUTC())) {
      db.backup(target);
    }
    out.println(
        "backed up " + config.database().toAbsolutePath() + " to " + target.toAbsolutePath());
    return Main.OK;
  }

  static TelegramSettings telegramSettings(Config c) {
    // A small burst paces sends evenly: a full-second burst would empty Telegram's bucket and
    // jitter then earns 429s.
    int burst = (int) Math.max(1, Math.min(5, Math.round(c.ratePerSecond())));
    return new TelegramSettings(
        c.botToken(),
        c.apiUrl(),
        Duration.ofSeconds(c.pollTimeoutSeconds()),
        new SendLimits(c.ratePerSecond(), burst, c.ratePerChat(), 3, 8));
  }

  /** Prints the top answers with their scores, for content authors tuning the bundle. */
  static int ask(Config config, String question, PrintStream out) {
    ContentBundle content = content(config.contentDir());
    var screening = app.backcoach.safety.RedFlagScreen.forBundle(content).screen(question);
    for (var f : screening.findings()) {
      out.println(
          f.raised()
              ? "red flag " + f.concept() + " (" + f.urgency().name().toLowerCase(java.util.Locale.ROOT)
                  + ", on \"" + f.evidence() + "\"): the referral comes first, no exercise advice"
              : "mentions " + f.concept() + " on \"" + f.evidence() + "\", cleared: " + f.clearedBy());
    }
    ContentIndex index = ContentIndex.build(content);
    var hits = index.explain(question, 5);
    if (hits.isEmpty()) {
      out.println("no entry matches at all");
    }
    for (var h : hits) {
      String verdict = h.score() >= index.minScore() ? "answer" : "below threshold";
      out.printf("%6.2f  %-8s %-24s %s%n", h.score(), h.kind(), h.id(), verdict);
    }
    return Main.OK;
  }

  static int checkContent(Path dir, PrintStream out, PrintStream err) {
    String where = dir == null ? "the packaged bundle" : dir.toString();
    try {
      ContentBundle b = content(dir);
      out.printf(
          "%s is valid: %d mistakes, %d exercises, %d routines, %d guidance facts, %d questions.%n",
          where,
          b.mistakes().size(),
          b.exercises().size(),
          b.routines().size(),
          b.guidance().size(),
          b.onboarding().questions().size());
      return Main.OK;
    } catch (ContentException e) {
      for (Problem p : e.problems()) {
        out.println(p);
      }
      err.println(e.problems().size() + " problem(s) in " + where);
      return Main.FAILED;
    }
  }
}
