package app.backcoach.bench;

import app.backcoach.ConsoleScript;
import app.backcoach.TestContent;
import app.backcoach.chat.ChatService;
import app.backcoach.content.ContentBundle;
import app.backcoach.conversation.Engine;
import app.backcoach.delivery.SendLimits;
import app.backcoach.search.ContentIndex;
import app.backcoach.storage.Database;
import app.backcoach.telegram.FakeBotApi;
import app.backcoach.telegram.TelegramBot;
import app.backcoach.telegram.TelegramSettings;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.locks.LockSupport;
import okhttp3.OkHttpClient;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;
import org.telegram.telegrambots.longpolling.TelegramBotsLongPollingApplication;
import org.telegram.telegrambots.longpolling.util.ExponentialBackOff;
import org.telegram.telegrambots.longpolling.util.LongPollingSingleThreadUpdateConsumer;
import org.telegram.telegrambots.meta.TelegramUrl;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.methods.updates.GetUpdates;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;

/**
 * Benchmark 1: transport overhead. Simulated users type their way through onboarding ({@code
 * /start}, {@code yes}, then the desk worker's answers) against the fake Bot API on loopback, once
 * with the real {@link TelegramBot} (poller, durable inbox, processor, outbox, sender, temp-file
 * SQLite) and once with a bare echo bot on the same library (TelegramBotsLongPollingApplication,
 * the library's LongPollingSingleThreadUpdateConsumer and OkHttpTelegramClient, one sendMessage per
 * update). Time runs from the first update offered until every chat has received every reply (the
 * fake server's receive time of the last reply); updates/s = updates / that time.
 *
 * <p>Two load shapes: {@code users} (closed loop: each user sends its next answer when the replies
 * to the previous one have arrived) and {@code backlog} (every update of every user offered at
 * once). Backcoach's sender limits are raised far above the load so pacing is not what is measured.
 * Usage: TransportBench [chats] [rounds] [users,backlog] (default 300 3 users,backlog).
 */
public final class TransportBench {
  private static final Duration POLL = Duration.ofSeconds(10);

  /** Far above the load: the transport, engine and storage are measured, not the pacing. */
  static final SendLimits UNLIMITED = new SendLimits(1_000_000, 10_000, 100_000, 10_000, 8);

  enum Mode {
    USERS,
    BACKLOG
  }

  /**
   * Full-size rounds of each bot and shape run before the measured ones ({@code -Dwarmup=N}). With
   * 3, the JIT compiler still used 0.7 s of CPU in each measured backcoach round of about 1.3 s
   * (0.26 s in the echo bot's); with 10, at most 0.1 s in either.
   */
  static final int WARM_UP_ROUNDS = Integer.getInteger("warmup", 10);

  static String label(Mode mode) {
    return mode.name().toLowerCase(Locale.ROOT);
  }

  /** One bot under test, started against a fake server. */
  interface Bot extends AutoCloseable {
    @Override
    void close();
  }

  interface BotFactory {
    Bot start(FakeBotApi api) throws Exception;
  }

  record Run(int updates, int replies, double seconds, long[] latencies, String cpu) {
    double perSecond() {
      return updates / seconds;
    }

    String line(String label) {
      return String.format(
          Locale.ROOT,
          "%-24s %6d updates, %6d replies in %6.2f s = %7.0f updates/s; reply latency p50 %s ms, p99 %s ms%n    %s",
          label,
          updates,
          replies,
          seconds,
          perSecond(),
          latencies == null ? "-" : fmt(Stats.percentileMillis(latencies, 0.5)),
          latencies == null ? "-" : fmt(Stats.percentileMillis(latencies, 0.99)),
          cpu);
    }
  }

  public static void main(String[] args) throws Exception {
    // The JDK's HttpServer (under FakeBotApi) writes response headers and body separately without
    // TCP_NODELAY: Nagle plus the client's delayed ACK then cost 40 ms per request, which would
    // measure the fake, not the bots. Telegram's servers do not behave like that.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    int chats = args.length > 0 ? Integer.parseInt(args[0]) : 300;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    List<Mode> modes = new ArrayList<>();
    for (String m : (args.length > 2 ? args[2] : "users,backlog").split(",")) {
      modes.add(Mode.valueOf(m.trim().toUpperCase(Locale.ROOT)));
    }
    List<String> script = script();
    ContentBundle content = TestContent.bundle();
    ContentIndex index = ContentIndex.build(content);
    Path dir = Files.createTempDirectory("transport-bench");
    int[] dbs = {0};
    BotFactory backcoach =
        api -> new Backcoach(api, dir.resolve("bot-" + dbs[0]++ + ".db"), content, index);
    BotFactory echo = api -> new EchoBot(api, null);

    int[] bcSteps = calibrate(dir.resolve("calibrate.db"), content, index, script);
    int[] echoSteps = new int[script.size()];
    Arrays.fill(echoSteps, 1);
    BotFactory matched = api -> new EchoBot(api, bcSteps);
    System.out.printf(
        "script: %d updates per chat; backcoach answers with %d deliveries per chat %s, the echo bot with %d%n",
        script.size(), Arrays.stream(bcSteps).sum(), Arrays.toString(bcSteps), script.size());

    System.out.println(
        "backcoach send limits raised far above the load (not the bottleneck): " + UNLIMITED);

    // Warm-up: full-size rounds of every bot, so the JIT has compiled what the measured rounds run
    // (the compiler's CPU is printed per round: after a single 100-chat warm-up it still used 1 to
    // 1.4 s of CPU in each measured round of either bot; see WARM_UP_ROUNDS).
    for (int w = 0; w < WARM_UP_ROUNDS; w++) {
      for (Mode mode : modes) {
        long base = 10_000_000L + w * 1_000_000L;
        System.out.println(
            run(echo, script, echoSteps, chats, mode, base).line("warm-up echo " + label(mode)));
        System.out.println(
            run(matched, script, bcSteps, chats, mode, base + 250_000)
                .line("warm-up echo-matched " + label(mode)));
        System.out.println(
            run(backcoach, script, bcSteps, chats, mode, base + 500_000)
                .line("warm-up backcoach " + label(mode)));
      }
    }
    for (Mode mode : modes) {
      double[] e = new double[rounds];
      double[] m = new double[rounds];
      double[] b = new double[rounds];
      for (int r = 0; r < rounds; r++) {
        long base = 20_000_000L + r * 1_000_000L + mode.ordinal() * 100_000_000L;
        Run er = run(echo, script, echoSteps, chats, mode, base);
        Run mr = run(matched, script, bcSteps, chats, mode, base + 250_000);
        Run br = run(backcoach, script, bcSteps, chats, mode, base + 500_000);
        System.out.println(er.line("echo " + label(mode)));
        System.out.println(mr.line("echo-matched " + label(mode)));
        System.out.println(br.line("backcoach " + label(mode)));
        e[r] = er.perSecond();
        m[r] = mr.perSecond();
        b[r] = br.perSecond();
      }
      double em = median(e);
      double mm = median(m);
      double bm = median(b);
      double ratio = bm / em;
      double matchedRatio = bm / mm;
      String name = mode.name().toLowerCase(Locale.ROOT);
      System.out.printf(
          Locale.ROOT,
          "%s, %d chats, median of %d: echo %.0f updates/s, echo-matched %.0f updates/s,"
              + " backcoach %.0f updates/s; ratio %.2f (to echo), %.2f (to echo-matched)%n",
          name,
          chats,
          rounds,
          em,
          mm,
          bm,
          ratio,
          matchedRatio);
      String shape = mode == Mode.USERS ? "users answering" : "backlog";
      Results.line("transport (" + shape + "): echo bot", fmt0(em) + " updates/s", "-", null);
      Results.line(
          "transport (" + shape + "): echo bot sending backcoach's messages",
          fmt0(mm) + " updates/s",
          "-",
          null);
      Results.line("transport (" + shape + "): backcoach", fmt0(bm) + " updates/s", "-", null);
      Results.line(
          "transport (" + shape + "): backcoach / echo",
          String.format(Locale.ROOT, "%.2f", ratio),
          "at least 0.90",
          ratio >= 0.9);
      Results.line(
          "transport (" + shape + "): backcoach / echo sending the same messages",
          String.format(Locale.ROOT, "%.2f", matchedRatio),
          "at least 0.90",
          matchedRatio >= 0.9);
    }
    Stats.deleteTree(dir);
    System.exit(0);
  }

  static List<String> script() {
    List<String> s = new ArrayList<>();
    s.add("/start");
    s.add("yes");
    s.addAll(List.of(ConsoleScript.DESK_WORKER));
    return s;
  }

  /**
   * One chat walks the script one update at a time against a fresh backcoach, waiting for it to go
   * idle after each (update applied, outbox empty): the number of deliveries each update causes.
   */
  static int[] calibrate(Path file, ContentBundle content, ContentIndex index, List<String> script)
      throws Exception {
    int[] steps = new int[script.size()];
    long chat = 1;
    try (FakeBotApi api = FakeBotApi.start();
        Backcoach bot = new Backcoach(api, file, content, index)) {
      int seen = 0;
      for (int i = 0; i < script.size(); i++) {
        offer(api, chat, script.get(i));
        if (!api.await(() -> bot.idle(api), Duration.ofSeconds(30))) {
          throw new IllegalStateException("backcoach did not settle after " + script.get(i));
        }
        int count = replies(api.calls(), chat);
        steps[i] = count - seen;
        seen = count;
      }
    }
    return steps;
  }

  private static int replies(List<FakeBotApi.Call> calls, long chat) {
    int n = 0;
    for (FakeBotApi.Call c : calls) {
      if (isReply(c) && c.params().path("chat_id").asLong() == chat) {
        n++;
      }
    }
    return n;
  }

  /** A successful request that the user sees: a new message, an edit, a deletion. */
  static boolean isReply(FakeBotApi.Call c) {
    String m = c.method();
    return c.status() == 200
        && (m.startsWith("send") || m.startsWith("edit") || m.equals("deletemessage"));
  }

  static void offer(FakeBotApi api, long chat, String text) {
    if (text.startsWith("/")) {
      api.userSendsCommand(chat, text);
    } else {
      api.userSends(chat, text);
    }
  }

  /**
   * Runs {@code chats} users through the script against a fresh fake server and a freshly started
   * bot; returns when every chat has every reply.
   */
  static Run run(
      BotFactory factory, List<String> script, int[] steps, int chats, Mode mode, long firstChat)
      throws Exception {
    int n = script.size();
    int[] cumulative = new int[n];
    for (int i = 0, sum = 0; i < n; i++) {
      sum += steps[i];
      cumulative[i] = sum;
    }
    int perChat = cumulative[n - 1];
    try (FakeBotApi api = FakeBotApi.start();
        Bot bot = factory.start(api)) {
      // Let the bot settle (registration, first long poll waiting, command menu) before the clock
      // starts. A long poll is only recorded once answered, so wait for deleteWebhook instead.
      api.await(() -> !api.calls("deletewebhook").isEmpty(), Duration.ofSeconds(10));
      Thread.sleep(300);
      int[] step = new int[chats];
      int[] got = new int[chats];
      long[] offeredAt = new long[chats * n];
      long[] latencies = mode == Mode.USERS ? new long[chats * n] : null;
      CpuByThread cpu = new CpuByThread();
      long start = System.currentTimeMillis();
      if (mode == Mode.BACKLOG) {
        for (int s = 0; s < n; s++) {
          for (int c = 0; c < chats; c++) {
            offer(api, firstChat + c, script.get(s));
          }
        }
      } else {
        for (int c = 0; c < chats; c++) {
          offeredAt[c * n] = System.currentTimeMillis();
          offer(api, firstChat + c, script.get(0));
        }
      }
      int done = 0;
      int seen = 0;
      int replies = 0;
      long last = start;
      long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
      while (done < chats) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "timed out: " + done + " of " + chats + " chats finished, " + replies + " replies");
        }
        List<FakeBotApi.Call> calls = api.callsFrom(seen);
        for (int i = 0; i < calls.size(); i++, seen++) {
          FakeBotApi.Call call = calls.get(i);
          if (!isReply(call)) {
            continue;
          }
          int c = (int) (call.params().path("chat_id").asLong() - firstChat);
          if (c < 0 || c >= chats) {
            continue;
          }
          replies++;
          got[c]++;
          last = Math.max(last, call.atMillis());
          if (mode == Mode.BACKLOG) {
            if (got[c] == perChat) {
              done++;
            }
            continue;
          }
          while (step[c] < n && got[c] >= cumulative[step[c]]) {
            latencies[c * n + step[c]] =
                (call.atMillis() - offeredAt[c * n + step[c]]) * 1_000_000L;
            step[c]++;
            if (step[c] < n) {
              offeredAt[c * n + step[c]] = System.currentTimeMillis();
              offer(api, firstChat + c, script.get(step[c]));
            } else {
              done++;
            }
          }
        }
        LockSupport.parkNanos(500_000);
      }
      double seconds = Math.max(1, last - start) / 1000.0;
      return new Run(chats * n, replies, seconds, latencies, cpu.summary());
    }
  }

  /** The real bot, as {@code App.bot} wires it, on a temp-file database. */
  static final class Backcoach implements Bot {
    private final Database db;
    private final TelegramBot bot;

    Backcoach(FakeBotApi api, Path file, ContentBundle content, ContentIndex index) {
      Clock clock = Clock.systemUTC();
      db = Results.open(file, clock);
      ChatService chat = new ChatService(db, new Engine(content, index), content, clock);
      TelegramSettings settings =
          new TelegramSettings(FakeBotApi.TOKEN, URI.create(api.url()), POLL, UNLIMITED);
      bot = new TelegramBot(settings, db, chat, content, clock).start();
    }

    /** Every update confirmed and applied, nothing left in the outbox. */
    boolean idle(FakeBotApi api) {
      return api.pendingUpdates() == 0
          && db.read(
                  tx ->
                      tx.count("SELECT COUNT(*) FROM updates WHERE applied_at IS NULL")
                          + tx.count(
                              "SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL AND dropped_at IS NULL"))
              == 0;
    }

    @Override
    public void close() {
      bot.close();
      db.close();
    }
  }

  /**
   * The bare echo bot: the library's long-polling application and single-thread consumer, one
   * sendMessage per update through OkHttpTelegramClient; or, given {@code perStep}, as many
   * sendMessages for a chat's n-th update as backcoach sends for it (the same messages on the
   * wire).
   */
  static final class EchoBot implements Bot {
    private final OkHttpClient pollHttp = new OkHttpClient.Builder().build();
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor();
    private final TelegramBotsLongPollingApplication app;

    /** Updates seen per chat (the consumer is single-threaded). */
    private final java.util.Map<Long, Integer> seen = new java.util.HashMap<>();

    EchoBot(FakeBotApi api, int[] perStep) throws TelegramApiException {
      TelegramUrl url = new TelegramUrl("http", "127.0.0.1", api.port(), false);
      OkHttpTelegramClient client = new OkHttpTelegramClient(FakeBotApi.TOKEN, url);
      app =
          new TelegramBotsLongPollingApplication(
              ObjectMapper::new, () -> pollHttp, () -> poller, ExponentialBackOff::new);
      var session =
          app.registerBot(
              FakeBotApi.TOKEN,
              () -> url,
              last ->
                  GetUpdates.builder()
                      .offset(last + 1)
                      .limit(100)
                      .timeout((int) POLL.toSeconds())
                      .build(),
              (LongPollingSingleThreadUpdateConsumer)
                  (Update update) -> {
                    if (update.hasMessage() && update.getMessage().hasText()) {
                      try {
                        long chat = update.getMessage().getChatId();
                        int n = seen.merge(chat, 1, Integer::sum) - 1;
                        int messages =
                            perStep == null ? 1 : perStep[Math.min(n, perStep.length - 1)];
                        for (int i = 0; i < messages; i++) {
                          client.execute(
                              new SendMessage(Long.toString(chat), update.getMessage().getText()));
                        }
                      } catch (TelegramApiException e) {
                        System.err.println("echo: " + e.getMessage());
                      }
                    }
                  });
      if (!session.isRunning()) {
        app.start();
      }
    }

    @Override
    public void close() {
      try {
        app.unregisterBot(FakeBotApi.TOKEN);
        app.close();
      } catch (Exception e) {
        System.err.println("echo: closing: " + e);
      }
      poller.shutdownNow();
      pollHttp.dispatcher().executorService().shutdownNow();
    }
  }

  static double median(double[] values) {
    double[] s = values.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }

  static String fmt(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }

  static String fmt0(double v) {
    return String.format(Locale.ROOT, "%,.0f", v);
  }
}
