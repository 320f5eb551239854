package app.backcoach.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.backcoach.TestContent;
import app.backcoach.content.Msg;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bot's profile (description, short description, command menu) comes from the content bundle at
 * start-up and is set again after Telegram refuses it; replies that take work show "typing…",
 * "sending photo…" or "sending file…" first.
 */
class BotProfileTest {
  @TempDir Path dir;
  private BotHarness h;

  @AfterEach
  void stop() {
    if (h != null) {
      h.close();
    }
  }

  @Test
  void theProfileComesFromTheBundle() {
    h = new BotHarness(dir, BotHarness.fast());
    var content = TestContent.bundle();
    assertTrue(h.api.await(() -> h.api.profile("setMyShortDescription") != null, BotHarness.WAIT));
    assertEquals(content.text(Msg.BOT_DESCRIPTION).strip(), h.api.profile("setMyDescription"));
    assertEquals(
        content.text(Msg.BOT_SHORT_DESCRIPTION).strip(), h.api.profile("setMyShortDescription"));
    var commands = h.api.calls("setmycommands");
    assertEquals(1, commands.size());
    assertTrue(commands.get(0).params().path("commands").toString().contains("\"progress\""));
    assertEquals(List.of(), h.api.violations());
  }

  @Test
  void aRefusedProfileIsSetLater() {
    FakeBotApi api = FakeBotApi.start();
    api.failNext("setmydescription", 500, "Internal Server Error", null);
    Duration usual = TelegramBot.profileRetry;
    TelegramBot.profileRetry = Duration.ofMillis(300);
    try {
      h = new BotHarness(api, dir, BotHarness.fast());
      // The first try fails; the next round sets it, and the menu is not set twice.
      assertTrue(api.await(() -> api.profile("setMyDescription") != null, BotHarness.WAIT));
    } finally {
      TelegramBot.profileRetry = usual;
    }
    assertEquals(2, api.calls("setmydescription").size());
    assertEquals(1, api.calls("setmycommands").size());
  }

  @Test
  void workShowsAChatActionBeforeTheReply() {
    h = new BotHarness(dir, BotHarness.fast());
    long chat = 2001;
    h.onboardWithReminders(chat);
    assertEquals(List.of(), actions(chat), "no chat action while onboarding");
    h.api.userSendsCommand(chat, "/progress");
    assertTrue(h.api.await(() -> actions(chat).contains("upload_photo"), BotHarness.WAIT));
    h.api.userSendsCommand(chat, "/export");
    assertTrue(h.api.await(() -> actions(chat).contains("upload_document"), BotHarness.WAIT));
    h.api.userSends(chat, "how do I stop my back hurting after deadlifts?");
    assertTrue(h.api.await(() -> actions(chat).contains("typing"), BotHarness.WAIT));
    h.awaitIdle();
    assertEquals(List.of(), h.api.violations());
  }

  @Test
  void everyMenuCommandAnswersBeforeAndAfterAPlan() {
    h = new BotHarness(dir, BotHarness.fast());
    List<String> menu =
        java.util.Arrays.stream(TestContent.bundle().text(Msg.COMMAND_MENU).split("\n"))
            .map(line -> line.substring(0, line.indexOf(" - ")).strip())
            .toList();
    long fresh = 2101;
    long planned = 2102;
    h.onboardWithReminders(planned);
    for (long chat : List.of(fresh, planned)) {
      for (String command : menu) {
        int before = h.api.sent(chat).size();
        h.api.userSendsCommand(chat, "/" + command);
        h.awaitMessages(chat, before + 1);
        h.awaitIdle();
        for (var m : h.api.sent(chat).subList(before, h.api.sent(chat).size())) {
          assertTrue(
              !m.text().startsWith("I don't know the command"),
              "/" + command + " in chat " + chat + ": " + m.text());
        }
        h.api.userSendsCommand(chat, "/cancel"); // leave no question open for the next command
        h.awaitIdle();
      }
    }
    assertEquals(List.of(), h.api.violations());
  }

  private List<String> actions(long chat) {
    return h.api.calls("sendchataction").stream()
        .filter(c -> c.params().path("chat_id").asLong() == chat)
        .map(c -> c.params().path("action").asText())
        .toList();
  }
}
