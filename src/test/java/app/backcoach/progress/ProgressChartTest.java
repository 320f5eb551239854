package app.backcoach.progress;

import static app.backcoach.progress.ChartStates.MONDAY;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ProgressChartTest {
  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
  static final ProgressChart.Labels LABELS =
      new ProgressChart.Labels(
          "Your back, week by week",
          "Streak: 3 days in a row",
          "Pain (0-10)",
          "lower is better",
          "Reminders done (%)",
          "No check-in yet.",
          "No reminders yet.");

  static Stream<Arguments> states() {
    return ChartStates.all().entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("states")
  void everyStateIsASevenTwentyByNineHundredPng(String state, List<WeekPoint> weeks)
      throws IOException {
    byte[] png = ProgressChart.png(weeks, LABELS);

    assertArrayEquals(PNG_SIGNATURE, Arrays.copyOf(png, PNG_SIGNATURE.length));
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
    assertNotNull(image, "ImageIO could not decode the bytes");
    assertEquals(720, image.getWidth());
    assertEquals(900, image.getHeight());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("states")
  void everyLabelIsInsideTheImageLargeEnoughForAPhoneAndClearOfTheOthers(
      String state, List<WeekPoint> weeks) {
    List<ChartCanvas.Text> texts = ProgressChart.draw(weeks, LABELS).texts();

    Rectangle2D image = new Rectangle2D.Double(0, 0, ProgressChart.WIDTH, ProgressChart.HEIGHT);
    for (ChartCanvas.Text t : texts) {
      assertTrue(image.contains(t.box()), t + " leaves the image");
      // Halved on a phone, 24 px is 12 px: the smallest text that still reads comfortably.
      assertTrue(t.size() >= ChartCanvas.MIN_SIZE, t + " is too small to read on a phone");
    }
    for (int i = 0; i < texts.size(); i++) {
      for (int j = i + 1; j < texts.size(); j++) {
        assertFalse(
            texts.get(i).box().intersects(texts.get(j).box()),
            texts.get(i) + " overlaps " + texts.get(j));
      }
    }
    assertTrue(text(texts, LABELS.title()).size() >= 36, "title size");
    assertNotNull(text(texts, LABELS.subtitle()), "the streak is on the chart");
  }

  @Test
  void writesEveryPainAndEveryShareDone() {
    List<String> texts = strings(ProgressChart.draw(ChartStates.extremes(), LABELS).texts());

    // Four weeks at 10 and 100 %, four at 0 and 0 %; the scales add one "10", "100" and two "0".
    assertEquals(4 + 1, Collections.frequency(texts, "10"));
    assertEquals(4 + 1, Collections.frequency(texts, "100"));
    assertEquals(4 + 4 + 2, Collections.frequency(texts, "0"));
  }

  @Test
  void aPanelWithoutValuesSaysSoAndDrawsNoScale() {
    List<String> painOnly = strings(ProgressChart.draw(ChartStates.painOnly(), LABELS).texts());
    List<String> adherenceOnly =
        strings(ProgressChart.draw(ChartStates.adherenceOnly(), LABELS).texts());
    List<String> both = strings(ProgressChart.draw(ChartStates.firstWeek(), LABELS).texts());

    assertTrue(painOnly.contains(LABELS.noAdherence()), painOnly.toString());
    assertFalse(painOnly.contains(LABELS.noPain()), painOnly.toString());
    assertFalse(painOnly.contains("50"), "no 0-100 scale without reminders: " + painOnly);
    assertTrue(adherenceOnly.contains(LABELS.noPain()), adherenceOnly.toString());
    assertFalse(adherenceOnly.contains("5"), "no 0-10 scale without check-ins: " + adherenceOnly);
    assertFalse(both.contains(LABELS.noPain()) || both.contains(LABELS.noAdherence()));
  }

  @Test
  void barsAppearOnlyWhenThereWereReminders() {
    assertEquals(0, barPixels(ProgressChart.draw(ChartStates.painOnly(), LABELS).image()));
    assertEquals(0, barPixels(ProgressChart.draw(ChartStates.none(), LABELS).image()));
    assertTrue(barPixels(ProgressChart.draw(ChartStates.firstWeek(), LABELS).image()) > 1000);
  }

  @Test
  void aZeroPercentWeekHasASliverOfBarAndAWeekWithoutRemindersNone() {
    List<WeekPoint> zero = List.of(new WeekPoint(MONDAY, 4, 0.0));
    List<WeekPoint> noReminders = List.of(new WeekPoint(MONDAY, 4, null));

    assertTrue(barPixels(ProgressChart.draw(zero, LABELS).image()) > 50);
    assertEquals(0, barPixels(ProgressChart.draw(noReminders, LABELS).image()));
  }

  @Test
  void weeksWithoutDataKeepTheirPlaceOnTheAxis() {
    List<WeekPoint> axis = ProgressChart.axis(ChartStates.gaps());

    assertEquals(7, axis.size());
    assertEquals(MONDAY.plusWeeks(2), axis.get(2).weekOf());
    assertNull(axis.get(2).pain());
    assertNull(axis.get(2).adherence());
    assertEquals(4, axis.get(3).pain());
  }

  @Test
  void showsTheLastEightOfTwelveWeeksInDateOrderWhateverTheInputOrder() {
    List<WeekPoint> shuffled = new ArrayList<>(ChartStates.twelveWeeks());
    Collections.reverse(shuffled);

    List<LocalDate> shown = ProgressChart.axis(shuffled).stream().map(WeekPoint::weekOf).toList();
    assertEquals(8, shown.size());
    assertEquals(MONDAY.plusWeeks(4), shown.get(0));
    assertEquals(MONDAY.plusWeeks(11), shown.get(7));
  }

  @Test
  void writesDaysOnTheAxisAndEachMonthOnceUnderItsFirstWeek() {
    List<ChartCanvas.Text> texts = ProgressChart.draw(ChartStates.extremes(), LABELS).texts();

    // 31 Mar to 19 May, under each of the two panels.
    Map<Long, List<ChartCanvas.Text>> rows = new TreeMap<>();
    for (ChartCanvas.Text t : texts) {
      rows.computeIfAbsent(Math.round(t.box().getY()), y -> new ArrayList<>()).add(t);
    }
    List<List<String>> lines = new ArrayList<>();
    for (List<ChartCanvas.Text> row : rows.values()) {
      row.sort(Comparator.comparingDouble(t -> t.box().getX()));
      lines.add(strings(row));
    }
    List<String> days = List.of("31", "7", "14", "21", "28", "5", "12", "19");
    List<String> months = List.of("Mar", "Apr", "May");
    assertEquals(2, Collections.frequency(lines, days), lines.toString());
    assertEquals(2, Collections.frequency(lines, months), lines.toString());
    ChartCanvas.Text seventh = text(texts, "7");
    ChartCanvas.Text april = text(texts, "Apr");
    assertEquals(seventh.box().getCenterX(), april.box().getCenterX(), 0.5);
  }

  @Test
  void aLabelTooLongForTheWidthShrinksThenEndsWithAnEllipsis() {
    String longStreak = "Streak: " + "very ".repeat(40) + "long";
    ProgressChart.Labels labels =
        new ProgressChart.Labels(
            LABELS.title(),
            longStreak,
            LABELS.pain(),
            LABELS.painHint(),
            LABELS.adherence(),
            LABELS.noPain(),
            LABELS.noAdherence());

    List<ChartCanvas.Text> texts = ProgressChart.draw(ChartStates.firstWeek(), labels).texts();
    ChartCanvas.Text subtitle =
        texts.stream().filter(t -> t.text().startsWith("Streak: very")).findFirst().orElseThrow();
    assertTrue(subtitle.text().endsWith("\u2026"), subtitle.text());
    assertEquals(ChartCanvas.MIN_SIZE, subtitle.size());
    assertTrue(subtitle.box().getMaxX() <= ProgressChart.WIDTH - 32, subtitle.toString());
  }

  @Test
  void rejectsTwoPointsForTheSameWeek() {
    List<WeekPoint> weeks = List.of(new WeekPoint(MONDAY, 3, 0.5), new WeekPoint(MONDAY, 4, 0.5));

    var e = assertThrows(IllegalArgumentException.class, () -> ProgressChart.png(weeks, LABELS));
    assertTrue(e.getMessage().contains("2025-03-03"), e.getMessage());
  }

  @Test
  void aWeekPointNamesTheWeekOfAValueOutOfRange() {
    var pain = assertThrows(IllegalArgumentException.class, () -> new WeekPoint(MONDAY, 11, null));
    var share = assertThrows(IllegalArgumentException.class, () -> new WeekPoint(MONDAY, 3, 1.5));
    var tuesday =
        assertThrows(
            IllegalArgumentException.class, () -> new WeekPoint(MONDAY.plusDays(1), 3, null));

    assertTrue(pain.getMessage().contains("pain 11") && pain.getMessage().contains("2025-03-03"));
    assertTrue(share.getMessage().contains("adherence 1.5"), share.getMessage());
    assertTrue(tuesday.getMessage().contains("2025-03-04"), tuesday.getMessage());
  }

  @Test
  void runsHeadless() {
    ProgressChart.png(List.of(), LABELS);

    assertEquals("true", System.getProperty("java.awt.headless"));
  }

  private static ChartCanvas.Text text(List<ChartCanvas.Text> texts, String text) {
    return texts.stream().filter(t -> t.text().equals(text)).findFirst().orElse(null);
  }

  private static List<String> strings(List<ChartCanvas.Text> texts) {
    return texts.stream().map(ChartCanvas.Text::text).toList();
  }

  private static int barPixels(BufferedImage image) {
    int bar = ChartPainter.BAR.getRGB();
    int n = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        if (image.getRGB(x, y) == bar) {
          n++;
        }
      }
    }
    return n;
  }
}
