package app.backcoach.telegram;

import static app.backcoach.telegram.FakeBotHttp.JSON;

import app.backcoach.telegram.FakeBotApi.ApiError;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Telegram's limits on what a bot sends (Bot API 10.1): text length after entity parsing, parse
 * modes, keyboards, commands. Each check throws the Bot API's error, marked as a violation.
 */
final class TelegramRules {
  private TelegramRules() {}

  static final int MAX_TEXT = 4096;
  static final int MAX_CAPTION = 1024;
  static final int MAX_CALLBACK_DATA_BYTES = 64;

  private static final Pattern COMMAND = Pattern.compile("[a-z0-9_]{1,32}");

  /** Fields of which an inline keyboard button needs exactly one. */
  private static final Set<String> BUTTON_ACTIONS =
      Set.of(
          "callback_data",
          "url",
          "login_url",
          "web_app",
          "switch_inline_query",
          "switch_inline_query_current_chat",
          "switch_inline_query_chosen_chat",
          "copy_text",
          "callback_game",
          "pay");

  private static ApiError breach(String method, String description, String detail) {
    return new ApiError(400, description, null, method + ": " + description + detail);
  }

  /** chat_id as a number; it may arrive as a JSON string. */
  static long chatId(String method, ObjectNode p) throws ApiError {
    JsonNode id = p.get("chat_id");
    if (id == null || id.isNull() || id.asText().isBlank()) {
      throw breach(method, "Bad Request: chat_id is empty", "");
    }
    try {
      return Long.parseLong(id.asText().trim());
    } catch (NumberFormatException e) {
      throw breach(method, "Bad Request: chat not found", " (chat_id " + id + ")");
    }
  }

  /** A message text: 1-4096 UTF-16 units after entity parsing. */
  static TelegramHtml.Parsed text(String method, String raw, String parseMode, JsonNode entities)
      throws ApiError {
    TelegramHtml.Parsed parsed = parse(method, raw, parseMode, entities);
    if (parsed.text().isBlank()) {
      throw breach(method, "Bad Request: message text is empty", "");
    }
    int length = parsed.text().length();
    if (length > MAX_TEXT) {
      throw breach(
          method,
          "Bad Request: message is too long",
          " (" + length + " UTF-16 units after entity parsing, max " + MAX_TEXT + ")");
    }
    return parsed;
  }

  /** A media caption: 0-1024 UTF-16 units after entity parsing. */
  static TelegramHtml.Parsed caption(String method, String raw, String parseMode, JsonNode entities)
      throws ApiError {
    TelegramHtml.Parsed parsed = parse(method, raw, parseMode, entities);
    int length = parsed.text().length();
    if (length > MAX_CAPTION) {
      throw breach(
          method,
          "Bad Request: message caption is too long",
          " (" + length + " UTF-16 units, max " + MAX_CAPTION + ")");
    }
    return parsed;
  }

  private static TelegramHtml.Parsed parse(
      String method, String raw, String parseMode, JsonNode entities) throws ApiError {
    if (parseMode == null || parseMode.isEmpty()) {
      return new TelegramHtml.Parsed(raw, entitiesFromJson(entities));
    }
    switch (parseMode.toLowerCase(Locale.ROOT)) {
      case "html":
        try {
          return TelegramHtml.parse(raw);
        } catch (TelegramHtml.ParseException e) {
          throw breach(method, "Bad Request: can't parse entities: " + e.getMessage(), "");
        }
      case "markdown":
      case "markdownv2":
        return new TelegramHtml.Parsed(raw, List.of()); // not validated by this fake
      default:
        throw breach(method, "Bad Request: unsupported parse_mode", " (" + parseMode + ")");
    }
  }

  private static List<TelegramHtml.Entity> entitiesFromJson(JsonNode entities) {
    List<TelegramHtml.Entity> list = new ArrayList<>();
    if (entities != null && entities.isArray()) {
      for (JsonNode e : entities) {
        String extra =
            e.hasNonNull("url")
                ? e.get("url").asText()
                : e.hasNonNull("language")
                    ? e.get("language").asText()
                    : e.path("custom_emoji_id").asText(null);
        list.add(
            new TelegramHtml.Entity(
                e.path("type").asText(),
                e.path("offset").asInt(),
                e.path("length").asInt(),
                extra));
      }
    }
    return list;
  }

  /** Entities as the Bot API's MessageEntity array. */
  static ArrayNode entitiesJson(TelegramHtml.Parsed parsed) {
    ArrayNode array = JSON.createArrayNode();
    for (TelegramHtml.Entity e : parsed.entities()) {
      ObjectNode json = array.addObject();
      json.put("offset", e.offset()).put("length", e.length()).put("type", e.type());
      if (e.extra() != null) {
        switch (e.type()) {
          case "text_link" -> json.put("url", e.extra());
          case "pre", "code" -> json.put("language", e.extra());
          case "custom_emoji" -> json.put("custom_emoji_id", e.extra());
          default -> {}
        }
      }
    }
    return array;
  }

  /**
   * Validates reply_markup (a JSON object, or its JSON text from a multipart request) and returns
   * it as an object, or null if absent. Edits take inline keyboards only.
   */
  static JsonNode markup(String method, JsonNode markup, boolean inlineOnly) throws ApiError {
    if (markup == null || markup.isNull()) {
      return null;
    }
    String unparsable = "Bad Request: can't parse reply keyboard markup JSON object";
    if (markup.isTextual()) {
      try {
        markup = JSON.readTree(markup.asText());
      } catch (IOException e) {
        throw breach(method, unparsable, "");
      }
    }
    if (markup.has("inline_keyboard")) {
      inlineKeyboard(method, markup.get("inline_keyboard"));
      return markup;
    }
    if (inlineOnly) {
      throw breach(method, "Bad Request: inline keyboard expected", " (got " + markup + ")");
    }
    if (markup.has("keyboard")) {
      replyKeyboard(method, markup.get("keyboard"));
      return markup;
    }
    if (markup.has("remove_keyboard") || markup.has("force_reply")) {
      return markup;
    }
    throw breach(method, unparsable, " (" + markup + ")");
  }

  private static void inlineKeyboard(String method, JsonNode rows) throws ApiError {
    String dataInvalid = "Bad Request: BUTTON_DATA_INVALID";
    if (!rows.isArray()) {
      throw breach(method, "Bad Request: field \"inline_keyboard\" must be an Array", "");
    }
    for (JsonNode row : rows) {
      if (!row.isArray()) {
        throw breach(
            method, "Bad Request: field \"inline_keyboard\" must be an Array of Arrays", "");
      }
      for (JsonNode button : row) {
        if (button.path("text").asText("").isEmpty()) {
          throw breach(method, dataInvalid, " (button without text: " + button + ")");
        }
        long actions = BUTTON_ACTIONS.stream().filter(button::hasNonNull).count();
        if (actions != 1) {
          throw breach(
              method,
              "Bad Request: can't parse inline keyboard button: Text buttons are unallowed in the"
                  + " inline keyboard",
              " (" + button + ")");
        }
        if (button.hasNonNull("callback_data")) {
          String data = button.get("callback_data").asText();
          int bytes = data.getBytes(StandardCharsets.UTF_8).length;
          if (bytes < 1 || bytes > MAX_CALLBACK_DATA_BYTES) {
            throw breach(
                method,
                dataInvalid,
                " (callback_data of "
                    + bytes
                    + " bytes, 1-"
                    + MAX_CALLBACK_DATA_BYTES
                    + " allowed: "
                    + data
                    + ")");
          }
        }
      }
    }
  }

  private static void replyKeyboard(String method, JsonNode rows) throws ApiError {
    if (!rows.isArray()) {
      throw breach(method, "Bad Request: field \"keyboard\" must be an Array", "");
    }
    for (JsonNode row : rows) {
      for (JsonNode button : row) {
        String text = button.isTextual() ? button.asText() : button.path("text").asText("");
        if (text.isEmpty()) {
          throw breach(method, "Bad Request: BUTTON_TEXT_INVALID", " (" + button + ")");
        }
      }
    }
  }

  /** setMyDescription and setMyShortDescription: 0-512 and 0-120 characters. */
  static void profileText(String method, String text, int max) throws ApiError {
    if (text.length() > max) {
      throw breach(method, "Bad Request: description is too long", " (" + text.length() + ")");
    }
  }

  private static final java.util.Set<String> ACTIONS =
      java.util.Set.of(
          "typing",
          "upload_photo",
          "record_video",
          "upload_video",
          "record_voice",
          "upload_voice",
          "upload_document",
          "choose_sticker",
          "find_location",
          "record_video_note",
          "upload_video_note");

  /** sendChatAction: a chat and one of the documented actions. */
  static void chatAction(JsonNode params) throws ApiError {
    String method = "sendchataction";
    if (!params.hasNonNull("chat_id")) {
      throw breach(method, "Bad Request: chat_id is empty", "");
    }
    if (!ACTIONS.contains(params.path("action").asText(""))) {
      throw breach(
          method,
          "Bad Request: wrong parameter action in request",
          " (" + params.get("action") + ")");
    }
  }

  /** setMyCommands: at most 100; command 1-32 of [a-z0-9_]; description 1-256. */
  static JsonNode commands(JsonNode commands) throws ApiError {
    String method = "setmycommands";
    if (commands == null || !commands.isArray()) {
      throw breach(method, "Bad Request: can't parse commands JSON object", "");
    }
    if (commands.size() > 100) {
      throw breach(method, "Bad Request: BOT_COMMANDS_TOO_MUCH", " (" + commands.size() + ")");
    }
    ArrayNode stored = JSON.createArrayNode();
    for (JsonNode c : commands) {
      String command = c.path("command").asText("");
      String description = c.path("description").asText("");
      if (!COMMAND.matcher(command).matches()) {
        throw breach(method, "Bad Request: BOT_COMMAND_INVALID", " (\"" + command + "\")");
      }
      if (description.isEmpty() || description.length() > 256) {
        throw breach(
            method,
            "Bad Request: BOT_COMMAND_DESCRIPTION_INVALID",
            " (" + description.length() + " characters for /" + command + ")");
      }
      stored.addObject().put("command", command).put("description", description);
    }
    return stored;
  }
}
