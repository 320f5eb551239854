package app.backcoach.progress;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;

/**
 * Draws the chart's text: a label too wide for its space shrinks, then is cut with an ellipsis, and
 * every label drawn is recorded so tests can check its size and that no two overlap.
 */
final class ChartCanvas {
  /** A label as drawn: its text, the box it occupies and its font size in pixels. */
  record Text(String text, Rectangle2D box, int size) {}

  /** How a label looks: font size in pixels, weight and colour. */
  record Style(int size, boolean bold, Color color) {}

  /**
   * The smallest size a label shrinks to: 12 px once a phone shows the 720 px image at 360 px, the
   * least that still reads comfortably.
   */
  static final int MIN_SIZE = 24;

  /** Where x is on the label: its left edge, its centre or its right edge. */
  enum Align {
    LEFT,
    CENTER,
    RIGHT
  }

  private static final String ELLIPSIS = "\u2026";
  private final Graphics2D g;
  private final List<Text> texts = new ArrayList<>();

  ChartCanvas(Graphics2D g) {
    this.g = g;
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setRenderingHint(
        RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
    g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
  }

  Graphics2D g() {
    return g;
  }

  List<Text> texts() {
    return List.copyOf(texts);
  }

  static Font font(int size, boolean bold) {
    return new Font(Font.SANS_SERIF, bold ? Font.BOLD : Font.PLAIN, size);
  }

  double width(String text, Style style) {
    return width(text, style.size(), style.bold());
  }

  private double width(String text, int size, boolean bold) {
    return g.getFontMetrics(font(size, bold)).getStringBounds(text, g).getWidth();
  }

  /** The height of one line in {@code style}, ascent plus descent. */
  double lineHeight(Style style) {
    FontMetrics m = g.getFontMetrics(font(style.size(), style.bold()));
    return m.getAscent() + m.getDescent();
  }

  /** True if the chart's font has a glyph for every character of {@code text}. */
  boolean canDisplay(String text) {
    return font(20, false).canDisplayUpTo(text) == -1;
  }

  /**
   * Draws {@code text} with the top of its box at {@code top}; it shrinks down to {@link #MIN_SIZE}
   * to fit {@code maxWidth}, and is cut with an ellipsis if still too wide.
   */
  Text text(String text, double x, double top, Style style, Align align, double maxWidth) {
    boolean bold = style.bold();
    int s = style.size();
    while (s > MIN_SIZE && width(text, s, bold) > maxWidth) {
      s--;
    }
    String shown = text;
    while (shown.length() > 1 && width(shown, s, bold) > maxWidth) {
      shown = shown.substring(0, shown.length() - (shown.endsWith(ELLIPSIS) ? 2 : 1)) + ELLIPSIS;
    }
    Font font = font(s, bold);
    FontMetrics m = g.getFontMetrics(font);
    double w = m.getStringBounds(shown, g).getWidth();
    double left =
        switch (align) {
          case LEFT -> x;
          case CENTER -> x - w / 2;
          case RIGHT -> x - w;
        };
    g.setFont(font);
    g.setColor(style.color());
    g.drawString(shown, (float) left, (float) (top + m.getAscent()));
    Text drawn =
        new Text(shown, new Rectangle2D.Double(left, top, w, m.getAscent() + m.getDescent()), s);
    texts.add(drawn);
    return drawn;
  }

  /** {@code text} broken at spaces into lines no wider than {@code maxWidth} where possible. */
  List<String> wrap(String text, Style style, double maxWidth) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : text.split(" ")) {
      String candidate = line.isEmpty() ? word : line + " " + word;
      if (!line.isEmpty() && width(candidate, style) > maxWidth) {
        lines.add(line.toString());
        line = new StringBuilder(word);
      } else {
        line = new StringBuilder(candidate);
      }
    }
    lines.add(line.toString());
    return lines;
  }
}
