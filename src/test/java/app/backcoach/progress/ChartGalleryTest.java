package app.backcoach.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;

import app.backcoach.TestContent;
import java.awt.Graphics2D;
import java.awt.Image;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * Renders the examples in docs/progress-chart with the bot's real wording into
 * target/progress-chart, each also scaled to the 360 px a phone shows, for a person to look at.
 */
class ChartGalleryTest {
  static final Path OUT = Path.of("target", "progress-chart");

  private record Example(String name, List<WeekPoint> weeks, int streak) {}

  @Test
  void rendersTheDocumentedExamplesAtFullAndPhoneSize() throws IOException {
    ProgressText text = new ProgressText(TestContent.bundle());
    List<Example> examples =
        List.of(
            new Example("first-week", ChartStates.firstWeek(), 1),
            new Example("eight-weeks-improving", ChartStates.eightWeeksImproving(), 12),
            new Example("gaps", ChartStates.gaps(), 0),
            new Example("no-reminders", ChartStates.painOnly(), 0));
    Files.createDirectories(OUT);
    for (Example e : examples) {
      BufferedImage full = ProgressChart.draw(e.weeks(), text.labels(e.streak())).image();
      BufferedImage phone = scaled(full, 360);
      ImageIO.write(full, "png", OUT.resolve(e.name() + ".png").toFile());
      ImageIO.write(phone, "png", OUT.resolve(e.name() + "-360px.png").toFile());

      assertEquals(360, ImageIO.read(OUT.resolve(e.name() + "-360px.png").toFile()).getWidth());
    }
  }

  /** {@code image} scaled to {@code width} the way a phone would, averaging pixels. */
  private static BufferedImage scaled(BufferedImage image, int width) {
    int height = image.getHeight() * width / image.getWidth();
    BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    g.drawImage(image.getScaledInstance(width, height, Image.SCALE_AREA_AVERAGING), 0, 0, null);
    g.dispose();
    return out;
  }
}
