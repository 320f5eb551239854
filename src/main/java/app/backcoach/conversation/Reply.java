package app.backcoach.conversation;

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

  /** All buttons in reading order. */
  public List<Button> flatButtons() {
    return buttons.stream().flatMap(List::stream).toList();
  }
}
