package app.backcoach.delivery;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits long text into pieces of at most {@code max} characters: at paragraphs, else lines, else
 * words, else hard.
 */
final class TextSplitter {
  private TextSplitter() {}

  static List<String> split(String text, int max) {
    List<String> out = new ArrayList<>();
    String rest = text;
    while (rest.length() > max) {
      int cut = lastBreak(rest, max, "\n\n");
      if (cut <= 0) {
        cut = lastBreak(rest, max, "\n");
      }
      if (cut <= 0) {
        cut = lastBreak(rest, max, " ");
      }
      if (cut <= 0) {
        cut = max;
        if (Character.isHighSurrogate(rest.charAt(cut - 1))) {
          cut--; // never split an emoji in half
        }
      }
      out.add(rest.substring(0, cut).strip());
      rest = rest.substring(cut).strip();
    }
    if (!rest.isEmpty()) {
      out.add(rest);
    }
    return out;
  }

  private static int lastBreak(String s, int max, String sep) {
    return s.lastIndexOf(sep, max - sep.length());
  }
}
