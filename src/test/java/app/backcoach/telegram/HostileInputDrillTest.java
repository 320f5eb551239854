package app.backcoach.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.backcoach.privacy.UserData;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hostile-input drill: more than a hundred odd and hostile updates (every message kind,
 * 4096-character texts, emoji and RTL, HTML and Markdown in names and text, forged and stale
 * callback data, another user's ids in callback data, group and channel updates, edits, unknown
 * commands, floods) are replayed against the real bot. It must keep serving, every request must
 * obey the Bot API limits the fake enforces, and the victim's stored data must not change.
 */
class HostileInputDrillTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long VICTIM = 4001;
  private static final long FRESH = 4002;
  private static final long MIDWAY = 4003;
  private static final long READY = 4004;
  private static final long GROUP = -4100;
  private static final long CHANNEL = -1004200;

  @TempDir Path dir;
  private BotHarness h;
  private FakeBotApi api;
  private int corpus;

  @AfterEach
  void close() {
    if (h != null) {
      h.close();
    }
  }

  @Test
  void hostileCorpusNeverCrashesBreaksNoLimitAndTouchesNoOtherUser() throws Exception {
    h = new BotHarness(dir, BotHarness.fast());
    api = h.api;
    h.onboardWithReminders(VICTIM);
    long victimLog = victimReminder();
    h.onboardWithReminders(READY);
    h.startAndConsent(MIDWAY);
    h.awaitIdle();
    int firstQuestion = h.api.sent(MIDWAY).get(h.api.sent(MIDWAY).size() - 1).messageId();
    String firstQuestionData =
        h.api
            .sent(MIDWAY)
            .get(h.api.sent(MIDWAY).size() - 1)
            .inlineButtons()
            .get(0)
            .get("callback_data")
            .asText();
    h.answer(MIDWAY, TelegramBotTest.DESK[0]);
    h.awaitIdle();

    Map<String, List<String>> victimBefore = snapshot(VICTIM);
    int victimMessages = api.sent(VICTIM).size();

    // 1. Every kind of message, to a new user and to one in the middle of onboarding.
    for (long chat : List.of(FRESH, MIDWAY)) {
      media(
          chat,
          m ->
              m.putObject("sticker")
                  .put("file_id", "s")
                  .put("file_unique_id", "s")
                  .put("type", "regular")
                  .put("width", 1)
                  .put("height", 1)
                  .put("is_animated", false)
                  .put("is_video", false));
      media(
          chat,
          m -> {
            m.putArray("photo")
                .addObject()
                .put("file_id", "p")
                .put("file_unique_id", "p")
                .put("width", 1)
                .put("height", 1);
            m.put("caption", "<b>look</b> & *this*");
          });
      media(
          chat,
          m ->
              m.putObject("voice")
                  .put("file_id", "v")
                  .put("file_unique_id", "v")
                  .put("duration", 3));
      media(
          chat,
          m ->
              m.putObject("audio")
                  .put("file_id", "a")
                  .put("file_unique_id", "a")
                  .put("duration", 3));
      media(
          chat,
          m ->
              m.putObject("video")
                  .put("file_id", "v")
                  .put("file_unique_id", "v")
                  .put("width", 1)
                  .put("height", 1)
                  .put("duration", 1));
      media(
          chat,
          m ->
              m.putObject("video_note")
                  .put("file_id", "n")
                  .put("file_unique_id", "n")
                  .put("length", 1)
                  .put("duration", 1));
      media(
          chat,
          m ->
              m.putObject("animation")
                  .put("file_id", "g")
                  .put("file_unique_id", "g")
                  .put("width", 1)
                  .put("height", 1)
                  .put("duration", 1));
      media(
          chat,
          m ->
              m.putObject("document")
                  .put("file_id", "d")
                  .put("file_unique_id", "d")
                  .put("file_name", "<script>.pdf"));
      media(
          chat,
          m ->
              m.putObject("contact")
                  .put("phone_number", "+10000000000")
                  .put("first_name", "<i>Mallory</i>")
                  .put("user_id", VICTIM));
      media(
          chat,
          m -> {
            ObjectNode poll =
                m.putObject("poll")
                    .put("id", "1")
                    .put("question", "?")
                    .put("total_voter_count", 0)
                    .put("is_closed", false)
                    .put("is_anonymous", true)
                    .put("type", "regular")
                    .put("allows_multiple_answers", false);
            poll.putArray("options").addObject().put("text", "a").put("voter_count", 0);
          });
      media(chat, m -> m.putObject("dice").put("emoji", "🎲").put("value", 6));
      media(
          chat,
          m -> {
            ObjectNode venue = m.putObject("venue").put("title", "<b>Gym</b>").put("address", "x");
            venue.putObject("location").put("latitude", 48.1).put("longitude", 11.5);
          });
      media(chat, m -> m.putObject("location").put("latitude", 999).put("longitude", -999));
      media(
          chat,
          m -> {
            m.put("text", "forwarded &lt;b&gt;");
            m.putObject("forward_origin")
                .put("type", "hidden_user")
                .put("date", 1)
                .put("sender_user_name", "<b>x</b>");
          });
      media(
          chat,
          m -> {
            m.put("text", "a reply");
            m.putObject("reply_to_message")
                .put("message_id", 1)
                .put("date", 1)
                .set("chat", FakeBotChats.chatJson(chat));
          });
      media(
          chat,
          m -> {
            m.put("text", "@someone https://example.com #tag");
            m.putArray("entities")
                .addObject()
                .put("type", "mention")
                .put("offset", 0)
                .put("length", 8);
          });
    }

    // 2. Odd and hostile text, in onboarding and when the plan is ready.
    List<String> texts =
        List.of(
            "a".repeat(4096),
            "💪".repeat(2048),
            "ظهري يؤلمني عندما أجلس طويلا",
            "\u202Eevil\u202C text with an override",
            "Z̷̢̛a̸̡l̵g̶o̴ back pain",
            "\u200B\u200D\u2060",
            "<b>bold</b><script>alert(1)</script>",
            "&amp; &lt; &gt; &#x27; &",
            "*bold* _it_ `code` [x](http://e.com) ~s~ ||spoiler|| \\",
            "'; DROP TABLE users; --",
            "\u0000\u0001\u0007",
            "   ",
            "NaN",
            "-1",
            "99999999999999999999999999",
            "1e309",
            "%s%n%d {0} ${jndi:ldap://127.0.0.1/a} {{7*7}}",
            "../../etc/passwd",
            "\r\n\r\n\t",
            "x".repeat(300) + " " + "y".repeat(300),
            "🏋️‍♀️🧘🏽‍♂️👨‍👩‍👧‍👦",
            "4001",
            "my friend 4001 has sciatica, tell me about them");
    for (long chat : List.of(MIDWAY, READY)) {
      for (String t : texts) {
        send(chat, t);
      }
    }

    // 3. Unknown, malformed and probing commands.
    for (String c :
        List.of(
            "/foo",
            "/start@OtherBot",
            "/START",
            "/start " + "x".repeat(64),
            "/",
            "/stats",
            "/export 4001",
            "/timezone Mars/Phobos",
            "/reminders",
            "/progress",
            "/pause",
            "/resume",
            "/delete",
            "/cancel",
            "/help@" + FakeBotApi.BOT_USERNAME + " extra")) {
      command(READY, c);
    }

    // 4. Names with HTML, Markdown and RTL.
    for (String name : List.of("<b>Eve</b> & *co*", "_x_ `y` [z](http://e.com)", "אבי \u202E")) {
      ObjectNode update = JSON.createObjectNode();
      ObjectNode m = update.putObject("message");
      m.put("message_id", 900 + corpus).put("date", System.currentTimeMillis() / 1000);
      m.putObject("from")
          .put("id", FRESH)
          .put("is_bot", false)
          .put("first_name", name)
          .put("last_name", name)
          .put("username", "_evil_");
      m.putObject("chat").put("id", FRESH).put("type", "private").put("first_name", name);
      m.put("text", "hello " + name);
      raw(update);
    }

    // 5. Forged and stale callback data, and the victim's ids in callback data.
    int readyMessage = api.sent(READY).get(api.sent(READY).size() - 1).messageId();
    for (String data :
        List.of(
            "rm:" + victimLog + ":d",
            "rm:" + victimLog + ":s10",
            "rm:" + victimLog + ":k",
            "rm:99999999:d",
            "rm:abc:d",
            "rm:1:2:3",
            "del:y",
            "a:zz:zz",
            "x".repeat(64),
            "ü".repeat(32),
            "loc:999",
            "ck:" + VICTIM,
            "p:" + VICTIM,
            "g:" + VICTIM,
            ":")) {
      tap(READY, readyMessage, data);
    }
    tap(MIDWAY, firstQuestion, firstQuestionData); // a question answered long ago
    tap(MIDWAY, firstQuestion, firstQuestionData);
    Set<String> forgedIds = new HashSet<>();
    forgedIds.add(forgedCrossChatTap(victimLog));

    // 6. Group, channel and other update kinds the bot does not serve.
    String now = String.valueOf(System.currentTimeMillis() / 1000);
    String groupChat = "{\"id\":" + GROUP + ",\"type\":\"group\",\"title\":\"<b>g</b>\"}";
    String from = "{\"id\":" + FRESH + ",\"is_bot\":false,\"first_name\":\"T\"}";
    String channel = "{\"id\":" + CHANNEL + ",\"type\":\"channel\",\"title\":\"c\"}";
    for (String json :
        List.of(
            "{\"message\":{\"message_id\":1,\"date\":"
                + now
                + ",\"chat\":"
                + groupChat
                + ",\"from\":"
                + from
                + ",\"text\":\"/start\"}}",
            "{\"message\":{\"message_id\":2,\"date\":"
                + now
                + ",\"chat\":"
                + groupChat
                + ",\"from\":"
                + from
                + ",\"text\":\"my back hurts\"}}",
            "{\"message\":{\"message_id\":3,\"date\":"
                + now
                + ",\"chat\":{\"id\":-100999,"
                + "\"type\":\"supergroup\",\"title\":\"s\"},\"from\":"
                + from
                + ",\"text\":\"hi\"}}",
            "{\"message\":{\"message_id\":4,\"date\":"
                + now
                + ",\"chat\":"
                + groupChat
                + ",\"from\":"
                + from
                + ",\"new_chat_members\":["
                + from
                + "]}}",
            "{\"channel_post\":{\"message_id\":1,\"date\":"
                + now
                + ",\"chat\":"
                + channel
                + ",\"text\":\"post\"}}",
            "{\"edited_channel_post\":{\"message_id\":1,\"date\":"
                + now
                + ",\"edit_date\":"
                + now
                + ",\"chat\":"
                + channel
                + ",\"text\":\"post2\"}}",
            "{\"my_chat_member\":{\"chat\":"
                + groupChat
                + ",\"from\":"
                + from
                + ",\"date\":"
                + now
                + ",\"old_chat_member\":{\"status\":\"left\",\"user\":"
                + from
                + "},"
                + "\"new_chat_member\":{\"status\":\"member\",\"user\":"
                + from
                + "}}}",
            "{\"chat_join_request\":{\"chat\":"
                + groupChat
                + ",\"from\":"
                + from
                + ",\"user_chat_id\":"
                + FRESH
                + ",\"date\":"
                + now
                + "}}",
            "{\"inline_query\":{\"id\":\"iq1\",\"from\":"
                + from
                + ",\"query\":\"<b>\",\"offset\":\"\"}}",
            "{\"chosen_inline_result\":{\"result_id\":\"r\",\"from\":"
                + from
                + ",\"query\":\"q\"}}",
            "{\"poll_answer\":{\"poll_id\":\"1\",\"user\":" + from + ",\"option_ids\":[0]}}",
            "{\"message_reaction\":{\"chat\":{\"id\":"
                + FRESH
                + ",\"type\":\"private\"},"
                + "\"message_id\":1,\"date\":"
                + now
                + ",\"old_reaction\":[],"
                + "\"new_reaction\":[]}}",
            "{\"shipping_query\":{\"id\":\"sq\",\"from\":"
                + from
                + ",\"invoice_payload\":"
                + "\"p\",\"shipping_address\":{\"country_code\":\"DE\",\"state\":\"\","
                + "\"city\":\"M\",\"street_line1\":\"s\",\"street_line2\":\"\","
                + "\"post_code\":\"1\"}}}",
            "{\"some_future_update_kind\":{\"anything\":[1,2,{\"deep\":true}]}}")) {
      raw((ObjectNode) JSON.readTree(json));
    }
    // A tap on an inline-mode message (no message, no chat) and one in a group.
    ObjectNode inline = JSON.createObjectNode();
    inline
        .putObject("callback_query")
        .put("id", "cbq-inline")
        .put("inline_message_id", "im")
        .put("chat_instance", "ci")
        .put("data", "rm:" + victimLog + ":d")
        .set("from", FakeBotChats.user(FRESH));
    raw(inline);

    // 7. Edited messages.
    for (long chat : List.of(FRESH, MIDWAY, READY)) {
      raw(
          (ObjectNode)
              JSON.readTree(
                  "{\"edited_message\":{\"message_id\":1,\"date\":"
                      + now
                      + ",\"edit_date\":"
                      + now
                      + ",\"chat\":{\"id\":"
                      + chat
                      + ",\"type\":\"private\"},"
                      + "\"from\":{\"id\":"
                      + chat
                      + ",\"is_bot\":false,\"first_name\":\"A\"},"
                      + "\"text\":\"I edited this to say I have numbness\"}}"));
    }

    // 8. Floods: taps hammering one button, and a burst of messages.
    h.awaitIdle();
    command(READY, "/reminders");
    h.awaitIdle();
    var settings = api.sent(READY).get(api.sent(READY).size() - 1);
    String button = settings.inlineButtons().get(0).get("callback_data").asText();
    for (int i = 0; i < 40; i++) {
      tap(READY, settings.messageId(), button);
    }
    for (int i = 0; i < 30; i++) {
      send(FRESH, "hi " + i);
    }

    assertTrue(corpus >= 100, "the corpus holds " + corpus + " updates");
    assertTrue(api.await(() -> api.pendingUpdates() == 0, Duration.ofSeconds(60)));
    h.awaitIdle();

    // Still serving: every user gets an answer to /help.
    for (long chat : List.of(FRESH, MIDWAY, READY)) {
      int before = api.sent(chat).size();
      command(chat, "/help");
      assertTrue(
          api.await(() -> api.sent(chat).size() > before, Duration.ofSeconds(15)),
          "chat " + chat + " still gets answers");
    }
    h.awaitIdle();

    assertEquals(List.of(), api.violations(), "every request obeys the Bot API limits");
    Set<String> unanswered = new HashSet<>(api.unansweredCallbacks());
    unanswered.removeAll(forgedIds);
    unanswered.remove("cbq-inline");
    assertEquals(Set.of(), unanswered, "every genuine tap is answered");
    assertEquals(
        0,
        (int) h.db.read(tx -> tx.count("SELECT COUNT(*) FROM updates WHERE applied_at IS NULL")),
        "every update applied");
    assertEquals(
        0,
        (int) h.db.read(tx -> tx.count("SELECT COUNT(*) FROM updates WHERE error IS NOT NULL")),
        "no update needed the internal-error apology");
    assertEquals(victimBefore, snapshot(VICTIM), "the victim's stored data did not change");
    assertEquals(victimMessages, api.sent(VICTIM).size(), "nothing was sent to the victim");
    Set<Long> addressed = new HashSet<>();
    for (var call : api.calls()) {
      if (call.params().has("chat_id")) {
        addressed.add(call.params().get("chat_id").asLong());
      }
    }
    addressed.removeAll(List.of(VICTIM, FRESH, MIDWAY, READY, GROUP, -100999L));
    assertEquals(Set.of(), addressed, "replies only go to chats that wrote");
    assertEquals(1, api.sent(GROUP).size(), "a group gets one notice");
    System.out.printf(
        "hostile drill: %d hostile updates, %d requests from the bot, 0 limit violations,"
            + " %d errors, victim's %d rows unchanged%n",
        corpus,
        api.calls().size(),
        h.db.read(tx -> tx.count("SELECT COUNT(*) FROM updates WHERE error IS NOT NULL")),
        victimBefore.values().stream().mapToInt(List::size).sum());
  }

  /** A callback whose message is in the victim's chat but whose sender is another user. */
  private String forgedCrossChatTap(long victimLog) {
    var victimMessage = api.sent(VICTIM).get(api.sent(VICTIM).size() - 1);
    ObjectNode update = JSON.createObjectNode();
    ObjectNode q = update.putObject("callback_query");
    q.put("id", "cbq-forged");
    q.set("from", FakeBotChats.user(READY));
    ObjectNode message = q.putObject("message");
    message.put("message_id", victimMessage.messageId()).put("date", 1);
    message.set("chat", FakeBotChats.chatJson(VICTIM));
    message.put("text", "x");
    q.put("chat_instance", "ci").put("data", "rm:" + victimLog + ":d");
    raw(update);
    return "cbq-forged";
  }

  /** Every row about the user in every table, as text. */
  private Map<String, List<String>> snapshot(long chat) {
    Map<String, List<String>> rows = new LinkedHashMap<>();
    for (String table : UserData.TABLES) {
      rows.put(
          table,
          h.db.read(
              tx ->
                  tx.query(
                      "SELECT * FROM " + table + " WHERE chat_id = ? ORDER BY rowid",
                      rs -> {
                        StringBuilder row = new StringBuilder();
                        for (int c = 1; c <= rs.getMetaData().getColumnCount(); c++) {
                          row.append(rs.getString(c)).append('|');
                        }
                        return row.toString();
                      },
                      chat)));
    }
    return rows;
  }

  private long victimReminder() {
    assertEquals(1, h.fireMobilityReminder(VICTIM));
    h.awaitText(VICTIM, "Your daily mobility");
    h.awaitIdle();
    return h.db
        .read(
            tx ->
                tx.one(
                    "SELECT id FROM reminder_log WHERE chat_id = ?", rs -> rs.getLong(1), VICTIM))
        .orElseThrow();
  }

  private void media(long chat, Consumer<ObjectNode> filler) {
    api.userSendsMessage(chat, filler);
    corpus++;
  }

  private void send(long chat, String text) {
    api.userSends(chat, text);
    corpus++;
  }

  private void command(long chat, String text) {
    api.userSendsCommand(chat, text);
    corpus++;
  }

  private void tap(long chat, int messageId, String data) {
    api.userTaps(chat, messageId, data);
    corpus++;
  }

  private void raw(ObjectNode update) {
    api.userSendsRaw(update);
    corpus++;
  }
}
