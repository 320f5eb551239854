package app.backcoach.conversation;

import app.backcoach.reply.Button;
import java.util.ArrayList;
import java.util.List;

/**
 * Arranges buttons in rows that read well on a phone: short labels share a row, long ones get their
 * own.
 */
final class Layout {
  private Layout() {}

  static List<List<Button>> rows(List<Button> buttons) {
    int longest = buttons.stream().mapToInt(b -> b.label().length()).max().orElse(0);
    int perRow = longest <= 3 ? 6 : longest <= 16 ? 2 : 1;
    return chunk(buttons, perRow);
  }

  static List<List<Button>> chunk(List<Button> buttons, int perRow) {
    List<List<Button>> rows = new ArrayList<>();
    for (int i = 0; i < buttons.size(); i += perRow) {
      rows.add(List.copyOf(buttons.subList(i, Math.min(buttons.size(), i + perRow))));
    }
    return rows;
  }

  static List<List<Button>> single(Button b) {
    return List.of(List.of(b));
  }
}
