package app.backcoach.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.backcoach.TestContent;
import app.backcoach.conversation.Engine;
import app.backcoach.conversation.Inputs;
import app.backcoach.conversation.Stage;
import app.backcoach.conversation.UserState;
import app.backcoach.storage.Database;
import app.backcoach.storage.UserRepository;
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
    ProcessBuilder pb =
        new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xshare:auto",
            "-cp",
            System.getProperty("java.class.path"),
            "app.backcoach.Main",
            "bot");
    Map<String, String> env = pb.environment();
    env.put("TELEGRAM_BOT_TOKEN", FakeBotApi.TOKEN);
    env.put("TELEGRAM_API_URL", api.url());
    env.put("BACKCOACH_DB", db.toString());
    env.put("BACKCOACH_POLL_TIMEOUT", "1");
    env.put("BACKCOACH_RATE_PER_CHAT", "50");
    env.put("BACKCOACH_RATE_PER_SECOND", "200");
    env.put("LOG_LEVEL", "WARN");
    env.remove("BACKCOACH_CONTENT_DIR");
    pb.redirectErrorStream(true);
    pb.redirectOutput(dir.resolve("bot-" + run + ".log").toFile());
    return pb.start();
  }

  @Test
  void killNineMidConversationAppliesEveryUpdateExactlyOnce() throws Exception {
    Path db = dir.resolve("bot.db");
    List<Long> chats = List.of(2001L, 2002L, 2003L);
    List<String> script = new ArrayList<>();
    script.add("/start");
    script.add("yes");
    script.addAll(List.of(TelegramBotTest.DESK));
    Random random = new Random(42);
    int run = 0;
    bot = launch(db, run++);
    int kills = 0;
    List<Integer> updateIds = new ArrayList<>();
    for (int i = 0; i < script.size(); i++) {
      String line = script.get(i);
      for (long chat : chats) {
        updateIds.add(
            line.startsWith("/") ? api.userSendsCommand(chat, line) : api.userSends(chat, line));
      }
      Thread.sleep(40);
      if (i % 5 == 4) {
        // Let the bot get some way into the backlog, then kill it at a random moment.
        Thread.sleep(300 + random.nextInt(900));
        bot.destroyForcibly()
            .waitFor(10, TimeUnit.SECONDS); // SIGKILL: no shutdown hooks, no draining
        kills++;
        bot = launch(db, run++);
      }
    }
    assertTrue(kills >= 2, "the bot was killed mid-run " + kills + " times");
    boolean done =
        api.await(
            () -> api.pendingUpdates() == 0 && chats.stream().allMatch(c -> planSent(c)),
            Duration.ofSeconds(60));
    final int runs = run;
    assertTrue(done, () -> "every chat reached its plan; " + diagnose(chats, runs));
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
                        "SELECT COUNT(*) FROM outbox WHERE chat_id = ? AND body LIKE '{\"kind\":\"SEND\"%'",
                        chat));
        int delivered =
            (int)
                api.calls().stream()
                    .filter(c -> c.method().equals("sendmessage") && c.status() == 200)
                    .filter(c -> c.params().path("chat_id").asLong() == chat)
                    .count();
        assertTrue(
            delivered >= decided, "chat " + chat + ": delivered " + delivered + " of " + decided);
        System.out.printf(
            "crash drill: chat %d, %d kills, %d replies decided, %d deliveries, %d duplicates%n",
            chat, kills, decided, delivered, delivered - decided);
      }
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

  private boolean planSent(long chat) {
    return api.sent(chat).stream()
        .anyMatch(s -> s.text() != null && s.text().contains("Your plan starts with"));
  }

  /** The state the script gives when each message is applied exactly once. */
  private static UserState replay(List<String> script) {
    Engine engine = new Engine(TestContent.bundle());
    UserState s = UserState.fresh(1);
    for (String line : script) {
      s = engine.handle(s, Inputs.parse(line), Instant.parse("2026-03-02T08:00:00Z")).state();
    }
    return s;
  }
}
