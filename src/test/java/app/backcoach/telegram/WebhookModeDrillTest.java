package app.backcoach.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deployed configuration of webhook mode: {@code backcoach bot} (a child JVM) started with the
 * BACKCOACH_WEBHOOK_* variables serves a chat over the webhook; started again without them it
 * deletes the webhook and polls for what was sent meanwhile.
 */
class WebhookModeDrillTest {
  private static final long CHAT = 7101;
  private static final Duration WAIT = Duration.ofSeconds(30);
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

  @Test
  void theWebhookVariablesChooseWebhookModeAndRemovingThemSwitchesBackToPolling() throws Exception {
    Path db = dir.resolve("bot.db");
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    api.webhookProxy(port);
    bot =
        ChildBot.launch(
            api,
            db,
            dir.resolve("webhook.log"),
            "INFO",
            List.of(),
            Map.of(
                "BACKCOACH_MEANING", "off",
                "BACKCOACH_WEBHOOK_URL", "https://bot.example.com/hook",
                "BACKCOACH_WEBHOOK_SECRET", "drill-secret",
                "BACKCOACH_WEBHOOK_PORT", String.valueOf(port)));
    api.userSendsCommand(CHAT, "/start");
    assertTrue(api.await(() -> has("store your answers"), WAIT), log("webhook.log"));
    assertEquals("https://bot.example.com/hook", api.webhookUrl());
    assertEquals("drill-secret", api.webhookSecret());
    assertEquals(List.of(), api.calls("getUpdates"));
    String log = log("webhook.log");
    assertTrue(log.contains("receiving updates at https://bot.example.com/hook"), log);
    assertTrue(!log.contains("drill-secret"), "the secret is never logged");
    bot.destroy();
    assertTrue(bot.waitFor(20, TimeUnit.SECONDS));

    api.userSends(CHAT, "yes"); // while the bot is down
    int before = api.calls().size();
    bot =
        ChildBot.launch(
            api,
            db,
            dir.resolve("polling.log"),
            "INFO",
            List.of(),
            Map.of("BACKCOACH_MEANING", "off"));
    assertTrue(api.await(() -> has("Question 1 of"), WAIT), log("polling.log"));
    assertEquals("deletewebhook", api.callsFrom(before).get(0).method());
    assertNull(api.webhookUrl());
    assertEquals(List.of(), api.violations());
  }

  private boolean has(String text) {
    return api.sent(CHAT).stream().anyMatch(m -> m.text() != null && m.text().contains(text));
  }

  private String log(String name) {
    try {
      return Files.readString(dir.resolve(name));
    } catch (java.io.IOException e) {
      return "(no log: " + e + ")";
    }
  }
}
