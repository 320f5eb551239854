package app.backcoach.chat;

/**
 * Where an event came from on the platform, so its acknowledgement can reach the right message: the
 * tapped message's id and text, and the tap's id. All null for typed messages and for the console.
 */
public record Origin(Integer messageId, String callbackId, String messageText) {
  public static final Origin NONE = new Origin(null, null, null);
}
