package app.backcoach.eval;

import app.backcoach.content.ContentBundle;
import app.backcoach.content.ContentLoader;
import app.backcoach.content.ContentSource;
import app.backcoach.safety.RedFlagScreen;
import java.nio.file.Path;
import java.util.List;

/**
 * Prints the red-flag screen's figures on the tuning and held-out sets (docs/SAFETY.md). Misses
 * are printed for the tuning set only: the held-out set is never looked at line by line.
 *
 * <p>Usage: SafetyEval [content-dir] [--misses]
 */
public final class SafetyEval {
  private SafetyEval() {}

  public static void main(String[] args) {
    Path dir = Path.of(args.length > 0 && !args[0].startsWith("--") ? args[0] : "content");
    boolean misses = List.of(args).contains("--misses");
    ContentBundle content = ContentLoader.load(ContentSource.directory(dir));
    RedFlagScreen lexical = RedFlagScreen.forBundle(content);
    for (String set : List.of("tune", "heldout")) {
      List<Labelled> rows = Labelled.read("safety/redflags-" + set + ".tsv");
      RedFlagScore s = RedFlagScore.of(lexical, content.safety(), rows);
      Report.redFlags("lexical", set, s, content.safety());
      if (misses && set.equals("tune")) {
        s.misses.forEach(m -> System.out.println("  " + m));
      }
    }
  }
}
