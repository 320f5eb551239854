package app.backcoach.reply;

import java.util.List;

/**
 * One message the bot sends: plain text, rows of buttons, and whether to offer "send my location".
 */
public record Reply(String text, List<List<Button>> buttons, boolean requestLocation) {
  public Reply {
    buttons = buttons == null ? List.of() : buttons.stream().map(List::copyOf).toList();
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
    return new Reply(text + PART_BREAK + next.text(), next.buttons(), next.requestLocation());
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
