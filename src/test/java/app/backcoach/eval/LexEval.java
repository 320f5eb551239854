package app.backcoach.eval;

import app.backcoach.content.ContentBundle;
import app.backcoach.content.ContentLoader;
import app.backcoach.content.ContentSource;
import app.backcoach.safety.RedFlagScreen;
import java.nio.file.Path;

/**
 * The lexical screen alone on the tuning sets, with every miss: quick to run while editing
 * safety.yaml (no model). Usage: LexEval [content-dir]
 */
public final class LexEval {
  private LexEval() {}

  public static void main(String[] args) {
    ContentBundle content =
        ContentLoader.load(ContentSource.directory(Path.of(args.length > 0 ? args[0] : "content")));
    RedFlagScreen lexical = RedFlagScreen.forBundle(content);
    for (String f : SafetyEval.TUNING) {
      RedFlagScore s = RedFlagScore.of(lexical, content.safety(), Labelled.read("safety/" + f));
      System.out.printf(
          "%s: emergency+urgent recall %.1f %% (%d/%d), false referrals %.1f %% (%d/%d)%n",
          f,
          s.recallEmergencyUrgent(),
          s.emergencyUrgentFound,
          s.emergencyUrgentLabels,
          s.falseReferralRate(),
          s.falseReferrals,
          s.negatives);
      s.misses.forEach(m -> System.out.println("  " + m));
    }
  }
}
