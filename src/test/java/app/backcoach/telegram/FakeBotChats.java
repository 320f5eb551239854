package app.backcoach.telegram;

import static app.backcoach.telegram.FakeBotHttp.JSON;

import app.backcoach.telegram.FakeBotApi.ApiError;
import app.backcoach.telegram.FakeBotApi.Sent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The chats of {@link FakeBotApi} and the Bot API methods acting on them (send, edit, delete,
 * callbacks, commands, rate limits). Not thread-safe: FakeBotApi calls it under its lock.
 */
final class FakeBotChats {
  private static final String NOT_MODIFIED =
      "Bad Request: message is not modified: specified new message content and reply markup are"
          + " exactly the same as a current content and reply markup of the message";
  private static final String QUERY_TOO_OLD =
      "Bad Request: query is too old and response timeout expired or query ID is invalid";

  private static final class Msg {
    final int id;
    final long chatId;
    final long seq;
    final String method;
    final boolean silent;
    final long at = System.currentTimeMillis();
    final ObjectNode media; // {"photo": [...]} or {"document": {...}}; null for text
    String text;
    String parseMode;
    String plain;
    ArrayNode entities;
    JsonNode markup;
    long editDate;

    Msg(int id, long chatId, long seq, String method, boolean silent, ObjectNode media) {
      this.id = id;
      this.chatId = chatId;
      this.seq = seq;
      this.method = method;
      this.silent = silent;
      this.media = media;
    }

    Sent snapshot() {
      JsonNode markupCopy = markup == null ? null : markup.deepCopy();
      return new Sent(id, chatId, method, plain, parseMode, markupCopy, silent, at, text);
    }
  }

  private static final class Chat {
    int nextBotMessageId = 1000;
    int nextUserMessageId = 1;
    final Map<Integer, Msg> messages = new LinkedHashMap<>();
    Bucket bucket;
  }

  /** A token bucket: {@code rate} tokens a second, at most {@code burst}. */
  private static final class Bucket {
    final double rate;
    final double burst;
    double tokens;
    long last;

    Bucket(double rate, double burst, long now) {
      this.rate = rate;
      this.burst = burst;
      this.tokens = burst;
      this.last = now;
    }

    /** Seconds until a token is available (0 if one is). */
    double waitSeconds(long now) {
      tokens = Math.min(burst, tokens + (now - last) / 1e9 * rate);
      last = now;
      return tokens >= 1 ? 0 : (1 - tokens) / rate;
    }
  }

  private final Map<Long, Chat> chats = new HashMap<>();
  private long messageSeq;
  private final Set<Long> blocked = new HashSet<>();
  private final Set<String> unanswered = new LinkedHashSet<>();
  private final Map<String, JsonNode> commands = new HashMap<>();
  private double chatRate;
  private double chatBurst;
  private Bucket global;
  private Bucket paid;
  private int paidMessages;
  private int tooManyRequests;

  // ---------------------------------------------------------------- for FakeBotApi

  int nextUserMessageId(long chatId) {
    return chat(chatId).nextUserMessageId++;
  }

  /** The bot's message as Telegram would show it in a callback query; null if there is none. */
  ObjectNode messageJson(long chatId, int messageId) {
    Msg msg = chat(chatId).messages.get(messageId);
    return msg == null ? null : messageJson(msg);
  }

  void callbackSent(String id) {
    unanswered.add(id);
  }

  Set<String> unanswered() {
    return Set.copyOf(unanswered);
  }

  void block(long chatId) {
    blocked.add(chatId);
  }

  List<Sent> sent(long chatId) {
    Chat chat = chats.get(chatId);
    return chat == null ? List.of() : chat.messages.values().stream().map(Msg::snapshot).toList();
  }

  List<Sent> sentAll() {
    return chats.values().stream()
        .flatMap(c -> c.messages.values().stream())
        .sorted(Comparator.comparingLong(m -> m.seq))
        .map(Msg::snapshot)
        .toList();
  }

  /**
   * Where the rate limits read the time (nanoseconds); a benchmark's simulated clock may replace
   * it.
   */
  private java.util.function.LongSupplier nanos = System::nanoTime;

  void clock(java.util.function.LongSupplier nanos) {
    this.nanos = nanos;
  }

  void rateLimits(double perChatPerSecond, int perChatBurst, double globalPerSecond, int burst) {
    chatRate = perChatPerSecond;
    chatBurst = Math.max(1, perChatBurst);
    chats.values().forEach(c -> c.bucket = null);
    global =
        globalPerSecond > 0
            ? new Bucket(globalPerSecond, Math.max(1, burst), nanos.getAsLong())
            : null;
    paid = globalPerSecond > 0 ? new Bucket(1_000, 50, nanos.getAsLong()) : null;
  }

  /** sendMessage calls accepted with allow_paid_broadcast (0.1 Star each on Telegram). */
  int paidMessages() {
    return paidMessages;
  }

  /**
   * Paid broadcast: the whole bot's limit is 1,000 messages a second (a separate bucket here, so
   * the free one is untouched); the chat's limit still holds.
   */
  private void limitPaid(String method, long chatId) throws ApiError {
    limit(method, chatId, paid);
    paidMessages++;
  }

  int tooManyRequests() {
    return tooManyRequests;
  }

  // ---------------------------------------------------------------- methods

  /** Answers a method on chats; null if this class does not know it. */
  JsonNode call(String method, ObjectNode p) throws ApiError {
    return switch (method) {
      case "sendchataction" -> {
        writableChat(method, p);
        yield BooleanNode.TRUE;
      }
      case "sendmessage" -> sendMessage(p);
      case "sendphoto" -> sendMedia(p, "photo");
      case "senddocument" -> sendMedia(p, "document");
      case "editmessagetext" -> editText(p);
      case "editmessagereplymarkup" -> editMarkup(p);
      case "deletemessage" -> deleteMessage(p);
      case "answercallbackquery" -> answerCallback(p);
      case "setmycommands" -> {
        JsonNode list = TelegramRules.commands(p.get("commands"));
        commands.put(commandsKey(p), list);
        yield BooleanNode.TRUE;
      }
      case "getmycommands" -> commands.getOrDefault(commandsKey(p), JSON.createArrayNode());
      case "deletemycommands" -> {
        commands.remove(commandsKey(p));
        yield BooleanNode.TRUE;
      }
      default -> null;
    };
  }

  private JsonNode sendMessage(ObjectNode p) throws ApiError {
    long chatId = writableChat("sendmessage", p);
    if (p.path("allow_paid_broadcast").asBoolean(false)) {
      limitPaid("sendmessage", chatId);
    } else {
      limit("sendmessage", chatId);
    }
    String raw = p.path("text").asText("");
    String parseMode = p.path("parse_mode").asText(null);
    TelegramHtml.Parsed text = TelegramRules.text("sendmessage", raw, parseMode, p.get("entities"));
    JsonNode markup = TelegramRules.markup("sendmessage", p.get("reply_markup"), false);
    Msg msg = store(chatId, "sendmessage", p, null);
    setContent(msg, raw, parseMode, text, markup);
    return messageJson(msg);
  }

  private JsonNode sendMedia(ObjectNode p, String kind) throws ApiError {
    String method = "send" + kind;
    long chatId = writableChat(method, p);
    limit(method, chatId);
    JsonNode file = p.get(kind);
    if (file != null && file.isTextual() && file.asText().startsWith("attach://")) {
      file = p.get(file.asText().substring("attach://".length())); // the multipart file part
    }
    boolean present = file != null && (file.isObject() || !file.asText().isBlank());
    if (!present) {
      String description = "Bad Request: there is no " + kind + " in the request";
      throw new ApiError(400, description, null, method + ": " + description);
    }
    String caption = p.path("caption").asText("");
    String parseMode = p.path("parse_mode").asText(null);
    TelegramHtml.Parsed parsed =
        TelegramRules.caption(method, caption, parseMode, p.get("caption_entities"));
    JsonNode markup = TelegramRules.markup(method, p.get("reply_markup"), false);
    long size = file.path("size").asLong(0);
    String fileId = "file-" + (messageSeq + 1);
    ObjectNode media = JSON.createObjectNode();
    if (kind.equals("photo")) {
      ObjectNode photo = media.putArray("photo").addObject();
      photo.put("file_id", fileId).put("file_unique_id", "u" + fileId);
      photo.put("width", 800).put("height", 600).put("file_size", size);
    } else {
      ObjectNode doc = media.putObject("document");
      doc.put("file_id", fileId).put("file_unique_id", "u" + fileId);
      doc.put("file_name", file.path("file_name").asText("file")).put("file_size", size);
    }
    Msg msg = store(chatId, method, p, media);
    setContent(msg, caption, parseMode, parsed, markup);
    return messageJson(msg);
  }

  private JsonNode editText(ObjectNode p) throws ApiError {
    long chatId = writableChat("editmessagetext", p);
    limit("editmessagetext", chatId);
    Msg msg = messageToEdit(chatId, p);
    if (msg.media != null) {
      String description = "Bad Request: there is no text in the message to edit";
      throw new ApiError(400, description, null, "editmessagetext: " + description);
    }
    String raw = p.path("text").asText("");
    String parseMode = p.path("parse_mode").asText(null);
    TelegramHtml.Parsed text =
        TelegramRules.text("editmessagetext", raw, parseMode, p.get("entities"));
    // Like Telegram: an edit without reply_markup removes the inline keyboard.
    JsonNode markup = TelegramRules.markup("editmessagetext", p.get("reply_markup"), true);
    if (text.text().equals(msg.plain)
        && TelegramRules.entitiesJson(text).equals(msg.entities)
        && Objects.equals(markup, inline(msg.markup))) {
      throw new ApiError(400, NOT_MODIFIED, null, null);
    }
    setContent(msg, raw, parseMode, text, markup);
    msg.editDate = System.currentTimeMillis() / 1000;
    return messageJson(msg);
  }

  private JsonNode editMarkup(ObjectNode p) throws ApiError {
    long chatId = writableChat("editmessagereplymarkup", p);
    limit("editmessagereplymarkup", chatId);
    Msg msg = messageToEdit(chatId, p);
    JsonNode markup = TelegramRules.markup("editmessagereplymarkup", p.get("reply_markup"), true);
    if (Objects.equals(markup, inline(msg.markup))) {
      throw new ApiError(400, NOT_MODIFIED, null, null);
    }
    msg.markup = markup;
    msg.editDate = System.currentTimeMillis() / 1000;
    return messageJson(msg);
  }

  private JsonNode deleteMessage(ObjectNode p) throws ApiError {
    long chatId = TelegramRules.chatId("deletemessage", p);
    if (chat(chatId).messages.remove(p.path("message_id").asInt(0)) == null) {
      throw new ApiError(400, "Bad Request: message to delete not found", null, null);
    }
    return BooleanNode.TRUE;
  }

  private JsonNode answerCallback(ObjectNode p) throws ApiError {
    String id = p.path("callback_query_id").asText("");
    String text = p.path("text").asText("");
    if (text.length() > 200) {
      throw new ApiError(
          400,
          "Bad Request: MESSAGE_TOO_LONG",
          null,
          "answercallbackquery: text of " + text.length() + " characters (max 200)");
    }
    if (!unanswered.remove(id)) {
      throw new ApiError(400, QUERY_TOO_OLD, null, null);
    }
    return BooleanNode.TRUE;
  }

  private static String commandsKey(ObjectNode p) {
    JsonNode scope = p.get("scope");
    String type = scope == null ? "{\"type\":\"default\"}" : scope.toString();
    return type + "|" + p.path("language_code").asText("");
  }

  // ---------------------------------------------------------------- helpers

  private Chat chat(long chatId) {
    return chats.computeIfAbsent(chatId, k -> new Chat());
  }

  private long writableChat(String method, ObjectNode p) throws ApiError {
    long chatId = TelegramRules.chatId(method, p);
    if (blocked.contains(chatId)) {
      throw new ApiError(403, "Forbidden: bot was blocked by the user", null, null);
    }
    return chatId;
  }

  /** Takes a token from the global and the chat's bucket, or answers 429. */
  private void limit(String method, long chatId) throws ApiError {
    limit(method, chatId, global);
  }

  /** Takes a token from {@code bot} (the whole bot's bucket) and the chat's, or answers 429. */
  private void limit(String method, long chatId, Bucket bot) throws ApiError {
    long now = nanos.getAsLong();
    double wait = bot == null ? 0 : bot.waitSeconds(now);
    Chat chat = chat(chatId);
    if (chatRate > 0) {
      if (chat.bucket == null) {
        chat.bucket = new Bucket(chatRate, chatBurst, now);
      }
      wait = Math.max(wait, chat.bucket.waitSeconds(now));
    }
    if (wait > 0) {
      int retryAfter = (int) Math.max(1, Math.ceil(wait));
      tooManyRequests++;
      throw new ApiError(
          429,
          "Too Many Requests: retry after " + retryAfter,
          retryAfter,
          "429 earned by " + method + " to chat " + chatId + " (retry after " + retryAfter + ")");
    }
    if (bot != null) {
      bot.tokens -= 1;
    }
    if (chat.bucket != null) {
      chat.bucket.tokens -= 1;
    }
  }

  private Msg messageToEdit(long chatId, ObjectNode p) throws ApiError {
    Msg msg = chat(chatId).messages.get(p.path("message_id").asInt(0));
    if (msg == null) {
      throw new ApiError(400, "Bad Request: message to edit not found", null, null);
    }
    return msg;
  }

  private Msg store(long chatId, String method, ObjectNode p, ObjectNode media) {
    Chat chat = chat(chatId);
    boolean silent = p.path("disable_notification").asBoolean(false);
    Msg msg = new Msg(chat.nextBotMessageId++, chatId, ++messageSeq, method, silent, media);
    chat.messages.put(msg.id, msg);
    return msg;
  }

  private static void setContent(
      Msg msg, String raw, String parseMode, TelegramHtml.Parsed parsed, JsonNode markup) {
    msg.text = raw;
    msg.parseMode = parseMode;
    msg.plain = parsed.text();
    msg.entities = TelegramRules.entitiesJson(parsed);
    msg.markup = markup;
  }

  private static JsonNode inline(JsonNode markup) {
    return markup != null && markup.has("inline_keyboard") ? markup : null;
  }

  private static ObjectNode messageJson(Msg msg) {
    ObjectNode m = JSON.createObjectNode();
    m.put("message_id", msg.id);
    m.set("from", botUser());
    m.set("chat", chatJson(msg.chatId));
    m.put("date", msg.at / 1000);
    if (msg.editDate > 0) {
      m.put("edit_date", msg.editDate);
    }
    boolean media = msg.media != null;
    if (media) {
      m.setAll(msg.media.deepCopy());
    }
    if (!media || !msg.plain.isEmpty()) {
      m.put(media ? "caption" : "text", msg.plain);
    }
    if (!msg.entities.isEmpty()) {
      m.set(media ? "caption_entities" : "entities", msg.entities.deepCopy());
    }
    if (inline(msg.markup) != null) {
      m.set("reply_markup", msg.markup.deepCopy());
    }
    return m;
  }

  static ObjectNode botUser() {
    ObjectNode bot = JSON.createObjectNode();
    bot.put("id", FakeBotApi.BOT_ID).put("is_bot", true).put("first_name", "backcoach");
    return bot.put("username", FakeBotApi.BOT_USERNAME);
  }

  static ObjectNode user(long chatId) {
    return JSON.createObjectNode().put("id", chatId).put("is_bot", false).put("first_name", "Test");
  }

  static ObjectNode chatJson(long chatId) {
    return JSON.createObjectNode()
        .put("id", chatId)
        .put("first_name", "Test")
        .put("type", "private");
  }
}
