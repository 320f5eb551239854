package app.backcoach.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.backcoach.chat.UserRepository;
import app.backcoach.conversation.Stage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Webhook mode end to end: the real bot behind its webhook endpoint, a fake Bot API that records
 * setWebhook and delivers updates the way Telegram does (POST with the secret header, sent again
 * until the answer is 2xx), and a temp-file database.
 */
class WebhookTest {
  private static final long CHAT = 7001;
  private static final Duration WAIT = BotHarness.WAIT;
  @TempDir Path dir;
  private final HttpClient http = HttpClient.newHttpClient();
  private BotHarness h;

  @AfterEach
  void close() {
    WebhookRegistration.checkEvery = Duration.ofSeconds(60);
    if (h != null) {
      h.close();
    }
  }

  /** A /start from {@code chat} as Telegram would POST it, with this update_id. */
  static String start(long updateId, long chat) {
    return ("{'update_id':%d,'message':{'message_id':1,'date':1700000000,"
            + "'from':{'id':%d,'is_bot':false,'first_name':'Test'},"
            + "'chat':{'id':%d,'type':'private','first_name':'Test'},'text':'/start',"
            + "'entities':[{'offset':0,'length':6,'type':'bot_command'}]}}")
        .formatted(updateId, chat, chat)
        .replace('\'', '"');
  }

  HttpRequest.Builder post(String path, String body) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + h.bot.webhookPort() + path))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
  }

  HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Sent with the right secret. */
  HttpResponse<String> deliver(String body) throws Exception {
    return send(
        post("/telegram", body).header(WebhookServer.SECRET_HEADER, BotHarness.WEBHOOK_SECRET));
  }

  int stored() {
    return h.db.read(tx -> tx.count("SELECT COUNT(*) FROM updates"));
  }

  @Test
  void startUpSetsTheWebhookWithItsUrlSecretAndTheUpdateTypesThePollerAsksForAndNeverPolls() {
    h = BotHarness.webhook(FakeBotApi.start(), dir);
    assertTrue(h.api.await(() -> h.api.webhookUrl() != null, BotHarness.WAIT));
    assertEquals(BotHarness.WEBHOOK_URL, h.api.webhookUrl());
    assertEquals(BotHarness.WEBHOOK_SECRET, h.api.webhookSecret());
    var set = h.api.calls("setWebhook").get(0).params();
    assertEquals(
        List.of("message", "callback_query", "channel_post"),
        List.of(
            set.get("allowed_updates").get(0).asText(),
            set.get("allowed_updates").get(1).asText(),
            set.get("allowed_updates").get(2).asText()));
    assertEquals(3, set.get("allowed_updates").size());
    assertFalse(set.path("drop_pending_updates").asBoolean(false), "waiting updates are kept");
    h.api.userSendsCommand(CHAT, "/start");
    h.awaitText(CHAT, "store your answers");
    assertEquals(List.of(), h.api.calls("getUpdates"));
    assertEquals(List.of(), h.api.calls("deleteWebhook"));
    assertNull(h.bot.probes().sinceLastPoll(), "no polls to watch in webhook mode");
    assertNull(h.bot.probes().webhookProblem().get());
    assertEquals(List.of(), h.api.violations());
  }

  @Test
  void setWebhookIsTriedAgainUntilTelegramAcceptsItAndHealthSaysWhyMeanwhile() {
    FakeBotApi api = FakeBotApi.start();
    api.failNext("setWebhook", 502, "Bad Gateway", null);
    api.failNext("setWebhook", 502, "Bad Gateway", null);
    api.failNext("setWebhook", 502, "Bad Gateway", null);
    h = BotHarness.webhook(api, dir);
    java.util.concurrent.atomic.AtomicReference<String> problem =
        new java.util.concurrent.atomic.AtomicReference<>();
    assertTrue(
        api.await(() -> problem.updateAndGet(p -> h.bot.health().webhookProblem()) != null, WAIT),
        "a refused setWebhook is a health problem");
    assertTrue(problem.get().contains("the webhook is not set at Telegram"), problem.get());
    assertTrue(problem.get().contains("Bad Gateway"), problem.get());
    assertTrue(api.await(() -> BotHarness.WEBHOOK_URL.equals(api.webhookUrl()), WAIT));
    // The fake sets the webhook before it records the call: wait for the record too.
    assertTrue(api.await(() -> api.calls("setWebhook").size() == 4, WAIT));
    List<Integer> statuses = api.calls("setWebhook").stream().map(c -> c.status()).toList();
    assertEquals(List.of(502, 502, 502, 200), statuses);
    // The fake records the webhook before its 200 reaches the bot: wait for the bot to hear it.
    assertTrue(
        api.await(() -> h.bot.health().webhookProblem() == null, WAIT),
        () -> "still reported: " + h.bot.health().webhookProblem());
  }

  @Test
  void requestsWithoutTheRightSecretAreRefusedAndNothingIsStored() throws Exception {
    h = BotHarness.webhook(FakeBotApi.start(), dir);
    String update = start(501, CHAT);
    assertEquals(403, send(post("/telegram", update)).statusCode());
    HttpResponse<String> wrong =
        send(post("/telegram", update).header(WebhookServer.SECRET_HEADER, "guess"));
    assertEquals(403, wrong.statusCode());
    assertTrue(wrong.body().contains(WebhookServer.SECRET_HEADER), wrong.body());
    String almost = BotHarness.WEBHOOK_SECRET.substring(0, BotHarness.WEBHOOK_SECRET.length() - 1);
    assertEquals(
        403,
        send(post("/telegram", update).header(WebhookServer.SECRET_HEADER, almost + "X"))
            .statusCode());
    assertEquals(
        403,
        send(post("/telegram", update).header(WebhookServer.SECRET_HEADER, almost)).statusCode());
    assertEquals(0, stored());

    assertEquals(
        405,
        send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + h.bot.webhookPort() + "/telegram"))
                .header(WebhookServer.SECRET_HEADER, BotHarness.WEBHOOK_SECRET)
                .GET())
            .statusCode());
    assertEquals(
        404,
        send(post("/other", update).header(WebhookServer.SECRET_HEADER, BotHarness.WEBHOOK_SECRET))
            .statusCode());
    assertEquals(0, stored());
    assertEquals(0, h.bot.health().receivedCounter().get());

    assertEquals(200, deliver(update).statusCode(), "the right secret is let in");
    assertEquals(1, stored());
    h.awaitText(CHAT, "store your answers");
  }

  @Test
  void bodiesThatAreNotAnUpdateAreRefusedWithAReasonAndNothingIsStored() throws Exception {
    h = BotHarness.webhook(FakeBotApi.start(), dir);
    HttpResponse<String> notJson = deliver("update_id=5");
    assertEquals(400, notJson.statusCode());
    assertTrue(notJson.body().contains("not JSON"), notJson.body());
    assertEquals(400, deliver("").statusCode());
    assertEquals(400, deliver("[1,2]").statusCode());
    HttpResponse<String> noId = deliver("{\"message\":{\"text\":\"hi\"}}");
    assertEquals(400, noId.statusCode());
    assertTrue(noId.body().contains("no update_id"), noId.body());
    String huge = start(502, CHAT).replace("/start", "/start" + "x".repeat(WebhookServer.MAX_BODY));
    HttpResponse<String> tooLarge = deliver(huge);
    assertEquals(413, tooLarge.statusCode());
    assertTrue(tooLarge.body().contains("over " + WebhookServer.MAX_BODY), tooLarge.body());
    assertEquals(0, stored());

    // JSON with an update_id that the library cannot read is acknowledged and ignored: refused, it
    // would come back for a day and hold back its chat.
    String odd = start(503, CHAT).replace("\"message_id\":1", "\"message_id\":\"one\"");
    assertEquals(200, deliver(odd).statusCode());
    assertEquals(1, stored());
    h.awaitIdle();
    assertEquals(List.of(), h.api.sent(CHAT));
  }

  @Test
  void anUpdateIsAnsweredOnlyOnceItIsStored() throws Exception {
    h = BotHarness.webhook(FakeBotApi.start(), dir);
    h.bot.processor().close(); // nothing applies it: what is there after the 200 was stored
    CountDownLatch writing = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Thread holder =
        new Thread(
            () ->
                h.db.write(
                    tx -> {
                      writing.countDown();
                      try {
                        release.await(30, TimeUnit.SECONDS);
                      } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                      }
                      return 0;
                    }));
    holder.start();
    CompletableFuture<HttpResponse<String>> answer;
    try {
      assertTrue(writing.await(5, TimeUnit.SECONDS));
      answer =
          http.sendAsync(
              post("/telegram", start(601, CHAT))
                  .header(WebhookServer.SECRET_HEADER, BotHarness.WEBHOOK_SECRET)
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      Thread.sleep(500);
      assertFalse(answer.isDone(), "no answer while the database cannot take the update");
    } finally {
      release.countDown();
      holder.join(5_000);
    }
    assertEquals(200, answer.get(10, TimeUnit.SECONDS).statusCode());
    var row =
        h.db.read(
            tx ->
                tx.one(
                    "SELECT body, applied_at FROM updates WHERE update_id = 601",
                    rs -> new String[] {rs.getString("body"), rs.getString("applied_at")}));
    assertTrue(row.isPresent(), "stored when answered");
    assertNotNull(row.get()[0]);
    assertNull(row.get()[1], "stored, not applied: the processor is stopped");

    // The same through the fake: Telegram's delivery answered 200, and the row is there.
    int id = h.api.userSendsCommand(CHAT, "/help");
    assertTrue(
        h.api.await(
            () -> h.api.webhookDeliveries().stream().anyMatch(d -> d.updateId() == id),
            BotHarness.WAIT));
    assertEquals(200, h.api.webhookDeliveries().get(0).status());
    assertEquals(
        1,
        (int)
            h.db.read(
                tx -> tx.count("SELECT COUNT(*) FROM updates WHERE update_id = ?", (long) id)));
  }

  @Test
  void anUpdateSentAgainIsAnsweredOkAndAppliedOnce() throws Exception {
    h = BotHarness.webhook(FakeBotApi.start(), dir);
    String update = start(701, CHAT);
    List<CompletableFuture<HttpResponse<String>>> together =
        List.of(
            http.sendAsync(
                post("/telegram", update)
                    .header(WebhookServer.SECRET_HEADER, BotHarness.WEBHOOK_SECRET)
                    .build(),
                HttpResponse.BodyHandlers.ofString()),
            http.sendAsync(
                post("/telegram", update)
                    .header(WebhookServer.SECRET_HEADER, BotHarness.WEBHOOK_SECRET)
                    .build(),
                HttpResponse.BodyHandlers.ofString()));
    for (var answer : together) {
      assertEquals(200, answer.get(10, TimeUnit.SECONDS).statusCode());
    }
    h.awaitText(CHAT, "store your answers");
    h.awaitIdle();
    assertEquals(200, deliver(update).statusCode(), "again after it was applied");
    h.awaitIdle();
    Thread.sleep(300);
    assertEquals(1, h.api.sent(CHAT).size(), "one answer: " + h.texts(CHAT));
    assertEquals(1, stored());
    assertEquals(1, h.bot.appliedCounter().get());
    assertEquals(3, h.bot.health().receivedCounter().get(), "received three times");
  }

  @Test
  void whileTheDatabaseRefusesWritesTheUpdateIsNotAcknowledgedAndTelegramsRetryIsApplied() {
    h = BotHarness.webhook(FakeBotApi.start(), dir);
    h.db.write(
        tx ->
            tx.update(
                "CREATE TRIGGER refuse_updates BEFORE INSERT ON updates"
                    + " BEGIN SELECT RAISE(ABORT, 'disk I/O error (from the test)'); END"));
    int id = h.api.userSendsCommand(CHAT, "/start");
    assertTrue(
        h.api.await(
            () -> h.api.webhookDeliveries().stream().filter(d -> d.status() == 503).count() >= 2,
            BotHarness.WAIT),
        "refused and sent again: " + h.api.webhookDeliveries());
    assertEquals(1, h.api.pendingUpdates(), "Telegram still holds it");
    assertEquals(0, stored());
    assertTrue(h.bot.health().storeError().contains("disk I/O error"), h.bot.health().storeError());
    assertEquals(List.of(), h.api.sent(CHAT));

    h.db.write(tx -> tx.update("DROP TRIGGER refuse_updates"));
    h.awaitText(CHAT, "store your answers");
    h.awaitIdle();
    var last = h.api.webhookDeliveries().get(h.api.webhookDeliveries().size() - 1);
    assertEquals(id, last.updateId());
    assertEquals(200, last.status());
    assertNull(h.bot.health().storeError());
    assertEquals(1, h.api.sent(CHAT).size(), h.texts(CHAT).toString());
  }

  @Test
  void aWholeOnboardingWorksOverTheWebhook() {
    h = BotHarness.webhook(FakeBotApi.start(), dir);
    h.startAndConsent(CHAT);
    for (String a : TelegramBotTest.DESK) {
      h.api.userSends(CHAT, a);
      h.awaitIdle();
    }
    h.awaitText(CHAT, "Your plan starts with");
    h.awaitIdle();
    var state = h.db.read(tx -> new UserRepository().load(tx, CHAT));
    assertEquals(Stage.READY, state.stage());
    assertEquals("poor_sitting", state.plan().fixes().get(0));
    assertTrue(h.api.await(() -> h.api.unansweredCallbacks().isEmpty(), BotHarness.WAIT));
    assertEquals(List.of(), h.api.calls("getUpdates"));
    assertTrue(h.api.webhookDeliveries().stream().allMatch(d -> d.status() == 200));
    assertEquals(List.of(), h.api.violations());
  }

  @Test
  void healthSaysWhenTelegramCannotDeliverAndTheWebhookIsSetAgainIfSomethingRemovesIt()
      throws Exception {
    WebhookRegistration.checkEvery = Duration.ofMillis(200);
    h = BotHarness.webhook(FakeBotApi.start(), dir);
    assertTrue(h.api.await(() -> h.api.webhookUrl() != null, BotHarness.WAIT));
    int port = h.bot.webhookPort();
    try (var closed = new java.net.ServerSocket(0)) {
      h.api.webhookProxy(closed.getLocalPort()); // a proxy forwarding nowhere useful
    }
    h.api.userSendsCommand(CHAT, "/start");
    var probe = h.bot.probes().webhookWarning();
    assertTrue(h.api.await(() -> probe.get() != null, BotHarness.WAIT));
    assertNull(
        h.bot.probes().webhookProblem().get(), "a warning: the fault is in front of the bot");
    assertTrue(probe.get().startsWith("Telegram cannot deliver to the webhook: "), probe.get());
    assertTrue(probe.get().contains("1 update(s) waiting"), probe.get());

    h.api.webhookProxy(port);
    h.awaitText(CHAT, "store your answers");
    assertTrue(h.api.await(() -> probe.get() == null, BotHarness.WAIT), probe.get());

    // Something else (a bot polling this token) deletes the webhook: it is set again.
    var delete =
        HttpRequest.newBuilder(
                URI.create(h.api.url() + "/bot" + FakeBotApi.TOKEN + "/deleteWebhook"))
            .POST(HttpRequest.BodyPublishers.noBody());
    assertEquals(200, send(delete).statusCode());
    assertTrue(h.api.await(() -> h.api.calls("setWebhook").size() == 2, BotHarness.WAIT));
    assertEquals(BotHarness.WEBHOOK_URL, h.api.webhookUrl());
    h.api.userSends(CHAT, "yes");
    h.awaitText(CHAT, "Question 1 of");
  }

  @Test
  void startingInPollingModeAfterwardsDeletesTheWebhookAndGetsWhatWaited() {
    FakeBotApi api = FakeBotApi.start();
    h = BotHarness.webhook(api, dir);
    h.api.userSendsCommand(CHAT, "/start");
    h.awaitText(CHAT, "store your answers");
    h.awaitIdle();
    h.bot.close();
    h.db.close();
    int setCalls = api.calls().size();

    // Sent while the bot is down: Telegram keeps it for whichever way the bot comes back.
    api.userSends(CHAT, "yes");
    h = new BotHarness(api, dir, BotHarness.fast());
    h.awaitText(CHAT, "Question 1 of");
    List<String> after = api.callsFrom(setCalls).stream().map(FakeBotApi.Call::method).toList();
    assertEquals("deletewebhook", after.get(0), after.toString());
    assertNull(api.webhookUrl());
    assertTrue(api.calls("getUpdates").size() > 0);
    assertEquals(List.of(), api.violations());
  }
}
