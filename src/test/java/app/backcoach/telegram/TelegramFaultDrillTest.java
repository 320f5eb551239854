package app.backcoach.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.backcoach.chat.UserRepository;
import app.backcoach.conversation.Stage;
import app.backcoach.conversation.UserState;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The "Telegram misbehaves" drill: while chats go through onboarding, one request in five gets a
 * fault (429s and 429 storms, 500s, slow answers and slow long polls, timeouts, reset connections),
 * and two sends get a permanent 400. Afterwards every update was applied exactly once, every reply
 * was delivered or (the two 400s) dropped without a retry, and polling is alive.
 */
class TelegramFaultDrillTest {
  private static final int CHATS = 6;
  private static final int PERMANENT_ERRORS = 2;

  @TempDir Path dir;

  @Test
  void twentyPercentFaultsLoseNothingAndNoPermanentErrorIsRetried() throws Exception {
    List<String> script = new ArrayList<>(List.of("/start", "yes"));
    script.addAll(List.of(TelegramBotTest.DESK));
    script.add("/plan");
    long seed = System.nanoTime();
    FakeBotApi api = FakeBotApi.start();
    try (BotHarness h = new BotHarness(api, dir, BotHarness.fast(), Duration.ofSeconds(2))) {
      long t0 = System.nanoTime();
      api.faults(0.2, EnumSet.allOf(FakeBotApi.Fault.class), seed);
      int sent = 0;
      for (int i = 0; i < script.size(); i++) {
        String line = script.get(i);
        for (long chat = 3001; chat < 3001 + CHATS; chat++) {
          if (line.startsWith("/")) {
            api.userSendsCommand(chat, line);
          } else {
            api.userSends(chat, line);
          }
          sent++;
          Thread.sleep(60);
        }
        if (i == 5 || i == 12) {
          api.failNext("sendMessage", 400, "Bad Request: chat not found", null);
        }
      }
      // Keep misbehaving until the backlog has been worked through, then stop. How long that takes
      // depends on the draw (retries back off, a chat's later replies wait behind its earliest):
      // 20-75 s in the runs so far, hence the bound.
      boolean drained =
          api.await(
              () ->
                  api.pendingUpdates() == 0
                      && h.db.read(
                              tx ->
                                  tx.count(
                                      "SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL AND dropped_at IS NULL"))
                          == 0,
              Duration.ofSeconds(150));
      api.faults(0, EnumSet.noneOf(FakeBotApi.Fault.class), seed);
      double faultySeconds = (System.nanoTime() - t0) / 1e9;
      assertTrue(drained, "the backlog drains while the faults go on");

      // Polling is alive: a new message in every chat is answered.
      for (long chat = 3001; chat < 3001 + CHATS; chat++) {
        api.userSendsCommand(chat, "/help");
        sent++;
      }
      for (long chat = 3001; chat < 3001 + CHATS; chat++) {
        h.awaitText(chat, "/privacy");
      }
      h.awaitIdle();

      final int total = sent;
      assertEquals(
          total,
          (int)
              h.db.read(
                  tx -> tx.count("SELECT COUNT(*) FROM updates WHERE applied_at IS NOT NULL")),
          "every update applied");
      UserState expected = CrashRecoveryTest.replay(script);
      for (long chat = 3001; chat < 3001 + CHATS; chat++) {
        final long c = chat;
        UserState actual = h.db.read(tx -> new UserRepository().load(tx, c));
        assertEquals(Stage.READY, actual.stage());
        assertEquals(expected.answers(), actual.answers(), "chat " + chat + ": each answer once");
      }

      List<FakeBotApi.Call> calls = api.calls();
      List<FakeBotApi.Call> permanent = calls.stream().filter(c -> c.status() == 400).toList();
      assertEquals(PERMANENT_ERRORS, permanent.size(), "the injected 400s, and no other");
      for (FakeBotApi.Call bad : permanent) {
        long retried =
            calls.stream()
                .filter(c -> c.atMillis() >= bad.atMillis() && c != bad)
                .filter(c -> c.method().equals(bad.method()))
                .filter(c -> c.params().path("chat_id").equals(bad.params().path("chat_id")))
                .filter(c -> c.params().path("text").equals(bad.params().path("text")))
                .count();
        assertEquals(0, retried, "a send refused with 400 is never retried: " + bad.params());
      }
      int dropped =
          h.db.read(tx -> tx.count("SELECT COUNT(*) FROM outbox WHERE dropped_at IS NOT NULL"));
      assertEquals(PERMANENT_ERRORS, dropped, "only the refused sends were dropped");
      int decided =
          h.db.read(
              tx ->
                  tx.count(
                      "SELECT COUNT(*) FROM ("
                          + app.backcoach.delivery.Outbox.MESSAGES
                          + ") WHERE body LIKE '{\"kind\":\"SEND\"%'"));
      long delivered =
          calls.stream().filter(c -> c.method().equals("sendmessage") && c.status() == 200).count();
      assertTrue(delivered >= decided - PERMANENT_ERRORS, delivered + " of " + decided);
      assertEquals(List.of(), api.violations());
      assertEquals(java.util.Set.of(), api.unansweredCallbacks());
      System.out.printf(
          "fault drill: seed %d, %.1f s of faults, %d faults injected %s, %d requests in all;"
              + " %d updates applied once each, %d replies decided, %d delivered (%d duplicates),"
              + " %d dropped after a permanent 400 and not retried; sender retries %d, 429s seen %d%n",
          seed,
          faultySeconds,
          api.faultsInjected(),
          api.faultCounts(),
          calls.size(),
          total,
          decided,
          delivered,
          delivered - (decided - PERMANENT_ERRORS),
          dropped,
          h.bot.sender().stats().retried.get(),
          h.bot.sender().stats().rateLimited.get());
    }
  }
}
