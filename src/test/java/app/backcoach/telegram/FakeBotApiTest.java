package app.backcoach.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;
import org.telegram.telegrambots.longpolling.TelegramBotsLongPollingApplication;
import org.telegram.telegrambots.meta.TelegramUrl;
import org.telegram.telegrambots.meta.api.methods.AnswerCallbackQuery;
import org.telegram.telegrambots.meta.api.methods.commands.GetMyCommands;
import org.telegram.telegrambots.meta.api.methods.commands.SetMyCommands;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.methods.send.SendPhoto;
import org.telegram.telegrambots.meta.api.methods.updates.GetUpdates;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.EditMessageReplyMarkup;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.EditMessageText;
import org.telegram.telegrambots.meta.api.objects.InputFile;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.api.objects.commands.BotCommand;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.ReplyKeyboardMarkup;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardButton;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardRow;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.KeyboardButton;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.KeyboardRow;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;

/** Proves {@link FakeBotApi} against the real TelegramBots 10.2.0 poller and client. */
class FakeBotApiTest {
  private static final long CHAT = 42;
  private static final Duration WAIT = Duration.ofSeconds(5);
  private static final ObjectMapper JSON = new ObjectMapper();

  private FakeBotApi fake;
  private TelegramUrl url;
  private OkHttpClient http;
  private OkHttpTelegramClient client;
  private final List<TelegramBotsLongPollingApplication> apps = new ArrayList<>();
  private final List<ScheduledExecutorService> executors = new ArrayList<>();
  private final List<OkHttpClient> okHttps = new ArrayList<>();

  @BeforeEach
  void start() {
    fake = FakeBotApi.start();
    url = new TelegramUrl("http", "127.0.0.1", fake.port(), false);
    http = new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(10)).build();
    okHttps.add(http);
    client = new OkHttpTelegramClient(http, FakeBotApi.TOKEN, url);
  }

  @AfterEach
  void stop() throws Exception {
    for (TelegramBotsLongPollingApplication app : apps) {
      app.close(); // stops polling, but leaves the executor and OkHttp threads alive
    }
    fake.close(); // ends a poll in flight
    for (ScheduledExecutorService executor : executors) {
      executor.shutdownNow();
      assertTrue(executor.awaitTermination(5, TimeUnit.SECONDS), "poller thread stopped");
    }
    for (OkHttpClient c : okHttps) {
      c.dispatcher().executorService().shutdownNow();
      c.connectionPool().evictAll();
    }
  }

  /** Starts the real long-polling application against the fake; returns what it consumes. */
  private List<Update> startPolling() throws TelegramApiException {
    List<Update> received = new CopyOnWriteArrayList<>();
    OkHttpClient pollHttp = new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(10)).build();
    okHttps.add(pollHttp);
    ScheduledExecutorService executor =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "test-poller");
              t.setDaemon(true);
              return t;
            });
    executors.add(executor);
    var app =
        new TelegramBotsLongPollingApplication(ObjectMapper::new, () -> pollHttp, () -> executor);
    apps.add(app);
    app.registerBot(
        FakeBotApi.TOKEN,
        () -> url,
        offset -> GetUpdates.builder().offset(offset + 1).limit(100).timeout(1).build(),
        received::addAll);
    return received;
  }

  private Message send(String text, String parseMode) throws TelegramApiException {
    return client.execute(
        SendMessage.builder().chatId(CHAT).text(text).parseMode(parseMode).build());
  }

  private static InlineKeyboardMarkup keyboard(String label, String data) {
    return InlineKeyboardMarkup.builder()
        .keyboardRow(
            new InlineKeyboardRow(
                InlineKeyboardButton.builder().text(label).callbackData(data).build()))
        .build();
  }

  private static TelegramApiRequestException rejected(int code, Executable call) {
    TelegramApiRequestException e = assertThrows(TelegramApiRequestException.class, call);
    assertEquals(code, e.getErrorCode(), e.getApiResponse());
    return e;
  }

  // ---------------------------------------------------------------- polling

  @Test
  void pollerReceivesUpdatesAndConfirmsThem() throws Exception {
    List<Update> received = startPolling();
    int first = fake.userSendsCommand(CHAT, "/start hello");
    fake.userSends(CHAT, "hi there");
    int last = fake.userSharesLocation(CHAT, 52.52, 13.40);
    assertEquals(1, first);
    assertTrue(fake.await(() -> received.size() == 3, WAIT), "3 updates consumed");

    Message command = received.get(0).getMessage();
    // Library quirk: isCommand()/getCommand() read MessageEntity.text, which Telegram never sends
    // and only Message.getEntities() fills in. Call getEntities() first.
    assertFalse(command.isCommand());
    assertEquals("/start", command.getEntities().get(0).getText());
    assertTrue(command.isCommand());
    assertEquals("/start hello", command.getText());
    assertEquals(CHAT, command.getChatId());
    assertEquals(CHAT, command.getFrom().getId());
    assertEquals("Test", command.getFrom().getFirstName());
    assertEquals("hi there", received.get(1).getMessage().getText());
    assertEquals(52.52, received.get(2).getMessage().getLocation().getLatitude(), 1e-9);
    assertTrue(fake.await(() -> fake.confirmedOffset() == last + 1, WAIT), "offset confirmed");
    assertEquals(0, fake.pendingUpdates());

    // A tap on the bot's button reaches the poller with the bot's message attached.
    Message menu =
        client.execute(
            SendMessage.builder()
                .chatId(CHAT)
                .text("Pick")
                .replyMarkup(keyboard("Go", "go"))
                .build());
    fake.userTaps(CHAT, menu.getMessageId(), "go");
    assertTrue(fake.await(() -> received.size() == 4, WAIT));
    var query = received.get(3).getCallbackQuery();
    assertEquals("go", query.getData());
    assertEquals(menu.getMessageId(), query.getMessage().getMessageId());
    assertEquals(Set.of(query.getId()), fake.unansweredCallbacks());
    assertTrue(client.execute(new AnswerCallbackQuery(query.getId())));
    assertTrue(fake.unansweredCallbacks().isEmpty());

    // The library's wire format: deleteWebhook first, lower-case method names, chat_id as string.
    List<FakeBotApi.Call> calls = fake.calls();
    assertEquals("deletewebhook", calls.get(0).method());
    assertFalse(fake.calls("getUpdates").isEmpty());
    assertTrue(fake.calls("sendmessage").get(0).params().get("chat_id").isTextual());
    assertTrue(fake.violations().isEmpty(), fake.violations().toString());
  }

  @Test
  void twoPollingInstancesGet409AndAreFlagged() throws Exception {
    startPolling();
    assertTrue(fake.await(() -> fake.calls("getupdates").size() >= 1, WAIT));
    startPolling(); // a second instance with the same token
    assertTrue(
        fake.await(() -> fake.violations().stream().anyMatch(v -> v.contains("409")), WAIT),
        "409 flagged: " + fake.calls().stream().map(c -> c.method() + " " + c.status()).toList());
    assertTrue(fake.conflicts() >= 1);
  }

  // ---------------------------------------------------------------- sending and editing

  @Test
  void sendsHtmlEditsAndAnswersCallbacks() throws Exception {
    Message sent =
        client.execute(
            SendMessage.builder()
                .chatId(CHAT)
                .text("<b>Hi</b> a &lt; b")
                .parseMode("HTML")
                .replyMarkup(keyboard("Yes", "yes"))
                .build());
    assertEquals(1000, sent.getMessageId());
    assertEquals("Hi a < b", sent.getText());
    assertEquals("bold", sent.getEntities().get(0).getType());
    assertEquals("yes", sent.getReplyMarkup().getKeyboard().get(0).get(0).getCallbackData());
    FakeBotApi.Sent stored = fake.lastSent(CHAT);
    assertEquals("Hi a < b", stored.text());
    assertEquals("<b>Hi</b> a &lt; b", stored.rawText());
    assertEquals("HTML", stored.parseMode());
    assertEquals("yes", stored.callbackData("Yes"));

    EditMessageText edit =
        EditMessageText.builder()
            .chatId(CHAT)
            .messageId(sent.getMessageId())
            .text("Done")
            .replyMarkup(keyboard("Again", "again"))
            .build();
    client.execute(edit);
    assertEquals("Done", fake.lastSent(CHAT).text());
    assertEquals("again", fake.lastSent(CHAT).callbackData("Again"));
    var same = rejected(400, () -> client.execute(edit));
    assertTrue(same.getMessage().contains("message is not modified"), same.getMessage());

    client.execute(
        EditMessageReplyMarkup.builder().chatId(CHAT).messageId(sent.getMessageId()).build());
    assertNull(fake.lastSent(CHAT).replyMarkup());
    var missing =
        rejected(
            400,
            () ->
                client.execute(
                    EditMessageText.builder().chatId(CHAT).messageId(7).text("x").build()));
    assertTrue(missing.getMessage().contains("message to edit not found"));

    fake.userTaps(CHAT, sent.getMessageId(), "again");
    String id = fake.unansweredCallbacks().iterator().next();
    assertTrue(
        client.execute(AnswerCallbackQuery.builder().callbackQueryId(id).text("ok").build()));
    var twice = rejected(400, () -> client.execute(new AnswerCallbackQuery(id)));
    assertTrue(twice.getMessage().contains("query is too old"));

    assertEquals(1, fake.sent(CHAT).size());
    assertTrue(fake.violations().isEmpty(), fake.violations().toString());
  }

  @Test
  void commandsAreStoredAndValidated() throws Exception {
    List<BotCommand> commands =
        List.of(new BotCommand("start", "Begin"), new BotCommand("plan", "Today's plan"));
    assertTrue(client.execute(new SetMyCommands(commands)));
    List<BotCommand> back = client.execute(new GetMyCommands());
    assertEquals("plan", back.get(1).getCommand());

    // The library checks some limits itself; send the breaches by hand.
    Http badName =
        post("setMyCommands", "{\"commands\":[{\"command\":\"Plan!\",\"description\":\"x\"}]}");
    assertEquals(400, badName.status());
    StringBuilder many = new StringBuilder("{\"commands\":[");
    for (int i = 0; i < 101; i++) {
      many.append(i == 0 ? "" : ",").append("{\"command\":\"c" + i + "\",\"description\":\"d\"}");
    }
    assertEquals(400, post("setMyCommands", many.append("]}").toString()).status());
    Http longDescription =
        post(
            "setMyCommands",
            "{\"commands\":[{\"command\":\"ok\",\"description\":\"" + "x".repeat(257) + "\"}]}");
    assertEquals(400, longDescription.status());
    assertEquals(3, fake.violations().size(), fake.violations().toString());
    assertEquals(2, client.execute(new GetMyCommands()).size(), "failed calls change nothing");
  }

  @Test
  void sendPhotoArrivesAsMultipart() throws Exception {
    byte[] png = new byte[1234];
    Message photo =
        client.execute(
            SendPhoto.builder()
                .chatId(CHAT)
                .photo(new InputFile(new ByteArrayInputStream(png), "stretch.png"))
                .caption("<i>Cat-cow</i> &amp; more")
                .parseMode("HTML")
                .replyMarkup(keyboard("Done", "done"))
                .build());
    assertEquals("Cat-cow & more", photo.getCaption());
    assertFalse(photo.getPhoto().isEmpty());
    FakeBotApi.Sent stored = fake.lastSent(CHAT);
    assertEquals("sendphoto", stored.method());
    assertEquals("done", stored.callbackData("Done"));
    JsonNode params = fake.calls("sendPhoto").get(0).params();
    // The file goes in its own part; the photo field says "attach://<part name>".
    assertEquals("attach://stretch.png", params.get("photo").asText());
    assertEquals(1234, params.get("stretch.png").get("size").asInt());
    assertEquals("42", params.get("chat_id").asText());

    var broken =
        rejected(
            400,
            () ->
                client.execute(
                    SendPhoto.builder()
                        .chatId(CHAT)
                        .photo(new InputFile(new ByteArrayInputStream(png), "p.png"))
                        .caption("<b>open")
                        .parseMode("HTML")
                        .build()));
    assertTrue(broken.getMessage().contains("can't parse entities"));
  }

  // ---------------------------------------------------------------- Telegram's rules

  @Test
  void textRulesAnswerLikeTelegramAndCountAsViolations() throws Exception {
    send("x".repeat(4096), null);
    send("&lt;".repeat(4096), "HTML"); // 16384 characters sent, 4096 after entity parsing
    send("a < b & c > d", null); // plain text: nothing to parse

    var tooLong = rejected(400, () -> send("x".repeat(4097), null));
    assertTrue(tooLong.getMessage().contains("message is too long"), tooLong.getMessage());
    rejected(400, () -> send("😀".repeat(2049), null)); // 2049 code points, 4098 UTF-16 units
    var empty = rejected(400, () -> send("<b> </b>", "HTML"));
    assertTrue(empty.getMessage().contains("message text is empty"));

    for (String html :
        List.of("<b>unclosed", "a < b", "AT&T", "<br>", "<b><i>x</b></i>", "<span>x</span>")) {
      var e = rejected(400, () -> send(html, "HTML"));
      assertTrue(e.getMessage().contains("can't parse entities"), html + " -> " + e.getMessage());
    }
    send(
        "<b>b</b><strong>s</strong><i>i</i><u>u</u><s>s</s><tg-spoiler>x</tg-spoiler>"
            + "<span class=\"tg-spoiler\">y</span><a href=\"https://e.x/?a=1&amp;b=2\">link</a>"
            + "<code>c</code><pre>p</pre><blockquote expandable>q</blockquote>"
            + "<tg-emoji emoji-id=\"5368324170671202286\">👍</tg-emoji> &quot;&#65;&#x42;&gt;",
        "HTML");
    assertTrue(fake.lastSent(CHAT).text().endsWith("👍 \"AB>"));
    assertEquals(9, fake.violations().size(), fake.violations().toString());
  }

  @Test
  void keyboardRules() throws Exception {
    String data64 = "é".repeat(32); // 32 characters, 64 bytes
    String data66 = "é".repeat(33); // 33 characters, 66 bytes
    client.execute(
        SendMessage.builder().chatId(CHAT).text("ok").replyMarkup(keyboard("A", data64)).build());
    var e =
        rejected(
            400,
            () ->
                client.execute(
                    SendMessage.builder()
                        .chatId(CHAT)
                        .text("too much")
                        .replyMarkup(keyboard("B", data66))
                        .build()));
    assertTrue(e.getMessage().contains("BUTTON_DATA_INVALID"));

    // The library refuses a button without text itself, so send that one by hand.
    Http noText =
        post(
            "sendMessage",
            "{\"chat_id\":42,\"text\":\"t\",\"reply_markup\":{\"inline_keyboard\":[[{\"callback_data\":\"x\"}]]}}");
    assertEquals(400, noText.status());
    assertTrue(noText.body().get("description").asText().contains("BUTTON_DATA_INVALID"));

    ReplyKeyboardMarkup location =
        ReplyKeyboardMarkup.builder()
            .keyboardRow(
                new KeyboardRow(
                    KeyboardButton.builder().text("Share location").requestLocation(true).build()))
            .resizeKeyboard(true)
            .build();
    Message asked =
        client.execute(
            SendMessage.builder().chatId(CHAT).text("Where?").replyMarkup(location).build());
    assertNull(asked.getReplyMarkup(), "reply keyboards are not part of the message");
    assertTrue(
        fake.lastSent(CHAT)
            .replyMarkup()
            .path("keyboard")
            .get(0)
            .get(0)
            .get("request_location")
            .asBoolean());
    assertEquals(2, fake.violations().size(), fake.violations().toString());
  }

  // ---------------------------------------------------------------- faults and limits

  @Test
  void failNextSurfacesRetryAfter() throws Exception {
    fake.failNext("sendMessage", 429, "Too Many Requests: retry after 5", 5);
    var e = rejected(429, () -> send("hi", null));
    assertEquals(5, e.getParameters().getRetryAfter());
    assertNotNull(send("hi", null));
    assertTrue(fake.violations().isEmpty());
    assertEquals(0, fake.tooManyRequestsSent());
  }

  @Test
  void rateLimitsAnswer429AndRecordIt() throws Exception {
    fake.rateLimits(1, 2, 0, 0);
    send("1", null);
    send("2", null);
    var e = rejected(429, () -> send("3", null));
    assertTrue(e.getParameters().getRetryAfter() >= 1);
    client.execute(SendMessage.builder().chatId(7L).text("other chat").build());
    assertEquals(1, fake.tooManyRequestsSent());
    assertTrue(fake.violations().get(0).startsWith("429 earned by sendmessage"));

    fake.rateLimits(0, 0, 1, 1); // global only
    client.execute(SendMessage.builder().chatId(8L).text("a").build());
    rejected(429, () -> client.execute(SendMessage.builder().chatId(9L).text("b").build()));
    assertEquals(2, fake.tooManyRequestsSent());
  }

  @Test
  void blockedUserGives403() throws Exception {
    send("hello", null);
    fake.blockBy(CHAT);
    var e = rejected(403, () -> send("still there?", null));
    assertTrue(e.getMessage().contains("bot was blocked by the user"));

    // userBlocks also sends the my_chat_member update Telegram sends.
    fake.userBlocks(7);
    Http update = post("getUpdates", "{}");
    assertEquals(
        "kicked", update.body().at("/result/0/my_chat_member/new_chat_member/status").asText());
    rejected(403, () -> client.execute(SendMessage.builder().chatId(7L).text("hi").build()));
    assertTrue(fake.violations().isEmpty());
  }

  @Test
  void injectedFaultsBreakRequestsTheWayTheNetworkDoes() throws Exception {
    fake.faults(1.0, Set.of(FakeBotApi.Fault.DROP_CONNECTION), 1);
    TelegramApiException dropped = assertThrows(TelegramApiException.class, () -> send("x", null));
    assertFalse(dropped instanceof TelegramApiRequestException, dropped.toString());
    assertTrue(hasCause(dropped, IOException.class), dropped.toString());

    fake.faults(1.0, Set.of(FakeBotApi.Fault.SERVER_ERROR), 1);
    rejected(500, () -> send("x", null));
    fake.faults(1.0, Set.of(FakeBotApi.Fault.TOO_MANY_REQUESTS), 1);
    assertEquals(1, rejected(429, () -> send("x", null)).getParameters().getRetryAfter());

    fake.faults(1.0, Set.of(FakeBotApi.Fault.SLOW), 1);
    long t0 = System.nanoTime();
    send("slow", null);
    assertTrue(System.nanoTime() - t0 >= 1_000_000_000L);

    fake.faults(1.0, Set.of(FakeBotApi.Fault.TIMEOUT), 1);
    t0 = System.nanoTime();
    assertThrows(TelegramApiException.class, () -> send("hangs", null));
    assertTrue(System.nanoTime() - t0 >= FakeBotApi.HANG_MILLIS * 1_000_000L);

    fake.faults(1.0, Set.of(FakeBotApi.Fault.STORM_429), 1);
    rejected(429, () -> send("x", null));
    fake.faults(0, Set.of(), 1);
    // The storm goes on for a while after the fault that started it.
    rejected(429, () -> send("x", null));
    assertEquals(200, post("getUpdates", "{}").status(), "polling is not part of a storm");
    fake.faults(0, Set.of(), 1);
    assertTrue(
        fake.await(
            () -> {
              try {
                send("fine", null);
                return true;
              } catch (TelegramApiException e) {
                return false;
              }
            },
            java.time.Duration.ofSeconds(5)),
        "the storm ends");
    assertEquals(6, fake.faultsInjected());
    assertEquals(1, fake.faultCounts().get(FakeBotApi.Fault.STORM_429));
    assertEquals(List.of("slow", "fine"), fake.sent(CHAT).stream().map(s -> s.text()).toList());
    assertEquals(0, fake.tooManyRequestsSent());
  }

  private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (type.isInstance(c)) {
        return true;
      }
    }
    return false;
  }

  // ---------------------------------------------------------------- raw protocol

  @Test
  void rawProtocolLongPollsAndConfirms() throws Exception {
    Http wrongToken = request("POST", "/bot1:wrong/getMe", "{}");
    assertEquals(401, wrongToken.status());
    assertEquals("Unauthorized", wrongToken.body().get("description").asText());
    assertEquals(
        "backcoach_test_bot",
        get("/bot" + FakeBotApi.TOKEN + "/GETME").body().at("/result/username").asText());

    // Empty queue: the poll is held for its timeout, then answers [].
    long t0 = System.nanoTime();
    Http empty = get("/bot" + FakeBotApi.TOKEN + "/getUpdates?timeout=1");
    assertTrue(System.nanoTime() - t0 >= 900_000_000L);
    assertEquals(0, empty.body().get("result").size());

    // A waiting poll wakes as soon as the user acts.
    long polls = fake.pollsReceived();
    CompletableFuture<Http> poll =
        CompletableFuture.supplyAsync(() -> post("getUpdates", "{\"timeout\":10}"));
    assertTrue(fake.await(() -> fake.pollsReceived() > polls, Duration.ofSeconds(5)));
    t0 = System.nanoTime();
    fake.userSends(CHAT, "wake up");
    Http woke = poll.get(5, TimeUnit.SECONDS);
    assertTrue(System.nanoTime() - t0 < 2_000_000_000L);
    assertEquals("wake up", woke.body().at("/result/0/message/text").asText());

    // Unconfirmed updates come again; limit caps; an offset confirms and forgets.
    fake.userSends(CHAT, "second");
    assertEquals(1, post("getUpdates", "{\"limit\":1}").body().get("result").size());
    assertEquals(2, post("getUpdates", "{}").body().get("result").size());
    Http next = post("getUpdates", "{\"offset\":2}");
    assertEquals("second", next.body().at("/result/0/message/text").asText());
    assertEquals(2, fake.confirmedOffset());
    assertEquals(0, post("getUpdates", "{\"offset\":3}").body().get("result").size());

    // allowed_updates filters; a raw update gets its id.
    ObjectNode raw = JSON.createObjectNode();
    raw.putObject("edited_message").put("message_id", 1).put("date", 0);
    int rawId = fake.userSendsRaw(raw);
    assertEquals(3, rawId);
    fake.userSends(CHAT, "kept");
    Http filtered = post("getUpdates", "{\"offset\":3,\"allowed_updates\":[\"message\"]}");
    assertEquals(1, filtered.body().get("result").size());
    assertEquals(4, filtered.body().at("/result/0/update_id").asInt());

    // A second poll terminates a waiting one with 409, like two bot instances would see.
    long before = fake.pollsReceived();
    CompletableFuture<Http> older =
        CompletableFuture.supplyAsync(() -> post("getUpdates", "{\"offset\":5,\"timeout\":10}"));
    assertTrue(fake.await(() -> fake.pollsReceived() > before, Duration.ofSeconds(5)));
    CompletableFuture<Http> newer =
        CompletableFuture.supplyAsync(() -> post("getUpdates", "{\"offset\":5,\"timeout\":10}"));
    assertEquals(409, older.get(5, TimeUnit.SECONDS).status());

    // close() ends the waiting poll at once.
    Thread.sleep(100);
    t0 = System.nanoTime();
    fake.close();
    assertTrue(newer.handle((answer, failure) -> true).get(3, TimeUnit.SECONDS));
    assertTrue(System.nanoTime() - t0 < 3_000_000_000L);
  }

  // ---------------------------------------------------------------- webhook

  @Test
  void aWebhookGetsEachUpdatePostedWithTheSecretAgainUntil2xxAndBlocksPolling() throws Exception {
    // A stand-in endpoint: refuses the first delivery with 500, then takes everything.
    List<String> received = new CopyOnWriteArrayList<>();
    List<String> secrets = new CopyOnWriteArrayList<>();
    var endpoint =
        com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 8);
    endpoint.createContext(
        "/hook",
        ex -> {
          secrets.add(ex.getRequestHeaders().getFirst("X-Telegram-Bot-Api-Secret-Token"));
          received.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          ex.sendResponseHeaders(received.size() == 1 ? 500 : 200, -1);
          ex.close();
        });
    endpoint.start();
    try {
      fake.webhookProxy(endpoint.getAddress().getPort());
      TelegramApiRequestException http =
          rejected(
              400,
              () ->
                  client.execute(
                      org.telegram.telegrambots.meta.api.methods.updates.SetWebhook.builder()
                          .url("http://bot.example.com/hook")
                          .build()));
      assertTrue(http.getApiResponse().contains("HTTPS URL"), http.getApiResponse());
      assertTrue(
          client.execute(
              org.telegram.telegrambots.meta.api.methods.updates.SetWebhook.builder()
                  .url("https://bot.example.com/hook")
                  .secretToken("s3cret")
                  .allowedUpdates(List.of("message"))
                  .build()));
      assertEquals("https://bot.example.com/hook", fake.webhookUrl());
      assertEquals("s3cret", fake.webhookSecret());
      int id = fake.userSends(CHAT, "over the webhook");
      assertTrue(fake.await(() -> fake.pendingUpdates() == 0, WAIT), received.toString());
      assertEquals(2, received.size(), "sent again after the 500");
      assertEquals(received.get(0), received.get(1));
      assertEquals(id, JSON.readTree(received.get(1)).get("update_id").asInt());
      assertEquals(List.of("s3cret", "s3cret"), secrets);
      assertEquals(
          List.of(500, 200),
          fake.webhookDeliveries().stream().map(FakeWebhook.Delivery::status).toList());
      var info =
          client.execute(new org.telegram.telegrambots.meta.api.methods.updates.GetWebhookInfo());
      assertEquals("https://bot.example.com/hook", info.getUrl());
      assertEquals("Wrong response from the webhook: 500", info.getLastErrorMessage());
      assertEquals(0, info.getPendingUpdatesCount());

      // While a webhook is set, getUpdates conflicts (and counts as a violation); deleting it
      // brings polling back with what waited.
      assertEquals(409, post("getUpdates", "{}").status());
      assertEquals(
          List.of(
              "setwebhook: not an https URL: http://bot.example.com/hook",
              "getupdates while a webhook is set"),
          fake.violations());
      assertTrue(
          client.execute(new org.telegram.telegrambots.meta.api.methods.updates.DeleteWebhook()));
      assertNull(fake.webhookUrl());
      fake.userSends(CHAT, "polled again");
      assertEquals(
          "polled again", post("getUpdates", "{}").body().at("/result/0/message/text").asText());
      assertEquals(2, received.size(), "no delivery once the webhook is deleted");
    } finally {
      endpoint.stop(0);
    }
  }

  // ---------------------------------------------------------------- raw HTTP helpers

  private record Http(int status, JsonNode body) {}

  private Http post(String method, String json) {
    return request("POST", "/bot" + FakeBotApi.TOKEN + "/" + method, json);
  }

  private Http get(String pathAndQuery) {
    return request("GET", pathAndQuery, null);
  }

  private Http request(String verb, String pathAndQuery, String json) {
    try {
      HttpURLConnection c =
          (HttpURLConnection) URI.create(fake.url() + pathAndQuery).toURL().openConnection();
      c.setRequestMethod(verb);
      c.setReadTimeout(15_000);
      if (json != null) {
        c.setDoOutput(true);
        c.setRequestProperty("Content-Type", "application/json");
        try (OutputStream out = c.getOutputStream()) {
          out.write(json.getBytes(StandardCharsets.UTF_8));
        }
      }
      int status = c.getResponseCode();
      try (InputStream in = status < 400 ? c.getInputStream() : c.getErrorStream()) {
        return new Http(status, JSON.readTree(in));
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
