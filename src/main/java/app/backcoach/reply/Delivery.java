package app.backcoach.reply;

/**
 * One thing to deliver to a chat: a new message, an edit of an earlier one, or the answer to a
 * button tap.
 *
 * @param messageId the message to edit (EDIT, MARK), or null
 * @param callbackId the tap to answer (NOTICE), or null when the adapter has no such thing
 * @param text for MARK the original text of the message; for NOTICE the short notice (may be null)
 * @param chosen for MARK the label of the chosen answer
 * @param silent deliver without a notification sound (quiet hours)
 * @param image for PHOTO the PNG bytes, for DOCUMENT the file; the reply's text is the caption
 * @param forget once delivered, remove the outbox row (the user asked to be erased)
 */
public record Delivery(
    Kind kind,
    Reply reply,
    Integer messageId,
    String callbackId,
    String text,
    String chosen,
    boolean silent,
    byte[] image,
    boolean forget) {

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
    PHOTO,
    /** A file (the data export) with a short caption. */
    DOCUMENT
  }

  public static Delivery document(byte[] file, String caption) {
    return new Delivery(
        Kind.DOCUMENT, Reply.text(caption), null, null, null, null, false, file, false);
  }

  /** The same delivery, removed from the outbox once made. */
  public Delivery forgotten() {
    return new Delivery(kind, reply, messageId, callbackId, text, chosen, silent, image, true);
  }

  public static Delivery photo(byte[] png, String caption) {
    return new Delivery(Kind.PHOTO, Reply.text(caption), null, null, null, null, false, png, false);
  }

  public static Delivery send(Reply reply) {
    return new Delivery(Kind.SEND, reply, null, null, null, null, false, null, false);
  }

  public static Delivery edit(Integer messageId, Reply reply) {
    return new Delivery(Kind.EDIT, reply, messageId, null, null, null, false, null, false);
  }

  public static Delivery mark(int messageId, String originalText, String chosen) {
    return new Delivery(Kind.MARK, null, messageId, null, originalText, chosen, false, null, false);
  }

  public static Delivery notice(String callbackId, String notice) {
    return new Delivery(Kind.NOTICE, null, null, callbackId, notice, null, false, null, false);
  }

  /** A new message delivered without a notification sound. */
  public static Delivery sendSilently(Reply reply) {
    return new Delivery(Kind.SEND, reply, null, null, null, null, true, null, false);
  }

  /** True for deliveries that count against Telegram's message rate limits. */
  public boolean isMessage() {
    return kind != Kind.NOTICE;
  }
}
