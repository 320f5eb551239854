package app.backcoach.bench;

import app.backcoach.TestContent;
import app.backcoach.eval.Labelled;
import app.backcoach.safety.RedFlagScreen;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Times the red-flag screen alone: microseconds per message on the tuning phrasings (long, often
 * misspelt) and on short onboarding answers, the best of several rounds after warming up.
 *
 * <p>Usage: {@code ScreenBench [rounds]} (default 8).
 */
public final class ScreenBench {
  /** The desk worker's onboarding answers: short, as most typed messages are. */
  private static final List<String> SHORT = List.of(app.backcoach.ConsoleScript.DESK_WORKER);

  private ScreenBench() {}

  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 8;
    RedFlagScreen screen = RedFlagScreen.forBundle(TestContent.bundle());
    List<String> tuning = new ArrayList<>();
    for (String set : List.of("tune", "tune2a", "tune2b", "tune3a", "tune3b", "tune4a", "tune4b")) {
      Labelled.read("safety/redflags-" + set + ".tsv").forEach(l -> tuning.add(l.text()));
    }
    double bestLong = Double.MAX_VALUE;
    double bestShort = Double.MAX_VALUE;
    long sink = 0;
    for (int r = 0; r < rounds; r++) {
      long t0 = System.nanoTime();
      for (String t : tuning) {
        sink += screen.screen(t).findings().size();
      }
      long t1 = System.nanoTime();
      for (int k = 0; k < 300; k++) {
        for (String t : SHORT) {
          sink += screen.screen(t).findings().size();
        }
      }
      long t2 = System.nanoTime();
      bestLong = Math.min(bestLong, (t1 - t0) / 1e3 / tuning.size());
      bestShort = Math.min(bestShort, (t2 - t1) / 1e3 / (300.0 * SHORT.size()));
    }
    System.out.printf(
        Locale.ROOT,
        "red-flag screen, best of %d rounds: %.1f us per tuning phrasing (%d), %.1f us per short"
            + " answer (findings seen: %d)%n",
        rounds,
        bestLong,
        tuning.size(),
        bestShort,
        sink);
  }
}
