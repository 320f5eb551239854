package app.backcoach.telegram;

import app.backcoach.TestContent;
import app.backcoach.chat.ChatService;
import app.backcoach.conversation.Engine;
import app.backcoach.delivery.SendLimits;
import app.backcoach.storage.Database;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * A real bot (poller or webhook, processor, sender) wired to a fake Bot API on loopback and a
 * temp-file database.
 */
final class BotHarness implements AutoCloseable {
  static final Duration WAIT = Duration.ofSeconds(15);

  /** The public URL a webhook bot registers; the fake plays the proxy in front of it. */
  static final String WEBHOOK_URL = "https://bot.example.com/telegram";

  static final String WEBHOOK_SECRET = "test-secret_0123456789";

  final FakeBotApi api;
  final Database db;
  final TelegramBot bot;

  BotHarness(Path dir, SendLimits limits) {
    this(FakeBotApi.start(), dir, limits);
  }

  BotHarness(FakeBotApi api, Path dir, SendLimits limits) {
    this(api, dir, limits, Duration.ofSeconds(30));
  }

  /** A harness whose requests (other than long polls) time out after {@code requestTimeout}. */
  BotHarness(FakeBotApi api, Path dir, SendLimits limits, Duration requestTimeout) {
    this(api, dir, limits, requestTimeout, new Engine(TestContent.bundle()));
  }

  /** A harness whose conversation is {@code engine}. */
  BotHarness(FakeBotApi api, Path dir, SendLimits limits, Duration requestTimeout, Engine engine) {
    this(api, dir, limits, requestTimeout, engine, null);
  }

  /**
   * A bot in webhook mode at {@link #WEBHOOK_URL}, listening on a free loopback port that the fake
   * delivers to.
   */
  static BotHarness webhook(FakeBotApi api, Path dir) {
    WebhookSettings hook =
        new WebhookSettings(URI.create(WEBHOOK_URL), WEBHOOK_SECRET, "127.0.0.1", 0);
    BotHarness h =
        new BotHarness(
            api, dir, fast(), Duration.ofSeconds(30), new Engine(TestContent.bundle()), hook);
    api.webhookProxy(h.bot.webhookPort());
    return h;
  }

  private BotHarness(
      FakeBotApi api,
      Path dir,
      SendLimits limits,
      Duration requestTimeout,
      Engine engine,
      WebhookSettings webhook) {
    this.api = api;
    Clock clock = Clock.systemUTC();
    this.db = app.backcoach.TestDatabases.open(dir.resolve("bot.db"), clock);
    var content = TestContent.bundle();
    ChatService chat = new ChatService(db, engine, content, clock);
    TelegramSettings settings =
        new TelegramSettings(
                FakeBotApi.TOKEN,
                URI.create(api.url()),
                Duration.ofSeconds(1),
                limits,
                requestTimeout)
            .withWebhook(webhook);
    this.bot =
        new TelegramBot(
                settings,
                db,
                chat,
                content,
                clock,
                new app.backcoach.reminders.LateReminders(content))
            .start();
  }

  static SendLimits fast() {
    return new SendLimits(200, 200, 50, 20, 4);
  }

  /** Waits for the chat to hold at least {@code count} messages. */
  List<FakeBotApi.Sent> awaitMessages(long chat, int count) {
    if (!api.await(() -> api.sent(chat).size() >= count, WAIT)) {
      throw new AssertionError(
          "expected " + count + " messages in chat " + chat + ", got " + texts(chat));
    }
    return api.sent(chat);
  }

  /** Waits for a message containing {@code text} and returns it. */
  FakeBotApi.Sent awaitText(long chat, String text) {
    if (!api.await(() -> find(chat, text) != null, WAIT)) {
      throw new AssertionError(
          "no message with '" + text + "' in chat " + chat + ": " + texts(chat));
    }
    return find(chat, text);
  }

  /** The message as it is now, after any edits. */
  FakeBotApi.Sent now(long chat, FakeBotApi.Sent message) {
    return api.sent(chat).stream()
        .filter(s -> s.messageId() == message.messageId())
        .findFirst()
        .orElseThrow();
  }

  FakeBotApi.Sent find(long chat, String text) {
    List<FakeBotApi.Sent> all = api.sent(chat);
    for (int i = all.size() - 1; i >= 0; i--) {
      if (all.get(i).text() != null && all.get(i).text().contains(text)) {
        return all.get(i);
      }
    }
    return null;
  }

  List<String> texts(long chat) {
    return api.sent(chat).stream().map(FakeBotApi.Sent::text).toList();
  }

  /** Taps the button with this label on the newest message that has one. */
  int tap(long chat, String label) {
    List<FakeBotApi.Sent> all = api.sent(chat);
    for (int i = all.size() - 1; i >= 0; i--) {
      JsonNode markup = all.get(i).replyMarkup();
      if (markup == null || !markup.has("inline_keyboard")) {
        continue;
      }
      for (JsonNode row : markup.get("inline_keyboard")) {
        for (JsonNode b : row) {
          if (b.get("text").asText().contains(label)) {
            return api.userTaps(chat, all.get(i).messageId(), b.get("callback_data").asText());
          }
        }
      }
    }
    throw new AssertionError("no button '" + label + "' in chat " + chat + ": " + texts(chat));
  }

  /** Sends /start and accepts storing answers, up to the first question. */
  void startAndConsent(long chat) {
    api.userSendsCommand(chat, "/start");
    awaitText(chat, "store your answers");
    tap(chat, "Yes, store my answers");
    awaitText(chat, "Question 1 of");
  }

  /** Types {@code text} and waits for one more message. */
  void answer(long chat, String text) {
    int before = api.sent(chat).size();
    api.userSends(chat, text);
    awaitMessages(chat, before + 1);
  }

  /** Onboards the desk worker and accepts the proposed reminders. */
  void onboardWithReminders(long chat) {
    startAndConsent(chat);
    for (String a : TelegramBotTest.DESK) {
      answer(chat, a);
    }
    awaitText(chat, "I suggest these reminders");
    tap(chat, "Yes, set them up");
    awaitText(chat, "reminders are on");
    awaitIdle();
  }

  /**
   * Makes the chat's daily mobility reminder due now (outside quiet hours) and claims it; returns
   * how many reminders were queued.
   */
  int fireMobilityReminder(long chat) {
    var reminders =
        new app.backcoach.reminders.ReminderService(
            db,
            TestContent.bundle(),
            Clock.systemUTC(),
            Duration.ofMinutes(15),
            bot.sender()::wake);
    db.write(
        tx -> {
          tx.update(
              "UPDATE users SET quiet_start = '00:00', quiet_end = '00:00' WHERE chat_id = ?",
              chat);
          return tx.update(
              "UPDATE reminders SET next_due_at = ? WHERE chat_id = ? AND kind = 'MOBILITY'",
              System.currentTimeMillis() - 1000,
              chat);
        });
    return reminders.runDue().sent();
  }

  /** Waits until every stored update has been applied and the outbox is empty. */
  void awaitIdle() {
    boolean idle =
        api.await(() -> api.pendingUpdates() == 0, WAIT)
            && api.await(
                () ->
                    db.read(
                            tx ->
                                tx.count("SELECT COUNT(*) FROM updates WHERE applied_at IS NULL")
                                    + tx.count(
                                        "SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL AND dropped_at IS NULL"))
                        == 0,
                WAIT);
    if (!idle) {
      throw new AssertionError("bot did not settle");
    }
  }

  @Override
  public void close() {
    bot.close();
    db.close();
    api.close();
  }
}
