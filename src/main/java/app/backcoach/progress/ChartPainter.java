package app.backcoach.progress;

import app.backcoach.progress.ChartCanvas.Align;
import app.backcoach.progress.ChartCanvas.Style;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Lays out and paints the progress chart for a phone: a header with the streak, then pain and
 * reminders done as two panels with their own scales over the same weeks, each value written where
 * no other text can reach it.
 */
final class ChartPainter {
  // Sizes in pixels of the 720 px wide image, which a phone shows about 360 px wide: halve them to
  // get what a reader sees.
  private static final int MARGIN = 32;
  private static final int MARKER_RADIUS = 27;
  private static final int MAX_BAR = 60;
  private static final int PANEL_GAP = 26;

  private static final Color BACKGROUND = Color.WHITE;
  private static final Color INK = new Color(0x1F2937);
  private static final Color MUTED = new Color(0x5B6472);
  private static final Color GRID = new Color(0xE3E6EA);
  private static final Color EMPTY = new Color(0xF2F4F6);
  private static final Color PAIN = new Color(0xC0392B);
  private static final Color PAIN_GAP = new Color(0xE3A59E);

  /** The bars' colour, used by nothing else on the chart. */
  static final Color BAR = new Color(0x2F7DBE);

  private static final Style TITLE = new Style(40, true, INK);
  private static final Style SUBTITLE = new Style(30, false, MUTED);
  private static final Style PAIN_HEADING = new Style(32, true, PAIN);
  private static final Style BAR_HEADING = new Style(32, true, new Color(0x1E5F96));
  private static final Style NOTE = new Style(28, false, MUTED);
  private static final Style DAY = new Style(28, false, INK);
  private static final Style VALUE = new Style(28, true, INK);
  private static final Style VALUE_ON_MARKER = new Style(28, true, BACKGROUND);
  private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMM", Locale.ENGLISH);

  private final ChartCanvas c;
  private final List<WeekPoint> weeks;
  private final ProgressChart.Labels labels;
  private final int width;
  private final int height;
  private final double plotLeft;
  private final double plotRight;
  private final double slot;
  private final double firstCentre;
  private final double weekBlock;

  /**
   * @param weeks one point per week, oldest first, without holes (a week without data has nulls)
   */
  ChartPainter(
      ChartCanvas c, List<WeekPoint> weeks, ProgressChart.Labels labels, int width, int height) {
    this.c = c;
    this.weeks = weeks;
    this.labels = labels;
    this.width = width;
    this.height = height;
    double scale = Math.max(c.width("10", NOTE), c.width("100", NOTE));
    plotLeft = MARGIN + scale + 14;
    plotRight = width - MARGIN;
    double plotWidth = plotRight - plotLeft;
    // At least four slots wide, so one or two weeks are not stretched across the whole width.
    slot = plotWidth / Math.max(weeks.size(), 4);
    firstCentre = plotLeft + (plotWidth - slot * weeks.size()) / 2 + slot / 2;
    weekBlock = 2 * c.lineHeight(DAY) + 12;
  }

  void paint() {
    Graphics2D g = c.g();
    g.setColor(BACKGROUND);
    g.fillRect(0, 0, width, height);
    double top = header();
    double headingBlock = c.lineHeight(PAIN_HEADING) + 16;
    double plots = height - top - 2 * (headingBlock + weekBlock) - PANEL_GAP - 12;
    // Pain is what the user came for, so it gets the taller panel.
    double painPlot = Math.round(plots * 0.54);
    double adherencePlot = plots - painPlot;
    double painTop = top + headingBlock;
    painPanel(top, new Rectangle2D.Double(plotLeft, painTop, plotRight - plotLeft, painPlot));
    double next = painTop + painPlot + weekBlock + PANEL_GAP;
    adherencePanel(
        next,
        new Rectangle2D.Double(plotLeft, next + headingBlock, plotRight - plotLeft, adherencePlot));
  }

  /** Title and streak; returns where the first panel starts. */
  private double header() {
    double full = width - 2.0 * MARGIN;
    var title = c.text(labels.title(), MARGIN, 24, TITLE, Align.LEFT, full);
    var sub =
        c.text(labels.subtitle(), MARGIN, title.box().getMaxY() + 6, SUBTITLE, Align.LEFT, full);
    return sub.box().getMaxY() + 26;
  }

  private void painPanel(double top, Rectangle2D plot) {
    String hint = (c.canDisplay("\u2193") ? "\u2193 " : "") + labels.painHint();
    heading(top, labels.pain(), PAIN_HEADING, hint);
    if (weeks.stream().allMatch(w -> w.pain() == null)) {
      empty(plot, labels.noPain());
      return;
    }
    double r = MARKER_RADIUS;
    Function<Integer, Double> y = v -> plot.getMaxY() - r - v / 10.0 * (plot.getHeight() - 2 * r);
    for (int v : new int[] {0, 5, 10}) {
      grid(y.apply(v), Integer.toString(v));
    }
    Graphics2D g = c.g();
    int last = -1;
    for (int i = 0; i < weeks.size(); i++) {
      Integer pain = weeks.get(i).pain();
      if (pain == null) {
        continue;
      }
      if (last >= 0) {
        // A dashed, paler line across weeks without a check-in: the trend stays visible, and it
        // does not pretend those weeks were measured.
        boolean gap = i - last > 1;
        g.setColor(gap ? PAIN_GAP : PAIN);
        g.setStroke(
            gap
                ? new BasicStroke(
                    4, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 1, new float[] {10, 10}, 0)
                : new BasicStroke(5, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(
            new Line2D.Double(
                centre(last), y.apply(weeks.get(last).pain()), centre(i), y.apply(pain)));
      }
      last = i;
    }
    // The value sits inside its marker, and markers are further apart than they are wide, so no
    // two values can touch whatever the pain levels.
    g.setStroke(new BasicStroke(3));
    for (int i = 0; i < weeks.size(); i++) {
      Integer pain = weeks.get(i).pain();
      if (pain == null) {
        continue;
      }
      var dot = new Ellipse2D.Double(centre(i) - r, y.apply(pain) - r, 2 * r, 2 * r);
      g.setColor(PAIN);
      g.fill(dot);
      g.setColor(BACKGROUND);
      g.draw(dot);
      double textTop = y.apply(pain) - c.lineHeight(VALUE_ON_MARKER) / 2;
      c.text(pain.toString(), centre(i), textTop, VALUE_ON_MARKER, Align.CENTER, 2 * r - 6);
    }
    weekLabels(plot.getMaxY() + 10);
  }

  private void adherencePanel(double top, Rectangle2D plot) {
    heading(top, labels.adherence(), BAR_HEADING, "");
    if (weeks.stream().allMatch(w -> w.adherence() == null)) {
      empty(plot, labels.noAdherence());
      return;
    }
    double valueHeight = c.lineHeight(VALUE);
    double room = valueHeight + 8;
    Function<Double, Double> y = a -> plot.getMaxY() - a * (plot.getHeight() - room);
    for (int v : new int[] {0, 50, 100}) {
      grid(y.apply(v / 100.0), Integer.toString(v));
    }
    Graphics2D g = c.g();
    double bar = Math.min(slot * 0.6, MAX_BAR);
    for (int i = 0; i < weeks.size(); i++) {
      Double a = weeks.get(i).adherence();
      if (a == null) {
        continue;
      }
      // A 0 % week still gets a sliver of bar, so it reads as "none done", not "no reminders".
      double barTop = Math.min(y.apply(a), plot.getMaxY() - 4);
      g.setColor(BAR);
      g.fill(new Rectangle2D.Double(centre(i) - bar / 2, barTop, bar, plot.getMaxY() - barTop));
      // Above its own bar, inside its own slot: values of neighbouring weeks cannot meet.
      String value = Long.toString(Math.round(a * 100));
      c.text(value, centre(i), barTop - 6 - valueHeight, VALUE, Align.CENTER, slot - 8);
    }
    weekLabels(plot.getMaxY() + 10);
  }

  /**
   * The panel's name on the left and a hint on the right, the hint giving way if space is short.
   */
  private void heading(double top, String name, Style style, String hint) {
    double full = width - 2.0 * MARGIN;
    var drawn = c.text(name, MARGIN, top, style, Align.LEFT, full);
    if (!hint.isEmpty()) {
      double hintTop = top + (c.lineHeight(style) - c.lineHeight(NOTE)) / 2;
      double room = full - drawn.box().getWidth() - 24;
      c.text(hint, width - MARGIN, hintTop, NOTE, Align.RIGHT, room);
    }
  }

  /** A horizontal grid line at {@code y} with its value to the left of the plot. */
  private void grid(double y, String value) {
    Graphics2D g = c.g();
    g.setColor(GRID);
    g.setStroke(new BasicStroke(2));
    g.draw(new Line2D.Double(plotLeft, y, plotRight, y));
    double top = y - c.lineHeight(NOTE) / 2;
    c.text(value, plotLeft - 14, top, NOTE, Align.RIGHT, plotLeft - MARGIN);
  }

  /**
   * A panel without values: a grey box, over the plot and its week labels, with a message instead
   * of empty axes.
   */
  private void empty(Rectangle2D plot, String message) {
    Graphics2D g = c.g();
    double w = width - 2.0 * MARGIN;
    double h = plot.getHeight() + weekBlock;
    g.setColor(EMPTY);
    g.fill(new RoundRectangle2D.Double(MARGIN, plot.getY(), w, h, 24, 24));
    List<String> lines = c.wrap(message, NOTE, w - 48);
    // As narrow as the same number of lines allows, so no line is left with one word.
    double narrow = w - 48;
    while (narrow > 100 && c.wrap(message, NOTE, narrow - 10).size() == lines.size()) {
      narrow -= 10;
    }
    lines = c.wrap(message, NOTE, narrow);
    double lh = c.lineHeight(NOTE) + 4;
    double top = plot.getY() + h / 2 - lh * lines.size() / 2;
    for (String line : lines) {
      c.text(line, width / 2.0, top, NOTE, Align.CENTER, w - 48);
      top += lh;
    }
  }

  /**
   * Each week's Monday as a day of the month, with the month's name below the first week and
   * wherever a new month begins: two short rows that fit eight weeks where "14 Apr" would not.
   */
  private void weekLabels(double top) {
    double monthTop = top + c.lineHeight(DAY) + 2;
    for (int i = 0; i < weeks.size(); i++) {
      var day = weeks.get(i).weekOf();
      c.text(Integer.toString(day.getDayOfMonth()), centre(i), top, DAY, Align.CENTER, slot - 6);
      boolean newMonth = i == 0 || day.getMonth() != weeks.get(i - 1).weekOf().getMonth();
      if (newMonth) {
        // Within its own slot, like the day: two months can begin in neighbouring weeks.
        c.text(MONTH.format(day), centre(i), monthTop, NOTE, Align.CENTER, slot - 6);
      }
    }
  }

  private double centre(int week) {
    return firstCentre + week * slot;
  }
}
