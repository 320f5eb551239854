package app.backcoach.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.backcoach.TestContent;
import app.backcoach.chat.UserRepository;
import app.backcoach.conversation.Engine;
import app.backcoach.conversation.Stage;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bot end to end through the real telegrambots poller and client, against a fake Bot API on
 * loopback.
 */
class TelegramBotTest {
  /** The desk worker's answers, typed as a Telegram user would. */
  static final String[] DESK = app.backcoach.ConsoleScript.DESK_WORKER;

  @TempDir Path dir;
  BotHarness h;

  @AfterEach
  void close() {
    if (h != null) {
      h.close();
    }
  }

  /** Sends one answer and waits until the bot has applied it. */
  void answer(long chat, String text) {
    h.api.userSends(chat, text);
    h.awaitIdle();
  }

  @Test
  void wholeOnboardingByTypingAndTappingEndsInAPlan() {
    h = new BotHarness(dir, BotHarness.fast());
    long chat = 1001;
    startAndConsent(chat);
    for (String a : DESK) {
      answer(chat, a);
    }
    h.awaitText(chat, "Your plan starts with");
    h.awaitIdle();
    var state = h.db.read(tx -> new UserRepository().load(tx, chat));
    assertEquals(Stage.READY, state.stage());
    assertEquals("poor_sitting", state.plan().fixes().get(0));
    assertEquals(List.of(), h.api.violations());
    assertTrue(h.api.await(() -> h.api.unansweredCallbacks().isEmpty(), BotHarness.WAIT));
  }

  @Test
  void startIsAnsweredInOneMessageWithTheNoteAndTheConsentButtons() {
    h = new BotHarness(dir, BotHarness.fast());
    long chat = 1014;
    h.api.userSendsCommand(chat, "/start");
    var consent = h.awaitText(chat, "store your answers");
    h.awaitIdle();
    assertEquals(1, h.api.sent(chat).size(), "one message: " + h.api.sent(chat));
    assertTrue(consent.text().startsWith("Hi, I'm backcoach"), consent.text());
    assertTrue(consent.text().contains("\n\nBefore we start"), "the note as its own paragraph");
    assertTrue(consent.text().contains("not medical advice"), consent.text());
    assertEquals(
        2,
        consent.replyMarkup().path("inline_keyboard").get(0).size()
            + consent.replyMarkup().path("inline_keyboard").path(1).size());
    assertEquals(List.of(), h.api.violations());
  }

  @Test
  void aJoinedMessageKeepsEachPartsBoldTitleWhenItsTappedAnswerIsMarked() {
    h = new BotHarness(dir, BotHarness.fast());
    long chat = 1015;
    h.startAndConsent(chat);
    h.api.userSends(chat, "purple elephants");
    var again = h.awaitText(chat, "couldn't match that");
    assertTrue(again.text().contains("\n\nQuestion 1 of 18\n"), again.text());
    assertTrue(again.rawText().contains("\n\n<b>Question 1 of 18</b>\n"), again.rawText());
    h.tap(chat, "Mostly sitting at a desk");
    h.awaitText(chat, "Question 2 of");
    h.awaitIdle();
    var marked = h.now(chat, again);
    assertTrue(marked.text().contains("\u2714 Mostly sitting at a desk"), marked.text());
    assertTrue(marked.rawText().contains("\n\n<b>Question 1 of 18</b>\n"), marked.rawText());
    assertTrue(marked.rawText().startsWith("Sorry, I couldn't match"), marked.rawText());
    assertEquals(List.of(), h.api.violations());
  }

  @Test
  void tappedQuestionIsEditedToShowTheAnswerWithoutButtons() {
    h = new BotHarness(dir, BotHarness.fast());
    long chat = 1002;
    h.api.userSendsCommand(chat, "/start");
    var consent = h.awaitText(chat, "store your answers");
    h.tap(chat, "Yes, store my answers");
    h.awaitText(chat, "Question 1 of");
    h.awaitIdle();
    var edited = h.now(chat, consent);
    assertTrue(edited.text().contains("\u2714 Yes, store my answers"), edited.text());
    assertTrue(
        edited.replyMarkup() == null || edited.replyMarkup().path("inline_keyboard").isEmpty(),
        "buttons removed: " + edited.replyMarkup());
  }

  @Test
  void tapOnAnOldKeyboardGetsANoticeAndChangesNothing() {
    h = new BotHarness(dir, BotHarness.fast());
    long chat = 1003;
    h.api.userSendsCommand(chat, "/start");
    h.awaitText(chat, "store your answers");
    h.tap(chat, "Yes, store my answers");
    var q1 = h.awaitText(chat, "Question 1 of");
    answer(chat, "desk");
    h.api.userTaps(chat, q1.messageId(), "a:day_kind:on_feet");
    h.awaitIdle();
    var answerCall =
        h.api.calls().stream().filter(c -> c.method().equals("answercallbackquery")).toList();
    assertTrue(
        answerCall.stream()
            .anyMatch(c -> c.params().path("text").asText().contains("earlier message")),
        "a notice explains the stale tap");
    var state = h.db.read(tx -> new UserRepository().load(tx, chat));
    assertEquals(List.of("desk"), state.answers().get("day_kind").options());
  }

  @Test
  void commandMenuIsPublishedAtStartup() {
    h = new BotHarness(dir, BotHarness.fast());
    assertTrue(
        h.api.await(
            () -> h.api.calls().stream().anyMatch(c -> c.method().equals("setmycommands")),
            BotHarness.WAIT));
    var call =
        h.api.calls().stream()
            .filter(c -> c.method().equals("setmycommands"))
            .findFirst()
            .orElseThrow();
    var names = new java.util.HashSet<String>();
    call.params().get("commands").forEach(c -> names.add(c.get("command").asText()));
    assertTrue(names.containsAll(Set.of("start", "help", "plan", "cancel")), names.toString());
  }

  @Test
  void failedCommandMenuDoesNotStopServing() {
    FakeBotApi api = FakeBotApi.start();
    api.failNext("setmycommands", 500, "Internal Server Error", null);
    h = new BotHarness(api, dir, BotHarness.fast());
    h.api.userSendsCommand(1004, "/help");
    h.awaitText(1004, "/plan");
  }

  @Test
  void groupChatsGetOneNoticeThenSilence() throws Exception {
    h = new BotHarness(dir, BotHarness.fast());
    ObjectMapper json = new ObjectMapper();
    for (int i = 0; i < 3; i++) {
      ObjectNode update =
          (ObjectNode)
              json.readTree(
                  "{\"message\":{\"message_id\":"
                      + (10 + i)
                      + ",\"date\":1700000000,"
                      + "\"chat\":{\"id\":-500,\"type\":\"group\",\"title\":\"Gym buddies\"},"
                      + "\"from\":{\"id\":77,\"is_bot\":false,\"first_name\":\"A\"},\"text\":\"/start\"}}");
      h.api.userSendsRaw(update);
    }
    h.awaitIdle();
    assertEquals(1, h.api.sent(-500).size());
    assertTrue(h.api.sent(-500).get(0).text().contains("private"));
  }

  @Test
  void stickerPhotoAndEditedMessagesAreHandledSafely() throws Exception {
    h = new BotHarness(dir, BotHarness.fast());
    ObjectMapper json = new ObjectMapper();
    long chat = 1005;
    h.api.userSendsRaw(
        (ObjectNode)
            json.readTree(
                "{\"message\":{\"message_id\":5,\"date\":1700000000,\"chat\":{\"id\":1005,\"type\":\"private\"},"
                    + "\"from\":{\"id\":1005,\"is_bot\":false,\"first_name\":\"A\"},"
                    + "\"sticker\":{\"file_id\":\"x\",\"file_unique_id\":\"y\",\"type\":\"regular\",\"width\":1,\"height\":1,"
                    + "\"is_animated\":false,\"is_video\":false}}}"));
    h.awaitText(chat, "sticker");
    h.api.userSendsRaw(
        (ObjectNode)
            json.readTree(
                "{\"edited_message\":{\"message_id\":6,\"date\":1700000000,\"edit_date\":1700000001,"
                    + "\"chat\":{\"id\":1005,\"type\":\"private\"},\"from\":{\"id\":1005,\"is_bot\":false,\"first_name\":\"A\"},"
                    + "\"text\":\"edited\"}}"));
    h.api.userSendsRaw(
        (ObjectNode)
            json.readTree(
                "{\"message_reaction\":{\"chat\":{\"id\":1005,\"type\":\"private\"},\"message_id\":6,\"date\":1700000000,"
                    + "\"old_reaction\":[],\"new_reaction\":[]}}"));
    h.awaitIdle();
    assertEquals(1, h.api.sent(chat).size(), h.texts(chat).toString());
    assertEquals(List.of(), h.api.violations());
  }

  @Test
  void userTextWithHtmlIsEscapedInReplies() {
    h = new BotHarness(dir, BotHarness.fast());
    long chat = 1006;
    startAndConsent(chat);
    for (int i = 0; i < 3; i++) {
      answer(chat, DESK[i]); // the desk worker does not train: the time zone is question 4
    }
    answer(chat, "<b>Atlantis</b> & co");
    h.awaitText(chat, "<b>Atlantis</b> & co");
    assertEquals(List.of(), h.api.violations());
  }

  @Test
  void timeZoneQuestionOffersLocationAndAcceptsIt() {
    var content = TestContent.bundle();
    h =
        new BotHarness(
            FakeBotApi.start(),
            dir,
            BotHarness.fast(),
            Duration.ofSeconds(30),
            new Engine(
                content,
                app.backcoach.conversation.Search.NONE,
                app.backcoach.safety.RedFlagScreen.forBundle(content),
                new app.backcoach.zones.MapZoneFinder()));
    long chat = 1007;
    startAndConsent(chat);
    for (int i = 0; i < 3; i++) {
      answer(chat, DESK[i]); // the desk worker does not train: the time zone is question 4
    }
    var prompt = h.awaitText(chat, "share your location");
    assertTrue(
        prompt.replyMarkup().path("keyboard").get(0).get(0).path("request_location").asBoolean());
    h.api.userSharesLocation(chat, 48.1, 11.6); // Munich
    var set = h.awaitText(chat, "your time zone is Europe/Berlin");
    assertTrue(set.replyMarkup().path("remove_keyboard").asBoolean(), set.replyMarkup().toString());
    h.awaitText(chat, "Where does your back bother you");
    assertEquals(List.of(), h.api.violations());
  }

  @Test
  void aCityTypedInsteadOfTheLocationRemovesTheLocationKeyboard() {
    h = new BotHarness(dir, BotHarness.fast());
    long chat = 1017;
    startAndConsent(chat);
    for (int i = 0; i < 3; i++) {
      answer(chat, DESK[i]);
    }
    h.awaitText(chat, "share your location");
    answer(chat, "Berlin");
    var set = h.awaitText(chat, "your time zone is Europe/Berlin");
    assertTrue(set.replyMarkup().path("remove_keyboard").asBoolean(), set.replyMarkup().toString());
    assertEquals(List.of(), h.api.violations());
  }

  @Test
  void deepLinkAndAddressedCommandsWork() {
    h = new BotHarness(dir, BotHarness.fast());
    h.api.userSendsCommand(1008, "/start from_gym_poster");
    h.awaitText(1008, "store your answers");
    h.api.userSendsCommand(1009, "/help@backcoach_test_bot");
    h.awaitText(1009, "/plan");
  }

  @Test
  void deskDeepLinkSkipsTheFirstQuestion() {
    h = new BotHarness(dir, BotHarness.fast());
    h.api.userSendsCommand(1018, "/start desk");
    h.awaitText(1018, "store your answers");
    h.tap(1018, "Yes, store my answers");
    h.awaitText(1018, "Your link told me this already: Mostly sitting at a desk");
    assertEquals(List.of(), h.api.violations());
  }

  @Test
  void longTextUpToTelegramsLimitIsHandled() {
    h = new BotHarness(dir, BotHarness.fast());
    h.api.userSendsCommand(1010, "/start");
    h.awaitText(1010, "store your answers");
    h.api.userSends(1010, "x".repeat(4096));
    h.awaitText(1010, "couldn't match");
    assertEquals(List.of(), h.api.violations());
  }

  @Test
  void serverErrorsAndRateLimitsAreRetriedUntilDelivered() {
    FakeBotApi api = FakeBotApi.start();
    api.failNext("sendmessage", 500, "Internal Server Error", null);
    api.failNext("sendmessage", 429, "Too Many Requests: retry after 1", 1);
    h = new BotHarness(api, dir, BotHarness.fast());
    h.api.userSendsCommand(1011, "/help");
    h.awaitText(1011, "/plan");
    assertEquals(1, h.api.sent(1011).size(), "delivered once, not duplicated");
  }

  @Test
  void blockedUserIsMarkedInactive() {
    h = new BotHarness(dir, BotHarness.fast());
    h.api.blockBy(1012);
    h.api.userSendsCommand(1012, "/start");
    assertTrue(
        h.api.await(
            () ->
                h.db.read(
                        tx ->
                            tx.count(
                                "SELECT COUNT(*) FROM users WHERE chat_id = 1012 AND active = 0"))
                    == 1,
            BotHarness.WAIT));
    h.awaitIdle();
    long sends = h.api.calls().stream().filter(c -> c.method().equals("sendmessage")).count();
    assertEquals(1, sends, "after the first 403 nothing more is tried");
  }

  @Test
  void storedUpdatesAreNotAppliedTwiceWhenTheServerRepeatsThem() {
    h = new BotHarness(dir, BotHarness.fast());
    h.api.userSendsCommand(1013, "/start");
    h.awaitText(1013, "store your answers");
    h.awaitIdle();
    int before = h.api.sent(1013).size();
    h.bot
        .restartPolling(); // a new session starts without an offset: unconfirmed updates would come
    // again
    h.api.userSendsCommand(1013, "/help");
    h.awaitText(1013, "/plan");
    h.awaitIdle();
    assertEquals(before + 1, h.api.sent(1013).size());
    assertFalse(h.api.violations().stream().anyMatch(v -> v.contains("409")));
  }

  private void onboardWithReminders(long chat) {
    h.onboardWithReminders(chat);
  }

  @Test
  void realReminderArrivesAndDoneIsRecorded() {
    h = new BotHarness(dir, BotHarness.fast());
    long chat = 1020;
    onboardWithReminders(chat);
    assertEquals(1, h.fireMobilityReminder(chat));
    var reminder = h.awaitText(chat, "Your daily mobility");
    h.tap(chat, "Done");
    h.awaitIdle();
    assertEquals(
        "done",
        h.db
            .read(
                tx ->
                    tx.one(
                        "SELECT outcome FROM reminder_log WHERE chat_id = ?",
                        rs -> rs.getString(1),
                        chat))
            .orElseThrow());
    var edited =
        h.api.sent(chat).stream()
            .filter(m -> m.messageId() == reminder.messageId())
            .findFirst()
            .orElseThrow();
    assertTrue(edited.text().contains("\u2714 \u2705 Done"), edited.text());
    assertEquals(List.of(), h.api.violations());
  }

  @Test
  void progressChartArrivesAsOnePhotoWithTheSummaryAsItsCaption() {
    h = new BotHarness(dir, BotHarness.fast());
    long chat = 1021;
    onboardWithReminders(chat);
    answer(chat, "/checkin");
    for (String a : new String[] {"3", "2", "about right", "none"}) {
      answer(chat, a);
    }
    h.api.userSendsCommand(chat, "/progress");
    var chart = h.awaitText(chat, "Pain at your last check-in: 3/10");
    assertEquals("sendphoto", chart.method());
    assertTrue(chart.text().contains("No streak right now"), chart.text());
    assertEquals(
        1,
        h.api.sent(chat).stream().filter(m -> m.text().contains("Pain at your last")).count(),
        "the summary is the caption, not a message of its own");
    assertEquals(List.of(), h.api.violations());
  }

  /** /start and consent, arriving at the first question. */
  private void startAndConsent(long chat) {
    h.startAndConsent(chat);
  }

  @Test
  void exportArrivesAsADocumentAndDeleteErasesTheUser() {
    h = new BotHarness(dir, BotHarness.fast());
    long chat = 1022;
    onboardWithReminders(chat);
    h.api.userSendsCommand(chat, "/export");
    assertTrue(
        h.api.await(
            () -> h.api.sent(chat).stream().anyMatch(m -> m.method().equals("senddocument")),
            BotHarness.WAIT),
        "export sent with sendDocument");
    h.api.userSendsCommand(chat, "/delete");
    h.awaitText(chat, "erases everything");
    h.tap(chat, "Yes, delete everything");
    h.awaitText(chat, "everything I stored about you is deleted");
    h.awaitIdle();
    assertEquals(
        0, (int) h.db.read(tx -> tx.count("SELECT COUNT(*) FROM users WHERE chat_id = ?", chat)));
    assertEquals(
        0, (int) h.db.read(tx -> tx.count("SELECT COUNT(*) FROM outbox WHERE chat_id = ?", chat)));
    assertEquals(List.of(), h.api.violations());
  }
}
