package app.backcoach.progress;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class ProgressChartTest {
  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
  private static final LocalDate FIRST_MONDAY = LocalDate.of(2025, 3, 3);
  private static final ProgressChart.Labels LABELS =
      new ProgressChart.Labels(
          "Your progress",
          "Week",
          "Pain",
          "Reminders done",
          "Pain (0-10)",
          "Done (%)",
          "No data yet");

  @Test
  void rendersEightFullWeeksAsAnEightHundredByFiveHundredPng() throws IOException {
    BufferedImage image = decode(ProgressChart.png(fullWeeks(8), LABELS));

    assertNotBlank(image);
  }

  @Test
  void rendersSparseWeeksWithMissingPainAndAdherence() throws IOException {
    List<WeekPoint> weeks =
        List.of(
            new WeekPoint(FIRST_MONDAY, 6, null),
            new WeekPoint(FIRST_MONDAY.plusWeeks(1), null, 0.5),
            new WeekPoint(FIRST_MONDAY.plusWeeks(2), null, null),
            new WeekPoint(FIRST_MONDAY.plusWeeks(3), 4, 1.0),
            new WeekPoint(FIRST_MONDAY.plusWeeks(4), null, 0.0));

    assertNotBlank(decode(ProgressChart.png(weeks, LABELS)));
  }

  @Test
  void rendersWeeksWithNoPainAtAllOrNoAdherenceAtAll() throws IOException {
    List<WeekPoint> noPain = new ArrayList<>();
    List<WeekPoint> noAdherence = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      noPain.add(new WeekPoint(FIRST_MONDAY.plusWeeks(i), null, 0.3 * i));
      noAdherence.add(new WeekPoint(FIRST_MONDAY.plusWeeks(i), 2 * i, null));
    }

    assertNotBlank(decode(ProgressChart.png(noPain, LABELS)));
    assertNotBlank(decode(ProgressChart.png(noAdherence, LABELS)));
  }

  @Test
  void rendersASingleWeek() throws IOException {
    List<WeekPoint> weeks = List.of(new WeekPoint(FIRST_MONDAY, 5, 0.75));

    assertNotBlank(decode(ProgressChart.png(weeks, LABELS)));
    assertEquals(List.of("3 Mar"), ProgressChart.categories(weeks));
  }

  @Test
  void rendersAnEmptyListUnderTheEmptyTitle() throws IOException {
    byte[] empty = ProgressChart.png(List.of(), LABELS);

    assertNotBlank(decode(empty));
    assertEquals(List.of(), ProgressChart.categories(List.of()));
    assertFalse(Arrays.equals(empty, ProgressChart.png(fullWeeks(1), LABELS)));
  }

  @Test
  void drawsOnlyTheLastEightOfTwelveWeeks() throws IOException {
    List<WeekPoint> twelve = fullWeeks(12);

    assertEquals(
        List.of("31 Mar", "7 Apr", "14 Apr", "21 Apr", "28 Apr", "5 May", "12 May", "19 May"),
        ProgressChart.categories(twelve));
    assertNotBlank(decode(ProgressChart.png(twelve, LABELS)));
  }

  @Test
  void ordersWeeksByDateWhateverTheInputOrder() {
    List<WeekPoint> shuffled = new ArrayList<>(fullWeeks(10));
    Collections.reverse(shuffled);

    assertEquals(ProgressChart.categories(fullWeeks(10)), ProgressChart.categories(shuffled));
  }

  @Test
  void rejectsTwoPointsForTheSameWeek() {
    List<WeekPoint> weeks =
        List.of(new WeekPoint(FIRST_MONDAY, 3, 0.5), new WeekPoint(FIRST_MONDAY, 4, 0.5));

    var e = assertThrows(IllegalArgumentException.class, () -> ProgressChart.png(weeks, LABELS));
    assertTrue(e.getMessage().contains("2025-03-03"), e.getMessage());
  }

  @Test
  void runsHeadless() {
    ProgressChart.png(List.of(), LABELS);

    assertEquals("true", System.getProperty("java.awt.headless"));
  }

  /** Weeks from 3 Mar 2025 with pain and adherence on every one. */
  private static List<WeekPoint> fullWeeks(int count) {
    List<WeekPoint> weeks = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      weeks.add(new WeekPoint(FIRST_MONDAY.plusWeeks(i), 8 - i % 8, (i % 5) / 4.0));
    }
    return weeks;
  }

  private static BufferedImage decode(byte[] png) throws IOException {
    assertArrayEquals(PNG_SIGNATURE, Arrays.copyOf(png, PNG_SIGNATURE.length));
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
    assertNotNull(image, "ImageIO could not decode the bytes");
    assertEquals(ProgressChart.WIDTH, image.getWidth());
    assertEquals(ProgressChart.HEIGHT, image.getHeight());
    return image;
  }

  private static void assertNotBlank(BufferedImage image) {
    int background = image.getRGB(0, 0);
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        if (image.getRGB(x, y) != background) {
          return;
        }
      }
    }
    throw new AssertionError("every pixel is the background colour");
  }
}
