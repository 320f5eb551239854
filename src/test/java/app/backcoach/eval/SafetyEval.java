package app.backcoach.eval;

import app.backcoach.content.ContentBundle;
import app.backcoach.content.ContentLoader;
import app.backcoach.content.ContentSource;
import app.backcoach.content.RedFlag;
import app.backcoach.content.Safety;
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

  static final List<String> TUNING =
      List.of(
          "redflags-tune.tsv",
          "redflags-tune2a.tsv",
          "redflags-tune2b.tsv",
          "redflags-tune3a.tsv",
          "redflags-tune3b.tsv",
          "redflags-tune4a.tsv",
          "redflags-tune4b.tsv");

  /**
   * Picks the meaning net's threshold and margin without the held-out set: each tuning file in turn
   * is left out of the exemplars and near-misses and scored, and the three folds are summed.
   */
  static void crossValidate(
      ContentBundle content, RedFlagScreen lexical, Embedder model, VectorCache cache) {
    for (double t = 0.55; t <= 0.801; t += 0.05) {
      for (double m = 0.0; m <= 0.101; m += 0.05) {
        int found = 0, labels = 0, falses = 0, negatives = 0, foundBoth = 0, falseBoth = 0;
        for (String fold : TUNING) {
          List<Labelled> rows = Labelled.read("safety/" + fold);
          java.util.Set<String> out = new java.util.HashSet<>();
          rows.forEach(r -> out.add(r.text()));
          Safety without = without(content.safety(), out);
          List<String> ordinary = new java.util.ArrayList<>();
          content.examples().values().forEach(ordinary::addAll);
          content.mistakes().forEach(x -> ordinary.addAll(x.signs()));
          ordinary.addAll(without.nearMisses());
          MeaningNet net = new MeaningNet(without, ordinary, model, cache, t, m);
          RedFlagScore s = RedFlagScore.of(text -> new Screening(net.screen(text)), without, rows);
          RedFlagScore h = RedFlagScore.of(new TwoNets(lexical, Meaning.of(net)), without, rows);
          found += s.emergencyUrgentFound;
          labels += s.emergencyUrgentLabels;
          falses += s.falseReferrals;
          negatives += s.negatives;
          foundBoth += h.emergencyUrgentFound;
          falseBoth += h.falseReferrals;
        }
        System.out.printf(
            "threshold %.2f margin %.2f, one fold per tuning file: meaning only recall %.1f %% false %.1f %% | both nets recall %.1f %% false %.1f %%%n",
            t,
            m,
            RedFlagScore.pct(found, labels),
            RedFlagScore.pct(falses, negatives),
            RedFlagScore.pct(foundBoth, labels),
            RedFlagScore.pct(falseBoth, negatives));
      }
    }
  }

  /** The bundle's safety without the given sentences among exemplars and near-misses. */
  static Safety without(Safety s, java.util.Set<String> texts) {
    List<RedFlag> flags = new java.util.ArrayList<>();
    for (RedFlag f : s.redFlags()) {
      flags.add(f.withExemplars(f.exemplars().stream().filter(e -> !texts.contains(e)).toList()));
    }
    return s.with(flags, s.nearMisses().stream().filter(e -> !texts.contains(e)).toList());
  }

  /** The tuning sets, together: three files by independent authors. */
  public static List<Labelled> tuning() {
    List<Labelled> all = new java.util.ArrayList<>();
    for (String f : TUNING) {
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
      crossValidate(content, lexical, model, cache);
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
        hyb.misses.forEach(m -> System.out.println("  BOTH " + m));
      }
      Report.redFlags("lexical", set, lex, content.safety());
      Report.redFlags("meaning-only", set, mean, content.safety());
      Report.redFlags("both nets", set, hyb, content.safety());
    }
  }
}
