package app.backcoach.bench;

import app.backcoach.TestContent;
import app.backcoach.chat.ChatService;
import app.backcoach.conversation.Engine;
import app.backcoach.conversation.Event;
import app.backcoach.storage.Database;
import app.backcoach.telegram.FakeBotApi;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Benchmark 4: start-up time and idle footprint of the bot as a child JVM ({@code Main bot})
 * against the fake Bot API. Start-up is the time from launching the process to the first getUpdates
 * the fake receives; idle RSS is VmRSS from /proc after 10 s of idling. Measured with an empty
 * database (created by the bot) and with one holding N users, each a copy of a real onboarded user
 * (profile, answers, plan, accepted reminders, none due); with plain {@code java}, as deployed (the
 * flags of {@code deploy/jvm.options} and the AppCDS archive {@code deploy/cds-archive} makes), and
 * as deployed plus C1 only.
 *
 * <p>Usage: StartupBench [users] [jar] [runs] (default 100000 target/backcoach.jar 3). With a jar
 * that does not exist the test classpath is used and the AppCDS configuration is skipped (CDS does
 * not archive classes from directories).
 */
public final class StartupBench {
  static final Duration IDLE = Duration.ofSeconds(10);

  /** The deployment's JVM flags, read by {@code java @deploy/jvm.options}. */
  static final Path OPTIONS = Path.of("deploy/jvm.options");

  /** The deployment's script that makes the AppCDS archive. */
  static final Path CDS_ARCHIVE = Path.of("deploy/cds-archive");

  /** Only the C1 compiler: faster start-up, slower peak throughput. */
  static final String C1_ONLY = "-XX:TieredStopAtLevel=1";

  record Launch(
      long firstPollMillis,
      long registeredMillis,
      long rssMb,
      long peakRssMb,
      long afterLookupMb) {}

  record Config(String name, List<String> flags, Map<String, String> env) {
    Config(String name, List<String> flags) {
      this(name, flags, Map.of());
    }
  }

  public static void main(String[] args) throws Exception {
    int users = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    Path jar = Path.of(args.length > 1 ? args[1] : "target/backcoach.jar");
    int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    Path dir = Files.createTempDirectory("startup-bench");
    boolean useJar = Files.isRegularFile(jar);
    List<String> target =
        useJar
            ? List.of("-jar", jar.toAbsolutePath().toString())
            : List.of("-cp", System.getProperty("java.class.path"), "app.backcoach.Main");

    Path full = dir.resolve("users.db");
    long p0 = System.nanoTime();
    populate(full, users);
    System.out.printf(
        "database with %,d onboarded users (profile, answers, plan, reminders; none due): %d MB, made in %.1f s%n",
        users, Files.size(full) / (1024 * 1024), (System.nanoTime() - p0) / 1e9);

    List<Config> configs = new ArrayList<>();
    configs.add(new Config("java defaults", List.of()));
    List<String> deployed = new ArrayList<>();
    deployed.add("@" + OPTIONS.toAbsolutePath());
    if (useJar) {
      Path archive = dir.resolve("backcoach.jsa");
      archive(jar, archive);
      deployed.add("-XX:SharedArchiveFile=" + archive);
      System.out.printf(
          "AppCDS archive from deploy/cds-archive: %d MB%n", Files.size(archive) / (1024 * 1024));
    } else {
      System.out.println("no jar at " + jar + ": test classpath, AppCDS skipped");
    }
    configs.add(new Config("deployed", deployed));
    List<String> c1 = new ArrayList<>(deployed);
    c1.add(C1_ONLY);
    configs.add(new Config("deployed + C1 only", c1));
    configs.add(new Config("deployed, words only", deployed, Map.of("BACKCOACH_MEANING", "off")));
    for (Config c : configs) {
      System.out.println(
          c.name() + ": " + (c.flags().isEmpty() ? "(none)" : String.join(" ", c.flags())));
    }

    for (Config config : configs) {
      for (boolean populated : new boolean[] {false, true}) {
        String db = populated ? String.format(Locale.ROOT, "%,d users", users) : "empty database";
        List<Launch> launches = new ArrayList<>();
        for (int r = 0; r < runs; r++) {
          Path file = populated ? full : dir.resolve("empty-" + config.name().length() + r + ".db");
          launches.add(launch(dir, target, config, file));
        }
        long start = median(launches.stream().mapToLong(Launch::firstPollMillis).toArray());
        long rss = median(launches.stream().mapToLong(Launch::rssMb).toArray());
        long peak = median(launches.stream().mapToLong(Launch::peakRssMb).toArray());
        long lookup = median(launches.stream().mapToLong(Launch::afterLookupMb).toArray());
        System.out.printf(
            "%-22s %-16s start-up to first getUpdates %5d ms (runs: %s), idle RSS %3d MB (peak %d"
                + " MB), idle RSS after a shared location's zone lookup %3d MB%n",
            config.name(),
            db,
            start,
            Arrays.toString(launches.stream().mapToLong(Launch::firstPollMillis).toArray()),
            rss,
            peak,
            lookup);
        Results.line(
            "idle RSS after a location's zone lookup, " + config.name() + ", " + db,
            lookup + " MB",
            "under 150 MB",
            lookup < 150);
        Results.line(
            "start-up, " + config.name() + ", " + db,
            String.format(Locale.ROOT, "%,d ms", start),
            "under 1,500 ms",
            start < 1_500);
        Results.line(
            "idle RSS, " + config.name() + ", " + db, rss + " MB", "under 150 MB", rss < 150);
      }
    }
    Stats.deleteTree(dir);
    System.exit(0);
  }

  /**
   * Makes the AppCDS archive the way a deployment does: {@code deploy/cds-archive JAR ARCHIVE
   * OPTIONS}, with this JVM's java.
   */
  static void archive(Path jar, Path archive) throws Exception {
    ProcessBuilder pb =
        new ProcessBuilder(
                "sh",
                CDS_ARCHIVE.toString(),
                jar.toAbsolutePath().toString(),
                archive.toString(),
                OPTIONS.toString())
            .redirectErrorStream(true)
            .inheritIO();
    pb.environment()
        .put("JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
    Process p = pb.start();
    if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IllegalStateException(CDS_ARCHIVE + " failed; its output is above");
    }
  }

  static Launch launch(Path dir, List<String> target, Config config, Path db) throws Exception {
    List<String> flags = config.flags();
    try (FakeBotApi api = FakeBotApi.start()) {
      List<String> cmd = new ArrayList<>();
      cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      cmd.addAll(flags);
      cmd.addAll(target);
      cmd.add("bot");
      ProcessBuilder pb = new ProcessBuilder(cmd);
      Map<String, String> env = pb.environment();
      env.put("TELEGRAM_BOT_TOKEN", FakeBotApi.TOKEN);
      env.put("TELEGRAM_API_URL", api.url());
      env.put("BACKCOACH_DB", db.toString());
      env.put("BACKCOACH_POLL_TIMEOUT", "1");
      env.remove("BACKCOACH_CONTENT_DIR");
      env.remove("BACKCOACH_HTTP_PORT");
      env.remove("JAVA_TOOL_OPTIONS");
      env.remove("BACKCOACH_MEANING");
      env.putAll(config.env());
      pb.redirectErrorStream(true);
      File log = dir.resolve("bot.log").toFile();
      pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log));
      long t0 = System.currentTimeMillis();
      Process bot = pb.start();
      try {
        if (!api.await(() -> !api.calls("getupdates").isEmpty(), Duration.ofSeconds(60))) {
          throw new IllegalStateException("no getUpdates within 60 s; see " + log);
        }
        long firstPoll = api.calls("getupdates").get(0).atMillis() - t0;
        long registered = api.calls("deletewebhook").get(0).atMillis() - t0;
        Thread.sleep(IDLE.toMillis());
        long rss = Stats.rssMb(bot.pid());
        long peak = Stats.peakRssMb(bot.pid());
        shareLocation(api);
        Thread.sleep(IDLE.toMillis());
        return new Launch(firstPoll, registered, rss, peak, Stats.rssMb(bot.pid()));
      } finally {
        bot.destroy(); // SIGTERM: a graceful stop
        if (!bot.waitFor(30, TimeUnit.SECONDS)) {
          bot.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
      }
    }
  }

  /** A new user walks to the time zone question and shares a location in Madrid. */
  static void shareLocation(FakeBotApi api) {
    long chat = 9_000_000L + (System.nanoTime() & 0xFFFFF); // a new user in a reused database
    // Telegram never repeats an update id; a fake numbering from 1 again would be deduplicated.
    api.updateIdsFrom((int) (System.currentTimeMillis() / 1000 % 1_000_000_000));
    await(api, chat, "store your answers", () -> api.userSendsCommand(chat, "/start"));
    FakeBotApi.Sent consent = api.lastSent(chat);
    await(
        api,
        chat,
        "Question 1 of",
        () ->
            api.userTaps(chat, consent.messageId(), consent.callbackData("Yes, store my answers")));
    for (String answer : List.of("I work at a desk", "about 9 hours", "0")) {
      int before = api.sent(chat).size();
      api.userSends(chat, answer);
      api.await(() -> api.sent(chat).size() > before, Duration.ofSeconds(30));
    }
    await(api, chat, "your time zone is", () -> api.userSharesLocation(chat, 40.4168, -3.7038));
  }

  private static void await(FakeBotApi api, long chat, String text, Runnable action) {
    action.run();
    if (!api.await(
        () -> api.sent(chat).stream().anyMatch(m -> m.text().contains(text)),
        Duration.ofSeconds(30))) {
      throw new IllegalStateException("no \"" + text + "\" in chat " + chat);
    }
  }

  /**
   * A database of {@code users} users, each a copy of one user who went through the whole
   * onboarding in-process (profile, answers, plan, accepted reminders), with every reminder due
   * tomorrow.
   */
  static void populate(Path file, int users) {
    try (Database db = Database.open(file, Clock.systemUTC())) {
      populate(users, db);
    }
  }

  /** {@link #populate(Path, int)} into an open database. */
  static void populate(int users, Database db) {
    var content = TestContent.bundle();
    Clock clock = Clock.systemUTC();
    ChatService chat = new ChatService(db, new Engine(content), content, clock);
    for (Event e : QuestionsBench.onboardingScript()) {
      chat.handle(1, e);
    }
    long tomorrow = clock.millis() + Duration.ofDays(1).toMillis();
    db.write(
        tx -> {
          int reminders = tx.count("SELECT COUNT(*) FROM reminders WHERE chat_id = 1");
          if (reminders == 0 || tx.count("SELECT COUNT(*) FROM plans WHERE chat_id = 1") == 0) {
            throw new IllegalStateException("the template user has no plan or no reminders");
          }
          tx.update("DELETE FROM outbox");
          tx.update("UPDATE reminders SET next_due_at = ?", tomorrow);
          for (String table :
              List.of("users", "conversations", "answers", "plans", "plan_sections", "reminders")) {
            List<String> columns = app.backcoach.TestDatabases.columns(tx, table);
            List<String> copied = new ArrayList<>();
            List<String> values = new ArrayList<>();
            for (String c : columns) {
              if (table.equals("reminders") && c.equals("id") || c.equals("seq")) {
                continue; // a new id for each copy (seq: PostgreSQL's insertion order of answers)
              }
              copied.add(c);
              values.add(c.equals("chat_id") ? "n.i" : "t." + c);
            }
            tx.update(
                "WITH RECURSIVE n(i) AS (SELECT 2 UNION ALL SELECT i + 1 FROM n WHERE i < ?) INSERT INTO "
                    + table
                    + " ("
                    + String.join(", ", copied)
                    + ") SELECT "
                    + String.join(", ", values)
                    + " FROM n, "
                    + table
                    + " t WHERE t.chat_id = 1",
                users);
          }
          return null;
        });
  }

  static long median(long[] values) {
    long[] s = values.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }
}
