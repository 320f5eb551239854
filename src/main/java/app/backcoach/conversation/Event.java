package app.backcoach.conversation;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * Something the user did, as the engine sees it, whatever the adapter. The type names let adapters
 * store events as JSON between receiving and applying them.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = Event.Text.class, name = "text"),
  @JsonSubTypes.Type(value = Event.Command.class, name = "command"),
  @JsonSubTypes.Type(value = Event.Tap.class, name = "tap"),
  @JsonSubTypes.Type(value = Event.Location.class, name = "location"),
  @JsonSubTypes.Type(value = Event.Unsupported.class, name = "unsupported"),
  @JsonSubTypes.Type(value = Event.Open.class, name = "open")
})
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
