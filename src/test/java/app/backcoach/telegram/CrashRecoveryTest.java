package app.backcoach.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.backcoach.TestContent;
import app.backcoach.chat.UserRepository;
import app.backcoach.conversation.Engine;
import app.backcoach.conversation.Inputs;
import app.backcoach.conversation.Stage;
import app.backcoach.conversation.UserState;
import app.backcoach.storage.Database;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills the bot (a child JVM) with SIGKILL in the middle of conversations, restarts it, and checks
 * that every update was applied exactly once and every decided reply was delivered.
 */
class CrashRecoveryTest {
  private static final int CHATS = 10;
  private static final int KILLS = 10;
  @TempDir Path dir;
  private final FakeBotApi api = FakeBotApi.start();
  private Process bot;

  @AfterEach
  void stop() throws Exception {
    if (bot != null && bot.isAlive()) {
      bot.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    api.close();
  }

  private Process launch(Path db, int run) throws Exception {
    return ChildBot.launch(
        api, db, dir.resolve("bot-" + run + ".log"), "WARN", List.of(), Map.of());
  }

  /**
   * The crash drill: a load thread sends a steady stream of messages from {@value #CHATS} chats
   * while the bot is SIGKILLed at random moments {@value #KILLS} times and restarted each time.
   */
  @Test
  void killNineUnderSteadyLoadAppliesEveryUpdateExactlyOnce() throws Exception {
    Path db = dir.resolve("bot.db");
    List<Long> chats = new ArrayList<>();
    for (int c = 0; c < CHATS; c++) {
      chats.add(2001L + c);
    }
    List<String> script = new ArrayList<>();
    script.add("/start");
    script.add("yes");
    script.addAll(List.of(TelegramBotTest.DESK));
    script.addAll(List.of("/plan", "how should I sit at my desk", "/help"));
    long seed = System.nanoTime();
    Random random = new Random(seed);
    List<Integer> updateIds = java.util.Collections.synchronizedList(new ArrayList<>());
    // Steady load: one message every 40 ms, round robin over the chats, each chat in script order.
    Thread load =
        new Thread(
            () -> {
              try {
                for (String line : script) {
                  for (long chat : chats) {
                    updateIds.add(
                        line.startsWith("/")
                            ? api.userSendsCommand(chat, line)
                            : api.userSends(chat, line));
                    Thread.sleep(40);
                  }
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "load");
    int run = 0;
    bot = launch(db, run++);
    load.start();
    int kills = 0;
    long loadStarted = System.nanoTime();
    while (kills < KILLS) {
      // A random moment: sometimes while the JVM is still starting, sometimes mid-batch.
      Thread.sleep(400 + random.nextInt(1400));
      bot.destroyForcibly().waitFor(10, TimeUnit.SECONDS); // SIGKILL: no hooks, no draining
      kills++;
      bot = launch(db, run++);
    }
    load.join(60_000);
    double loadSeconds = (System.nanoTime() - loadStarted) / 1e9;
    assertEquals(script.size() * chats.size(), updateIds.size(), "the load thread sent everything");
    boolean done =
        api.await(
            () -> api.pendingUpdates() == 0 && chats.stream().allMatch(c -> helpSent(c)),
            Duration.ofSeconds(90));
    final int runs = run;
    assertTrue(done, () -> "every chat got through its script; " + diagnose(chats, runs));
    bot.destroy(); // SIGTERM: graceful
    assertTrue(bot.waitFor(20, TimeUnit.SECONDS), "bot exits on SIGTERM");

    try (Database store = Database.open(db, Clock.systemUTC())) {
      int applied =
          store.read(tx -> tx.count("SELECT COUNT(*) FROM updates WHERE applied_at IS NOT NULL"));
      assertEquals(updateIds.size(), applied, "every update stored and applied");
      int undelivered =
          store.read(
              tx ->
                  tx.count(
                      "SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL AND dropped_at IS NULL"));
      assertEquals(0, undelivered, "every decided reply delivered");
      UserState expected = replay(script);
      int decidedAll = 0;
      int deliveredAll = 0;
      int duplicates = 0;
      for (long chat : chats) {
        UserState actual = store.read(tx -> new UserRepository().load(tx, chat));
        assertEquals(Stage.READY, actual.stage());
        assertEquals(
            expected.answers(),
            actual.answers(),
            "chat " + chat + " applied each answer exactly once");
        int decided =
            store.read(
                tx ->
                    tx.count(
                        "SELECT COUNT(*) FROM ("
                            + app.backcoach.delivery.Outbox.MESSAGES
                            + " WHERE o.chat_id = ?) WHERE body LIKE '{\"kind\":\"SEND\"%'",
                        chat));
        int delivered =
            (int)
                api.calls().stream()
                    .filter(c -> c.method().equals("sendmessage") && c.status() == 200)
                    .filter(c -> c.params().path("chat_id").asLong() == chat)
                    .count();
        assertTrue(
            delivered >= decided, "chat " + chat + ": delivered " + delivered + " of " + decided);
        decidedAll += decided;
        deliveredAll += delivered;
        duplicates += delivered - decided;
      }
      System.out.printf(
          "crash drill: seed %d, %d kills in %.1f s of load, %d updates from %d chats applied"
              + " exactly once, %d replies decided, %d delivered, %d duplicate deliveries%n",
          seed, kills, loadSeconds, applied, chats.size(), decidedAll, deliveredAll, duplicates);
    }
  }

  private String diagnose(List<Long> chats, int runs) {
    StringBuilder out = new StringBuilder("pending updates " + api.pendingUpdates() + "\n");
    for (long c : chats) {
      var sent = api.sent(c);
      out.append(c)
          .append(": ")
          .append(sent.size())
          .append(" messages, last: ")
          .append(sent.isEmpty() ? "-" : sent.get(sent.size() - 1).text())
          .append('\n');
    }
    try {
      var log = java.nio.file.Files.readAllLines(dir.resolve("bot-" + (runs - 1) + ".log"));
      out.append(String.join("\n", log.subList(Math.max(0, log.size() - 30), log.size())));
    } catch (java.io.IOException e) {
      out.append(e);
    }
    return out.toString();
  }

  /** The last script line is /help; its answer lists the commands. */
  private boolean helpSent(long chat) {
    return api.sent(chat).stream().anyMatch(s -> s.text() != null && s.text().contains("/privacy"));
  }

  /** The state the script gives when each message is applied exactly once. */
  static UserState replay(List<String> script) {
    Engine engine = new Engine(TestContent.bundle());
    UserState s = UserState.fresh(1);
    for (String line : script) {
      s = engine.handle(s, Inputs.parse(line), Instant.parse("2026-03-02T08:00:00Z")).state();
    }
    return s;
  }
}
