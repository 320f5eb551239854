package app.backcoach.delivery;

import app.backcoach.conversation.Reply;

/**
 * One thing to deliver to a chat: a new message, an edit of an earlier one, or the answer to a
 * button tap.
 *
 * @param messageId the message to edit (EDIT, MARK), or null
 * @param callbackId the tap to answer (NOTICE), or null when the adapter has no such thing
 * @param text for MARK the original text of the message; for NOTICE the short notice (may be null)
 * @param chosen for MARK the label of the chosen answer
 * @param silent deliver without a notification sound (quiet hours)
 * @param image for PHOTO the PNG bytes; the reply's text is the caption
 */
public record Delivery(
    Kind kind,
    Reply reply,
    Integer messageId,
    String callbackId,
    String text,
    String chosen,
    boolean silent,
    byte[] image) {

  /** What kind of delivery. */
  public enum Kind {
    /** A new message. */
    SEND,
    /** Replace an earlier message's text and buttons with {@code reply}. */
    EDIT,
    /** Show the chosen answer under an earlier question and remove its buttons. */
    MARK,
    /** Answer a button tap, optionally with a short notice. */
    NOTICE,
    /** A picture (the progress chart) with a short caption. */
    PHOTO
  }

  public static Delivery photo(byte[] png, String caption) {
    return new Delivery(Kind.PHOTO, Reply.text(caption), null, null, null, null, false, png);
  }

  public static Delivery send(Reply reply) {
    return new Delivery(Kind.SEND, reply, null, null, null, null, false, null);
  }

  public static Delivery edit(Integer messageId, Reply reply) {
    return new Delivery(Kind.EDIT, reply, messageId, null, null, null, false, null);
  }

  public static Delivery mark(int messageId, String originalText, String chosen) {
    return new Delivery(Kind.MARK, null, messageId, null, originalText, chosen, false, null);
  }

  public static Delivery notice(String callbackId, String notice) {
    return new Delivery(Kind.NOTICE, null, null, callbackId, notice, null, false, null);
  }

  /** A new message delivered without a notification sound. */
  public static Delivery sendSilently(Reply reply) {
    return new Delivery(Kind.SEND, reply, null, null, null, null, true, null);
  }

  /** True for deliveries that count against Telegram's message rate limits. */
  public boolean isMessage() {
    return kind != Kind.NOTICE;
  }
}
