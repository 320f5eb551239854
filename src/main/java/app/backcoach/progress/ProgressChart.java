package app.backcoach.progress;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;
import javax.imageio.ImageIO;

/**
 * Renders the progress chart as a PNG made to be read on a phone: pain (0-10, lower is better) and
 * reminders done (%) in two panels over the same weeks, under a header with the streak.
 */
final class ProgressChart {
  /**
   * Twice the width a phone gives a photo in a chat, so the text stays sharp; portrait, because a
   * phone screen is.
   */
  static final int WIDTH = 720;

  static final int HEIGHT = 900;

  /** About two months: enough to show a trend, few enough that every week keeps its label. */
  static final int MAX_WEEKS = 8;

  static {
    // The bot runs on servers without a display; AWT reads this once, on first use, so it has to
    // be set before any AWT class is touched. An explicit -Djava.awt.headless wins.
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
  }

  private ProgressChart() {}

  /**
   * The chart's wording, supplied by the caller so it can be translated.
   *
   * @param subtitle the line under the title (the streak)
   * @param painHint what the pain scale means, beside the pain panel's name
   * @param noPain shown in the pain panel when no week has a check-in
   * @param noAdherence shown in the reminders panel when no week had reminders
   */
  record Labels(
      String title,
      String subtitle,
      String pain,
      String painHint,
      String adherence,
      String noPain,
      String noAdherence) {

    Labels {
      Objects.requireNonNull(title, "title == null");
      Objects.requireNonNull(subtitle, "subtitle == null");
      Objects.requireNonNull(pain, "pain == null");
      Objects.requireNonNull(painHint, "painHint == null");
      Objects.requireNonNull(adherence, "adherence == null");
      Objects.requireNonNull(noPain, "noPain == null");
      Objects.requireNonNull(noAdherence, "noAdherence == null");
    }
  }

  /** The chart as drawn, with every label on it (for tests). */
  record Drawing(BufferedImage image, List<ChartCanvas.Text> texts) {}

  /**
   * PNG bytes ({@link #WIDTH} x {@link #HEIGHT}) of the chart; see {@link #draw} for what it shows.
   */
  static byte[] png(List<WeekPoint> weeks, Labels labels) {
    BufferedImage image = draw(weeks, labels).image();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", out);
    } catch (IOException e) {
      // Encoding into memory only fails if ImageIO has no PNG writer, which the JDK always has.
      throw new UncheckedIOException("could not encode the progress chart as PNG", e);
    }
    return out.toByteArray();
  }

  /**
   * Draws the {@link #MAX_WEEKS} weeks ending with the last of {@code weeks}, in date order. Weeks
   * between points without data keep their place, so time is not squeezed; a panel whose series has
   * no value shows its "no data" message instead of empty axes.
   */
  static Drawing draw(List<WeekPoint> weeks, Labels labels) {
    Objects.requireNonNull(labels, "labels == null");
    List<WeekPoint> shown = axis(weeks);
    BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      ChartCanvas canvas = new ChartCanvas(g);
      new ChartPainter(canvas, shown, labels, WIDTH, HEIGHT).paint();
      return new Drawing(image, canvas.texts());
    } finally {
      g.dispose();
    }
  }

  /**
   * One point per week, oldest first, from the last {@link #MAX_WEEKS} weeks up to the latest
   * point; weeks without a point get one without values.
   */
  static List<WeekPoint> axis(List<WeekPoint> weeks) {
    Objects.requireNonNull(weeks, "weeks == null");
    TreeMap<LocalDate, WeekPoint> byWeek = new TreeMap<>();
    for (WeekPoint w : weeks) {
      if (byWeek.put(w.weekOf(), w) != null) {
        throw new IllegalArgumentException("two points for the week of " + w.weekOf());
      }
    }
    if (byWeek.isEmpty()) {
      return List.of();
    }
    LocalDate last = byWeek.lastKey();
    LocalDate from = last.minusWeeks(MAX_WEEKS - 1);
    if (byWeek.firstKey().isAfter(from)) {
      from = byWeek.firstKey();
    }
    List<WeekPoint> out = new ArrayList<>();
    for (LocalDate w = from; !w.isAfter(last); w = w.plusWeeks(1)) {
      out.add(byWeek.getOrDefault(w, new WeekPoint(w, null, null)));
    }
    return List.copyOf(out);
  }
}
