package app.backcoach.eval;

import app.backcoach.content.ContentBundle;
import app.backcoach.content.ContentLoader;
import app.backcoach.content.ContentSource;
import app.backcoach.meaning.Embedder;
import app.backcoach.meaning.Meaning;
import app.backcoach.meaning.MiniLm;
import app.backcoach.meaning.VectorCache;
import app.backcoach.safety.MeaningNet;
import app.backcoach.safety.RedFlagScreen;
import app.backcoach.safety.Screener;
import app.backcoach.safety.Screening;
import app.backcoach.safety.TwoNets;
import java.nio.file.Path;
import java.util.List;

/**
 * Prints the red-flag screen's figures on the tuning and held-out sets, lexical only, meaning only
 * and both nets (docs/SAFETY.md). Misses are printed for the tuning set only: the held-out set is
 * never looked at line by line.
 *
 * <p>Usage: SafetyEval [content-dir] [--misses] [--sweep]
 */
public final class SafetyEval {
  private SafetyEval() {}

  /** The tuning sets, together: three files by independent authors. */
  public static List<Labelled> tuning() {
    List<Labelled> all = new java.util.ArrayList<>();
    for (String f : List.of("redflags-tune.tsv", "redflags-tune2a.tsv", "redflags-tune2b.tsv")) {
      all.addAll(Labelled.read("safety/" + f));
    }
    return all;
  }

  public static void main(String[] args) {
    Path dir = Path.of(args.length > 0 && !args[0].startsWith("--") ? args[0] : "content");
    List<String> flags = List.of(args);
    ContentBundle content = ContentLoader.load(ContentSource.directory(dir));
    RedFlagScreen lexical = RedFlagScreen.forBundle(content);
    Embedder model = MiniLm.load();
    VectorCache cache = new VectorCache(Path.of("target", "vector-cache"));
    List<Labelled> tune = tuning();
    if (flags.contains("--sweep")) {
      for (double t = 0.50; t <= 0.72; t += 0.04) {
        for (double m = 0.0; m <= 0.151; m += 0.05) {
          MeaningNet net = MeaningNet.forBundle(content, model, cache, t, m);
          RedFlagScore s =
              RedFlagScore.of(text -> new Screening(net.screen(text)), content.safety(), tune);
          RedFlagScore h =
              RedFlagScore.of(new TwoNets(lexical, Meaning.of(net)), content.safety(), tune);
          System.out.printf(
              "threshold %.2f margin %.2f (tuning set): meaning only recall %.1f %% false %.1f %% | both nets recall %.1f %% false %.1f %%%n",
              t,
              m,
              s.recallEmergencyUrgent(),
              s.falseReferralRate(),
              h.recallEmergencyUrgent(),
              h.falseReferralRate());
        }
      }
    }
    MeaningNet net = MeaningNet.forBundle(content, model, cache);
    Screener meaningOnly = text -> new Screening(net.screen(text));
    Screener both = new TwoNets(lexical, Meaning.of(net));
    for (String set : List.of("tune", "heldout")) {
      List<Labelled> rows =
          set.equals("tune") ? tuning() : Labelled.read("safety/redflags-heldout.tsv");
      RedFlagScore lex = RedFlagScore.of(lexical, content.safety(), rows);
      RedFlagScore mean = RedFlagScore.of(meaningOnly, content.safety(), rows);
      RedFlagScore hyb = RedFlagScore.of(both, content.safety(), rows);
      if (flags.contains("--misses") && set.equals("tune")) {
        lex.misses.forEach(m -> System.out.println("  LEX " + m));
      }
      Report.redFlags("lexical", set, lex, content.safety());
      Report.redFlags("meaning-only", set, mean, content.safety());
      Report.redFlags("both nets", set, hyb, content.safety());

    }
  }
}
