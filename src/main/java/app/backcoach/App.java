package app.backcoach;

import app.backcoach.chat.ChatService;
import app.backcoach.chat.UpdateInbox;
import app.backcoach.console.ConsoleChat;
import app.backcoach.content.ContentBundle;
import app.backcoach.content.ContentException;
import app.backcoach.content.ContentLoader;
import app.backcoach.content.ContentSource;
import app.backcoach.content.Msg;
import app.backcoach.content.Problem;
import app.backcoach.conversation.Engine;
import app.backcoach.delivery.Outbox;
import app.backcoach.delivery.SendLimits;
import app.backcoach.meaning.Embedder;
import app.backcoach.meaning.Meaning;
import app.backcoach.meaning.MiniLm;
import app.backcoach.meaning.VectorCache;
import app.backcoach.ops.Metrics;
import app.backcoach.ops.OpsServer;
import app.backcoach.ops.Probes;
import app.backcoach.reminders.LateReminders;
import app.backcoach.reminders.ReminderScheduler;
import app.backcoach.reminders.ReminderService;
import app.backcoach.reminders.ReminderStore;
import app.backcoach.safety.MeaningNet;
import app.backcoach.safety.RedFlagScreen;
import app.backcoach.safety.TwoNets;
import app.backcoach.search.ContentIndex;
import app.backcoach.search.EntryVectors;
import app.backcoach.search.HybridSearch;
import app.backcoach.storage.Database;
import app.backcoach.storage.DatabaseCopy;
import app.backcoach.storage.DatabaseException;
import app.backcoach.storage.ProcessLock;
import app.backcoach.storage.Quarantine;
import app.backcoach.storage.Tx;
import app.backcoach.telegram.TelegramBot;
import app.backcoach.telegram.TelegramSettings;
import app.backcoach.zones.MapZoneFinder;
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

  /**
   * How long after polling starts the sentence model begins loading: a restarted bot first works
   * through the backlog Telegram held for it, by words, without the model competing for the CPU.
   */
  static final Duration MODEL_DELAY = Duration.ofSeconds(10);

  /**
   * The conversation with its two ways of reading free text: words (Lucene, the lexical red-flag
   * screen) at once, and meaning (the sentence model) once it has loaded in the background.
   */
  static Engine engine(ContentBundle content, Config config, Meaning<Embedder> model) {
    if (!config.meaning()) {
      // Words only: about 100 MB less memory, for small hosts (docs/BENCHMARKS.md).
      return new Engine(
          content,
          HybridSearch.start(content, Meaning.none()),
          new TwoNets(RedFlagScreen.forBundle(content), Meaning.none()),
          new MapZoneFinder());
    }
    Path cacheDir = cacheDir(config);
    if (System.getenv("DJL_CACHE_DIR") == null && System.getProperty("DJL_CACHE_DIR") == null) {
      // The tokenizer unpacks its native library here instead of ~/.djl.ai, which the hardened
      // service and the container may not write.
      System.setProperty("DJL_CACHE_DIR", cacheDir.resolve("djl").toString());
    }
    VectorCache cache = new VectorCache(cacheDir);
    Meaning<MeaningNet> net =
        model.then("red-flag net", m -> MeaningNet.forBundle(content, m, cache));
    Meaning<EntryVectors> vectors =
        model.then("question vectors", m -> EntryVectors.build(content, m, cache));
    return new Engine(
        content,
        HybridSearch.start(content, vectors),
        new TwoNets(RedFlagScreen.forBundle(content), net),
        new MapZoneFinder());
  }

  /** The configured database: PostgreSQL when BACKCOACH_DATABASE_URL is set, else the file. */
  static Database openDatabase(Config config, Clock clock) {
    return config.databaseUrl() != null
        ? Database.connect(config.databaseUrl(), clock)
        : Database.open(config.database(), clock);
  }

  /** Where model files and bundle vectors are cached: a "cache" folder beside the database. */
  static Path cacheDir(Config config) {
    Path parent = config.database().toAbsolutePath().getParent();
    return (parent == null ? Path.of(".") : parent).resolve("cache");
  }

  static int chat(Config config, InputStream in, PrintStream out) {
    Clock clock = Clock.systemUTC();
    ContentBundle content = content(config.contentDir());
    try (Database db = openDatabase(config, clock);
        Database.Exclusive lock = db.exclusive()) {
      Meaning<Embedder> model = Meaning.later("sentence model", MiniLm::load);
      ChatService chat = new ChatService(db, engine(content, config, model), content, clock);
      if (config.meaning()) {
        model.begin();
      }
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
    log.info("startup: {}", app.backcoach.ops.BuildInfo.current());
    Clock clock = Clock.systemUTC();
    ContentBundle content = content(config.contentDir());
    Database db;
    try {
      db = openWhenWritable(config, clock);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Main.OK;
    }
    Database.Exclusive lock;
    try {
      // Before anything is taken from Telegram; held until the process exits. The shutdown hook
      // below closes it, which also keeps it reachable: a lock whose channel is garbage collected
      // is released (the second-instance drill caught exactly that).
      // SQLite: one process per file. PostgreSQL: several instances may share the database; each
      // chat is claimed per transaction and one instance plays each single role (storage/Lead).
      lock = config.databaseUrl() == null ? db.exclusive() : () -> {};
    } catch (ProcessLock.Held e) {
      db.close();
      throw e;
    }
    Meaning<Embedder> model = Meaning.later("sentence model", MiniLm::load);
    ChatService chat =
        new ChatService(db, engine(content, config, model), content, clock, config.adminIds());
    TelegramSettings settings = telegramSettings(config);
    TelegramBot bot;
    try {
      bot = new TelegramBot(settings, db, chat, content, clock, new LateReminders(content));
    } catch (IllegalStateException e) {
      // The webhook port is taken: one line, and no restart loop, as for the health port.
      err.println("backcoach: " + e.getMessage());
      db.close();
      lock.close();
      return Main.PORT_IN_USE;
    }
    ReminderService reminders = new ReminderService(db, content, clock, GRACE, bot.sender()::wake);
    ReminderScheduler scheduler = new ReminderScheduler(reminders, REMINDER_TICK);
    OpsServer ops;
    try {
      ops =
          config.httpPort() == null ? null : opsServer(config, settings, db, bot, reminders, clock);
    } catch (IllegalStateException e) {
      // The health port is taken (another bot, or another service): one line, and no restart loop.
      err.println("backcoach: " + e.getMessage());
      bot.close();
      db.close();
      lock.close();
      return Main.PORT_IN_USE;
    }
    java.util.concurrent.ScheduledExecutorService housekeeping = housekeeping(db, clock);
    CountDownLatch stopped = new CountDownLatch(1);
    java.util.concurrent.atomic.AtomicBoolean closed =
        new java.util.concurrent.atomic.AtomicBoolean();
    Runnable closeAll =
        () -> {
          if (closed.compareAndSet(false, true)) {
            if (ops != null) {
              ops.close();
            }
            housekeeping.shutdownNow();
            scheduler.close();
            bot.close();
            db.close();
            lock.close();
          }
          stopped.countDown();
        };
    Runtime.getRuntime().addShutdownHook(new Thread(closeAll, "shutdown"));
    // Another process polling this token: one line and a distinct exit code, no restart loop.
    bot.fatal().thenRun(stopped::countDown);
    try {
      bot.start();
      scheduler.start();
      if (ops != null) {
        ops.start();
      }
      if (config.meaning()) {
        // Updates first: messages before the model is ready are read by words, red flags included.
        model.beginAfter(MODEL_DELAY);
      }
      stopped.await();
      if (bot.fatal().isDone() && !closed.get()) {
        err.println("backcoach: " + bot.fatal().join());
        closeAll.run();
        return Main.CONFLICT;
      }
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
          Database db = openDatabase(config, clock);
          if (problem.get() != null) {
            log.info("startup: database {} accepts writes again", config.database());
          }
          return db;
        } catch (DatabaseException e) {
          if (e.corrupt()) {
            throw e; // waiting would not mend it: one line and a distinct exit code
          }
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
                        Probes.waitingForDatabase(problem::get),
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
                reminders.counters().get(2))
            .counter(
                "backcoach_updates_quarantined",
                "Updates set aside after failing repeatedly",
                bot.processor().quarantinedCounter())
            .counter(
                "backcoach_updates_retried",
                "Failed update attempts retried",
                bot.processor().retriedCounter())
            .counter(
                "backcoach_reminders_quarantined",
                "Reminders set aside because they cannot be sent",
                reminders.counters().get(3))
            .stalls(db, clock, bot::threadProblem);
    Probes probes = bot.probes();
    return new OpsServer(config.httpHost(), config.httpPort(), probes, metrics.registry());
  }

  /**
   * Each feature's hourly housekeeping, on one daemon thread; a failure waits for the next hour.
   */
  static java.util.concurrent.ScheduledExecutorService housekeeping(Database db, Clock clock) {
    var exec =
        java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "housekeeping");
              t.setDaemon(true);
              return t;
            });
    java.util.List<java.util.Map.Entry<String, Runnable>> jobs =
        java.util.List.of(
            java.util.Map.entry("updates", () -> UpdateInbox.purge(db, clock)),
            java.util.Map.entry("outbox", () -> Outbox.purge(db, clock)));
    // With several instances on one PostgreSQL database, one of them purges.
    app.backcoach.storage.Lead lead = db.lead("housekeeping");
    exec.scheduleWithFixedDelay(
        () -> {
          if (!lead.held()) {
            return;
          }
          for (var job : jobs) {
            try {
              job.getValue().run();
            } catch (RuntimeException e) {
              log.warn("housekeeping: purging old {} failed: {}", job.getKey(), e.getMessage());
            }
          }
        },
        1,
        60,
        java.util.concurrent.TimeUnit.MINUTES);
    return exec;
  }

  /** Hands a quarantined item back to the feature that owns it. */
  private static String replay(Tx tx, Quarantine.Taken t, Clock clock) {
    return switch (t.kind()) {
      case UPDATE ->
          new UpdateInbox().replay(tx, t.itemId(), t.chatId(), t.body(), clock.instant());
      case OUTBOX -> new Outbox().replay(tx, t.itemId(), t.chatId(), t.body(), clock.instant());
      case REMINDER -> new ReminderStore().replay(tx, t.itemId(), clock.instant());
    };
  }

  /** Writes a consistent copy of the live database; the bot may keep running. */
  static int backup(Config config, Path target, PrintStream out) {
    if (config.databaseUrl() == null && !Files.isRegularFile(config.database())) {
      // Opening it would create an empty database and back that up: a mistyped --db must fail.
      throw new DatabaseException(
          "no database at " + config.database().toAbsolutePath() + " to back up", null);
    }
    int quarantined;
    try (Database db = openDatabase(config, Clock.systemUTC())) {
      db.backup(target);
      quarantined = db.read(tx -> new Quarantine().openCount(tx));
    }
    out.println(
        "backed up " + config.database().toAbsolutePath() + " to " + target.toAbsolutePath());
    if (quarantined > 0) {
      out.println(
          quarantined
              + " item(s) are in quarantine (set aside after failing); 'quarantine list' shows them");
    }
    return Main.OK;
  }

  /**
   * Copies the SQLite file into the empty PostgreSQL database, with both held so no bot writes to
   * either meanwhile.
   */
  static int copyToPostgres(Config config, PrintStream out) {
    if (config.databaseUrl() == null) {
      throw new Config.ConfigException(
          "copy-to-postgres needs " + Config.DATABASE_URL + " (the PostgreSQL database to fill)");
    }
    if (!Files.isRegularFile(config.database())) {
      throw new DatabaseException(
          "no SQLite database at " + config.database().toAbsolutePath() + " to copy", null);
    }
    Clock clock = Clock.systemUTC();
    try (Database from = Database.open(config.database(), clock);
        Database.Exclusive fromHeld = from.exclusive();
        Database to = Database.connect(config.databaseUrl(), clock);
        Database.Exclusive toHeld = to.exclusive()) {
      DatabaseCopy.Copied copied = DatabaseCopy.copy(from, to);
      for (int i = 0; i < copied.tables().size(); i++) {
        out.printf("%-17s %,d rows%n", copied.tables().get(i), copied.rows().get(i));
      }
      out.printf(
          "copied %,d rows from %s; set %s for the bot from now on%n",
          copied.total(), config.database().toAbsolutePath(), Config.DATABASE_URL);
    }
    return Main.OK;
  }

  /**
   * Lists the quarantine, shows one entry, or replays one. Replaying takes the process lock, so the
   * bot must be stopped: the item is then handled by the next start.
   */
  static int quarantine(Config config, String action, long id, PrintStream out) {
    if (config.databaseUrl() == null && !Files.isRegularFile(config.database())) {
      throw new DatabaseException("no database at " + config.database().toAbsolutePath(), null);
    }
    Clock clock = Clock.systemUTC();
    try (Database db = openDatabase(config, clock)) {
      Quarantine q = new Quarantine();
      switch (action) {
        case "list" -> {
          var open = db.read(q::open);
          if (open.isEmpty()) {
            out.println("the quarantine is empty");
          }
          for (var e : open) {
            out.printf(
                "%d  %s  %s %d  chat %s  %s%n",
                e.id(),
                e.quarantinedAt(),
                e.kind().name().toLowerCase(java.util.Locale.ROOT),
                e.itemId(),
                e.chatId(),
                e.reason());
          }
        }
        case "show" -> {
          String text = db.read(tx -> q.describe(tx, id));
          if (text == null) {
            throw new IllegalArgumentException("no quarantine entry " + id);
          }
          out.println(text);
        }
        default -> {
          try (Database.Exclusive lock = db.exclusive()) {
            String done = db.write(tx -> replay(tx, q.take(tx, id, clock.instant()), clock));
            out.println(done);
          }
        }
      }
    }
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
            new SendLimits(c.ratePerSecond(), burst, c.ratePerChat(), 3, 8)
                .withPaid(c.paidBroadcast()))
        .withWebhook(c.webhook());
  }

  /**
   * Prints what the screen and the search make of a question, with both scores and the fused rank,
   * for content authors tuning the bundle. Waits for the model (a few seconds on a first run).
   */
  static int ask(Config config, String question, PrintStream out) {
    ContentBundle content = content(config.contentDir());
    Embedder model = MiniLm.load();
    VectorCache cache = new VectorCache(cacheDir(config));
    MeaningNet net = MeaningNet.forBundle(content, model, cache);
    var screening = new TwoNets(RedFlagScreen.forBundle(content), Meaning.of(net)).screen(question);
    for (var f : screening.findings()) {
      String how = f.byMeaning() ? "by meaning" : "by words";
      out.println(
          f.raised()
              ? "red flag "
                  + f.concept()
                  + " ("
                  + f.urgency().name().toLowerCase(java.util.Locale.ROOT)
                  + ", "
                  + how
                  + ", on \""
                  + f.evidence()
                  + "\"): the referral comes first, no exercise advice"
              : "mentions "
                  + f.concept()
                  + " "
                  + how
                  + " on \""
                  + f.evidence()
                  + "\", cleared: "
                  + f.clearedBy());
    }
    ContentIndex index = ContentIndex.build(content);
    HybridSearch search =
        new HybridSearch(index, Meaning.of(EntryVectors.build(content, model, cache)));
    var scored = search.scored(question);
    if (scored.isEmpty()) {
      out.println("no entry matches at all");
      return Main.OK;
    }
    out.println(
        search.answers(scored)
            ? "answered (lexical needs "
                + index.minScore()
                + ", meaning needs the cosine thresholds in docs/SEARCH.md)"
            : "no good answer: the bot says so and offers its topics");
    out.println(" rank   fused  lexical  cosine  entry");
    for (int r = 0; r < Math.min(5, scored.size()); r++) {
      var h = scored.get(r);
      out.printf(
          "%5d  %6.4f  %7.2f  %6.3f  %s %s%n",
          r + 1, h.fused(), h.lexical(), h.cosine(), h.kind(), h.id());
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
