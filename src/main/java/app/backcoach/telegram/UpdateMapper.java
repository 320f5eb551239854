package app.backcoach.telegram;

import app.backcoach.chat.Inbound;
import app.backcoach.chat.Origin;
import app.backcoach.conversation.Event;
import app.backcoach.conversation.Inputs;
import app.backcoach.reply.Reply;
import org.telegram.telegrambots.meta.api.objects.CallbackQuery;
import org.telegram.telegrambots.meta.api.objects.MessageEntity;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.api.objects.message.Message;

/**
 * Translates a Telegram update into an engine event; pure, and total: any update maps to something.
 */
final class UpdateMapper {
  private UpdateMapper() {}

  static Inbound map(Update u) {
    long id = u.getUpdateId();
    try {
      if (u.hasMessage()) {
        return message(id, u.getMessage());
      }
      if (u.hasCallbackQuery()) {
        return callback(id, u.getCallbackQuery());
      }
    } catch (RuntimeException e) {
      // A shape we did not expect must not stop the bot: acknowledge and ignore it.
      return Inbound.ignored(id, null);
    }
    // Channel posts (a notice there would be published to every subscriber), edited messages,
    // reactions, member changes and other kinds are acknowledged and ignored.
    return Inbound.ignored(id, null);
  }

  private static Inbound message(long id, Message m) {
    Long chat = m.getChatId();
    boolean isPrivate = m.getChat() != null && "private".equals(m.getChat().getType());
    if (isPrivate && m.getFrom() != null && !m.getFrom().getId().equals(chat)) {
      return Inbound.ignored(id, null); // in a private chat only its owner writes
    }
    return new Inbound(id, chat, isPrivate, event(m), Origin.NONE);
  }

  static Event event(Message m) {
    if (m.hasText()) {
      return Inputs.parse(m.getText());
    }
    if (m.hasLocation()) {
      return new Event.Location(m.getLocation().getLatitude(), m.getLocation().getLongitude());
    }
    return new Event.Unsupported(kind(m));
  }

  /** A friendly name for what was sent, used in "I can't read a ...". */
  static String kind(Message m) {
    if (m.hasSticker()) {
      return "sticker";
    }
    if (m.hasPhoto()) {
      return "photo";
    }
    if (m.hasVoice() || m.hasAudio()) {
      return "voice note";
    }
    if (m.hasVideo() || m.hasVideoNote() || m.hasAnimation()) {
      return "video";
    }
    if (m.hasDocument()) {
      return "document";
    }
    if (m.hasContact()) {
      return "contact";
    }
    if (m.hasPoll()) {
      return "poll";
    }
    return "message like that";
  }

  private static Inbound callback(long id, CallbackQuery q) {
    var message = q.getMessage();
    Long chat =
        message != null ? message.getChatId() : q.getFrom() == null ? null : q.getFrom().getId();
    boolean isPrivate =
        message == null
            || message.getChat() == null
            || "private".equals(message.getChat().getType());
    if (isPrivate && q.getFrom() != null && !q.getFrom().getId().equals(chat)) {
      // In a private chat only its owner can tap; anything else is forged: it must not act on
      // another user's conversation.
      return Inbound.ignored(id, null);
    }
    Integer messageId = message == null ? null : message.getMessageId();
    String text =
        message instanceof Message full && full.hasText()
            ? withParts(full.getText(), full.getEntities())
            : null;
    String data = q.getData() == null ? "" : q.getData();
    return new Inbound(
        id, chat, isPrivate, new Event.Tap(data), new Origin(messageId, q.getId(), text));
  }

  /**
   * The tapped message's text with the breaks between its parts put back ({@link
   * app.backcoach.reply.Reply#PART_BREAK}), so the edit that marks the answer shows each part's
   * bold title again: Telegram returns the text with blank lines and the bold as entities, and a
   * part starts where a bold title follows a blank line.
   */
  static String withParts(String text, java.util.List<MessageEntity> entities) {
    if (entities == null || entities.isEmpty()) {
      return text;
    }
    StringBuilder out = new StringBuilder(text);
    entities.stream()
        .filter(e -> "bold".equals(e.getType()) && e.getOffset() != null)
        .map(MessageEntity::getOffset)
        .distinct()
        .sorted(java.util.Comparator.reverseOrder())
        .filter(at -> at >= 2 && at <= text.length() && text.startsWith("\n\n", at - 2))
        .forEach(at -> out.replace(at - 2, at, String.valueOf(Reply.PART_BREAK)));
    return out.toString();
  }
}
