package app.backcoach.reply;

import java.util.List;

/**
 * One message the bot sends: plain text, rows of buttons, whether to offer "send my location", and
 * whether to take that offer off the screen again (once the time zone is set another way).
 */
public record Reply(
    String text, List<List<Button>> buttons, boolean requestLocation, boolean removeKeyboard) {
  public Reply {
    buttons = buttons == null ? List.of() : buttons.stream().map(List::copyOf).toList();
  }

  public Reply(String text, List<List<Button>> buttons, boolean requestLocation) {
    this(text, buttons, requestLocation, false);
  }

  /** This reply, also removing the "send my location" keyboard; a message of its own. */
  public Reply removingKeyboard() {
    return new Reply(text, buttons, requestLocation, true);
  }

  public static Reply text(String text) {
    return new Reply(text, List.of(), false);
  }

  public static Reply withButtons(String text, List<List<Button>> buttons) {
    return new Reply(text, buttons, false);
  }

  /**
   * Separates the parts of a message made of several replies ({@link #then}); adapters show it as a
   * blank line, each part with its own title.
   */
  public static final char PART_BREAK = '\u2029';

  /**
   * This reply's text followed by {@code next} in the same message, with {@code next}'s buttons:
   * for a reply without buttons of its own.
   */
  public Reply then(Reply next) {
    return new Reply(
        text + PART_BREAK + next.text(),
        next.buttons(),
        next.requestLocation(),
        next.removeKeyboard());
  }

  /** The text's parts, in order (one part unless made by {@link #then}). */
  public List<String> parts() {
    return List.of(text.split(String.valueOf(PART_BREAK), -1));
  }

  /** The text as it reads: parts separated by a blank line. */
  public String shownText() {
    return text.replace(String.valueOf(PART_BREAK), "\n\n");
  }

  /** All buttons in reading order. */
  public List<Button> flatButtons() {
    return buttons.stream().flatMap(List::stream).toList();
  }
}
