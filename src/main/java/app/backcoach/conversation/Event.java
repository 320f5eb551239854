package app.backcoach.conversation;

/** Something the user did, as the engine sees it, whatever the adapter. */
public sealed interface Event {
  /** A typed message. */
  record Text(String text) implements Event {}

  /** A slash command, e.g. {@code /start payload} is {@code Command("start", "payload")}. */
  record Command(String name, String arg) implements Event {}

  /** A tapped button, carrying the button's data. */
  record Tap(String data) implements Event {}

  /** A shared location. */
  record Location(double latitude, double longitude) implements Event {}

  /** Something the bot cannot read: a sticker, photo, voice note, video or document. */
  record Unsupported(String kind) implements Event {}

  /** The user opened the chat (the console starting up), with nothing said yet. */
  record Open() implements Event {}
}
