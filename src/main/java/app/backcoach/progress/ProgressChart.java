package app.backcoach.progress;

import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BitmapEncoder.BitmapFormat;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.CategorySeries.CategorySeriesRenderStyle;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.Styler.YAxisPosition;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Renders the progress chart: pain (0-10) as a line over the weeks, adherence (% of reminders done)
 * as bars.
 */
final class ProgressChart {
  public static final int WIDTH = 800;
  public static final int HEIGHT = 500;

  /** About two months: enough to show a trend, few enough that week labels stay readable. */
  static final int MAX_WEEKS = 8;

  private static final int PAIN_AXIS = 1;
  private static final Color ADHERENCE_COLOR = new Color(0x8CB4D8);
  private static final Color PAIN_COLOR = new Color(0xC0392B);
  private static final DateTimeFormatter WEEK_LABEL =
      DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH);

  static {
    // The bot runs on servers without a display; AWT reads this once, on first use, so it has to
    // be set before XChart touches any AWT class. An explicit -Djava.awt.headless wins.
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
  }

  private ProgressChart() {}

  /** The chart's wording, supplied by the caller so it can be translated. */
  public record Labels(
      String title,
      String weekAxis,
      String painSeries,
      String adherenceSeries,
      String painAxis,
      String adherenceAxis,
      String empty) {

    public Labels {
      Objects.requireNonNull(title, "title == null");
      Objects.requireNonNull(weekAxis, "weekAxis == null");
      Objects.requireNonNull(painSeries, "painSeries == null");
      Objects.requireNonNull(adherenceSeries, "adherenceSeries == null");
      Objects.requireNonNull(painAxis, "painAxis == null");
      Objects.requireNonNull(adherenceAxis, "adherenceAxis == null");
      Objects.requireNonNull(empty, "empty == null");
    }
  }

  /**
   * PNG bytes ({@link #WIDTH} x {@link #HEIGHT}) of the chart for the last 8 weeks of {@code
   * weeks}, in date order; older points are dropped. Weeks without a check-in leave a gap in the
   * pain line, weeks without reminders have no bar, and an empty list renders empty axes under the
   * {@link Labels#empty()} title.
   */
  public static byte[] png(List<WeekPoint> weeks, Labels labels) {
    Objects.requireNonNull(labels, "labels == null");
    List<WeekPoint> shown = lastWeeks(weeks);
    try {
      return BitmapEncoder.getBitmapBytes(chart(shown, labels), BitmapFormat.PNG);
    } catch (IOException e) {
      // Encoding into memory only fails if ImageIO has no PNG writer, which the JDK always has.
      throw new UncheckedIOException("could not encode the progress chart as PNG", e);
    }
  }

  /** The x-axis labels that {@link #png} draws for {@code weeks}. */
  static List<String> categories(List<WeekPoint> weeks) {
    return lastWeeks(weeks).stream().map(w -> WEEK_LABEL.format(w.weekOf())).toList();
  }

  private static List<WeekPoint> lastWeeks(List<WeekPoint> weeks) {
    Objects.requireNonNull(weeks, "weeks == null");
    List<WeekPoint> sorted = new ArrayList<>(weeks);
    sorted.sort(Comparator.comparing(WeekPoint::weekOf));
    for (int i = 1; i < sorted.size(); i++) {
      LocalDate week = sorted.get(i).weekOf();
      if (week.equals(sorted.get(i - 1).weekOf())) {
        throw new IllegalArgumentException("two points for the week of " + week);
      }
    }
    return List.copyOf(sorted.subList(Math.max(0, sorted.size() - MAX_WEEKS), sorted.size()));
  }

  private static CategoryChart chart(List<WeekPoint> shown, Labels labels) {
    CategoryChart chart =
        new CategoryChartBuilder()
            .width(WIDTH)
            .height(HEIGHT)
            .title(shown.isEmpty() ? labels.empty() : labels.title())
            .xAxisTitle(labels.weekAxis())
            .yAxisTitle(labels.adherenceAxis())
            .build();
    chart.setYAxisGroupTitle(PAIN_AXIS, labels.painAxis());
    var styler = chart.getStyler();
    styler.setLegendPosition(LegendPosition.OutsideS);
    // One bar series, so bars may use the whole slot and the pain points sit at its centre.
    styler.setOverlapped(true);
    styler.setYAxisMin(0, 0.0).setYAxisMax(0, 100.0);
    styler.setYAxisMin(PAIN_AXIS, 0.0).setYAxisMax(PAIN_AXIS, 10.0);
    styler.setYAxisGroupPosition(PAIN_AXIS, YAxisPosition.Right);
    styler.setYAxisDecimalPattern("#");
    // Value labels (drawn on bars only) tell a 0 % week, labelled "0", from a week without
    // reminders, which has neither bar nor label. Near the top, they rarely hit the pain markers.
    styler.setLabelsVisible(true);
    styler.setLabelsPosition(0.95);

    List<String> categories = new ArrayList<>();
    List<Double> adherence = new ArrayList<>();
    List<Integer> pain = new ArrayList<>();
    for (WeekPoint week : shown) {
      categories.add(WEEK_LABEL.format(week.weekOf()));
      adherence.add(week.adherence() == null ? null : week.adherence() * 100);
      pain.add(week.pain());
    }
    if (categories.isEmpty()) {
      // XChart rejects empty series and cannot paint a chart without one; a blank category keeps
      // the axes and legend, so the empty chart looks like the real one.
      categories.add(" ");
      adherence.add(null);
      pain.add(null);
    }
    // XChart skips null values: no bar, and the line breaks around a missing check-in.
    CategorySeries bars = chart.addSeries(labels.adherenceSeries(), categories, adherence);
    bars.setChartCategorySeriesRenderStyle(CategorySeriesRenderStyle.Bar);
    bars.setFillColor(ADHERENCE_COLOR);
    CategorySeries line = chart.addSeries(labels.painSeries(), categories, pain);
    line.setChartCategorySeriesRenderStyle(CategorySeriesRenderStyle.Line);
    line.setYAxisGroup(PAIN_AXIS);
    line.setLineColor(PAIN_COLOR);
    line.setMarkerColor(PAIN_COLOR);
    // A marker keeps a lone check-in between two gaps visible.
    line.setMarker(SeriesMarkers.CIRCLE);
    return chart;
  }
}
