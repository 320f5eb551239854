package app.backcoach.reply;

/**
 * Shows the user that the bot is at work on their message ("typing…", "sending photo…"); a hint
 * only, never stored and never retried.
 */
public interface Activity {
  /** What the bot is doing, as Telegram's chat actions name it. */
  enum Kind {
    TYPING("typing"),
    UPLOAD_PHOTO("upload_photo"),
    UPLOAD_DOCUMENT("upload_document");

    private final String action;

    Kind(String action) {
      this.action = action;
    }

    /** The Bot API's name for it. */
    public String action() {
      return action;
    }
  }

  /** Shows the activity in the chat; returns at once and never throws. */
  void show(long chatId, Kind kind);

  /** Shows nothing (the console, tests). */
  Activity NONE = (chatId, kind) -> {};
}
