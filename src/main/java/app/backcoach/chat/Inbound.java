package app.backcoach.chat;

import app.backcoach.conversation.Event;

/**
 * One received platform update, already translated into an event, as stored between receiving and
 * applying it.
 *
 * @param chatId the chat it belongs to, or null for updates that belong to no chat
 * @param privateChat false for groups and channels, which only get a one-time notice
 * @param event the event, or null for update kinds the bot ignores (edits, reactions, ...)
 */
public record Inbound(long updateId, Long chatId, boolean privateChat, Event event, Origin origin) {
  public Inbound {
    origin = origin == null ? Origin.NONE : origin;
  }

  /** An update the bot acknowledges and otherwise ignores. */
  public static Inbound ignored(long updateId, Long chatId) {
    return new Inbound(updateId, chatId, true, null, Origin.NONE);
  }
}
