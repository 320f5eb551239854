package app.backcoach.safety;

import app.backcoach.content.ContentBundle;
import app.backcoach.content.RedFlag;
import app.backcoach.content.Safety;
import app.backcoach.meaning.Embedder;
import app.backcoach.meaning.VectorCache;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The second net: each clause of a message is compared by meaning with every concept's exemplars
 * (safety.yaml) and with ordinary sentences: the bundle's example questions, the signs of its
 * mistakes, and near-misses that share words with red flags without being one. The closest concept
 * is raised when it is at least {@link #THRESHOLD} similar and clearly closer than anything
 * ordinary ({@link #MARGIN}), unless the context rules clear the clause (negated, past,
 * hypothetical, someone else). It only ever adds to what the lexical screen found.
 */
public final class MeaningNet {
  /**
   * Cosine similarity from which a clause counts as describing a concept; chosen on the tuning set
   * (docs/SAFETY.md has the sweep).
   */
  public static final double THRESHOLD = 0.55;

  /** How much closer to a red-flag exemplar than to an ordinary sentence; from the tuning set. */
  public static final double MARGIN = 0.05;

  /** Clauses compared per message: a long rant is screened in its first part by meaning. */
  static final int MAX_CLAUSES = 12;

  /**
   * Shorter clauses ("about 9 hours", "Berlin", "numb foot") are left to the lexical screen: the
   * model's similarity is unreliable on two or three words, and most typed answers are that short,
   * so they cost no model time.
   */
  static final int MIN_WORDS = 4;

  private final Embedder embedder;
  private final List<RedFlag> flags = new ArrayList<>();
  private final List<List<float[]>> exemplars = new ArrayList<>();
  private final List<float[]> ordinary;
  private final double threshold;
  private final double margin;

  /** The net for a bundle, with its example questions and mistake signs as the ordinary side. */
  public static MeaningNet forBundle(
      ContentBundle content,
      Embedder embedder,
      VectorCache cache,
      double threshold,
      double margin) {
    List<String> ordinary = new ArrayList<>();
    content.examples().values().forEach(ordinary::addAll);
    content.mistakes().forEach(m -> ordinary.addAll(m.signs()));
    ordinary.addAll(content.safety().nearMisses());
    return new MeaningNet(content.safety(), ordinary, embedder, cache, threshold, margin);
  }

  public static MeaningNet forBundle(ContentBundle content, Embedder embedder, VectorCache cache) {
    return forBundle(content, embedder, cache, THRESHOLD, MARGIN);
  }

  public MeaningNet(
      Safety safety,
      List<String> ordinary,
      Embedder embedder,
      VectorCache cache,
      double threshold,
      double margin) {
    this.embedder = embedder;
    this.threshold = threshold;
    this.margin = margin;
    this.ordinary = ordinary.isEmpty() ? List.of() : cache.vectors("ordinary", ordinary, embedder);
    List<String> texts = new ArrayList<>();
    for (RedFlag f : safety.redFlags()) {
      texts.addAll(f.exemplars());
    }
    List<float[]> vectors = cache.vectors("redflag-exemplars", texts, embedder);
    int at = 0;
    for (RedFlag f : safety.redFlags()) {
      flags.add(f);
      exemplars.add(vectors.subList(at, at + f.exemplars().size()));
      at += f.exemplars().size();
    }
  }

  /** Concepts found by meaning, raised or cleared by context, best clause per concept. */
  public List<Finding> screen(String text) {
    List<Clauses.Clause> clauses = Clauses.of(text);
    Map<String, Finding> out = new LinkedHashMap<>();
    Map<String, Double> best = new LinkedHashMap<>();
    int compared = 0;
    for (int k = 0; k < clauses.size() && compared < MAX_CLAUSES; k++) {
      Clauses.Clause c = clauses.get(k);
      if (c.size() < MIN_WORDS) {
        continue;
      }
      compared++;
      float[] v = embedder.embed(c.text(0, c.size()));
      int top = -1;
      double sim = -1;
      for (int f = 0; f < flags.size(); f++) {
        double s = closest(v, exemplars.get(f));
        if (s > sim) {
          sim = s;
          top = f;
        }
      }
      if (sim >= threshold && sim - closest(v, ordinary) >= margin) {
        RedFlag flag = flags.get(top);
        String why = Context.clearedBy(clauses, k, flag.historyCounts());
        Finding found =
            new Finding(
                flag.id(),
                flag.urgency(),
                c.text(0, c.size()) + String.format(" (%.2f)", sim),
                why,
                true);
        Finding had = out.get(flag.id());
        boolean better =
            had == null
                || (found.raised() && !had.raised())
                || (found.raised() == had.raised() && sim > best.get(flag.id()));
        if (better) {
          out.put(flag.id(), found);
          best.put(flag.id(), sim);
        }
      }
    }
    return new ArrayList<>(out.values());
  }

  private static double closest(float[] v, List<float[]> to) {
    double best = -1;
    for (float[] e : to) {
      best = Math.max(best, Embedder.cosine(v, e));
    }
    return best;
  }
}
