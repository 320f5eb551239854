package app.backcoach.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.backcoach.TestContent;
import app.backcoach.reply.Delivery;
import app.backcoach.storage.Database;
import app.backcoach.storage.Tx;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProgressServiceTest {
  /** A Wednesday. */
  private static final Instant NOW = Instant.parse("2026-03-04T09:00:00Z");

  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private final ProgressService service = new ProgressService(TestContent.bundle());
  @TempDir Path dir;

  @Test
  void progressIsOnePhotoWithTheSummaryAsItsCaption() throws IOException {
    try (Database db = Database.open(dir.resolve("bot.db"), CLOCK)) {
      db.write(
          tx -> {
            tx.update(
                "INSERT INTO users (chat_id, created_at, updated_at, consented, time_zone)"
                    + " VALUES (7, 'x', 'x', 1, 'UTC')");
            checkin(tx, "2026-02-23", 6);
            checkin(tx, "2026-03-02", 4);
            reminder(tx, "2026-02-24", "done");
            reminder(tx, "2026-02-25", "skipped");
            reminder(tx, "2026-03-03", "done");
            reminder(tx, "2026-03-04", "done");
            return null;
          });

      List<Delivery> out = db.read(tx -> service.progress(tx, 7, ZoneOffset.UTC, NOW));

      assertEquals(1, out.size(), out.toString());
      Delivery photo = out.get(0);
      assertSame(Delivery.Kind.PHOTO, photo.kind());
      assertEquals(
          "Pain: 6/10 → 4/10 over 1 week (lower is better)\n"
              + "Reminders done: 75% (3 of 4)\n"
              + "Streak: 2 days in a row",
          photo.reply().text());
      BufferedImage image = ImageIO.read(new ByteArrayInputStream(photo.image()));
      assertEquals(ProgressChart.WIDTH, image.getWidth());
      assertEquals(ProgressChart.HEIGHT, image.getHeight());
    }
  }

  @Test
  void withNothingToChartItIsOneShortMessage() {
    try (Database db = Database.open(dir.resolve("bot.db"), CLOCK)) {
      List<Delivery> out = db.read(tx -> service.progress(tx, 7, ZoneOffset.UTC, NOW));

      assertEquals(1, out.size());
      assertSame(Delivery.Kind.SEND, out.get(0).kind());
      assertTrue(out.get(0).reply().text().startsWith("No progress to show yet"));
    }
  }

  @Test
  void aSummaryUpToTheCaptionLimitIsTheCaptionAndALongerOneGoesFirstOnItsOwn() {
    byte[] png = {1, 2, 3};
    String fits = "x".repeat(ProgressService.MAX_CAPTION);
    String tooLong = fits + "y";

    List<Delivery> one = ProgressService.deliveries(fits, png, "Chart");
    List<Delivery> two = ProgressService.deliveries(tooLong, png, "Chart");

    assertEquals(1024, ProgressService.MAX_CAPTION);
    assertEquals(1, one.size());
    assertSame(Delivery.Kind.PHOTO, one.get(0).kind());
    assertEquals(fits, one.get(0).reply().text());
    assertEquals(2, two.size());
    assertSame(Delivery.Kind.SEND, two.get(0).kind());
    assertEquals(tooLong, two.get(0).reply().text());
    assertSame(Delivery.Kind.PHOTO, two.get(1).kind());
    assertEquals("Chart", two.get(1).reply().text());
    assertSame(png, two.get(1).image());
  }

  @Test
  void theLongestSummaryTheContentCanProduceStillFitsACaption() {
    ProgressText text = new ProgressText(TestContent.bundle());
    int most = Integer.MAX_VALUE;

    String longest =
        Stream.of(ChartStates.firstWeek(), ChartStates.eightWeeksImproving(), ChartStates.none())
            .map(w -> text.summary(w, most - 1, most, most))
            .max(Comparator.comparingInt(String::length))
            .orElseThrow();

    assertTrue(longest.length() <= ProgressService.MAX_CAPTION, longest.length() + ": " + longest);
  }

  private static void checkin(Tx tx, String weekOf, int pain) {
    tx.update(
        "INSERT INTO checkins (chat_id, week_of, pain, sessions, created_at)"
            + " VALUES (7, ?, ?, 2, 'x')",
        weekOf,
        pain);
  }

  private static void reminder(Tx tx, String day, String outcome) {
    long at = Instant.parse(day + "T08:00:00Z").toEpochMilli();
    tx.update(
        "INSERT INTO reminder_log (chat_id, kind, due_at, local_date, outcome, outcome_at)"
            + " VALUES (7, 'WORKOUT', ?, ?, ?, ?)",
        at,
        day,
        outcome,
        at);
  }
}
