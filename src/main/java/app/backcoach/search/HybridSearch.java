package app.backcoach.search;

import app.backcoach.content.ContentBundle;
import app.backcoach.conversation.Search;
import app.backcoach.meaning.Meaning;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Questions answered by words and by meaning together: the Lucene ranking and the sentence-vector
 * ranking are fused by reciprocal rank ({@code 1/(K + rank)} summed, Cormack et al. 2009). The
 * off-topic decision uses both: a question gets an answer when its closest entry is at least {@link
 * #MIN_COSINE} similar, or when Lucene's score reaches its threshold and the meaning is at least
 * {@link #MIN_COSINE_WITH_WORDS} close (so "my knee hurts when running" no longer gets a back
 * exercise for sharing the word "running"). Until the model has loaded, Lucene answers alone.
 */
public final class HybridSearch implements Search {
  /** Reciprocal-rank constant: 60 is the value of the original paper, kept (docs/SEARCH.md). */
  static final int K = 60;

  /** Cosine from which the closest entry counts as an answer; from the tuning set. */
  static final double MIN_COSINE = 0.60;

  /** Cosine an answer needs when Lucene is confident too; from the tuning set. */
  static final double MIN_COSINE_WITH_WORDS = 0.50;

  private static final int DEPTH = 20;

  private final Explain lexical;
  private final Meaning<EntryVectors> meaning;
  private final double minCosine;
  private final double minLexical;
  private final double minCosineWithWords;

  /**
   * @param lexical the Lucene side, whose {@code explain} gives every hit with its score
   * @param minLexical the Lucene score that counts as an answer on its own
   */
  public HybridSearch(
      Explain lexical,
      double minLexical,
      Meaning<EntryVectors> meaning,
      double minCosine,
      double minCosineWithWords) {
    this.lexical = lexical;
    this.minLexical = minLexical;
    this.meaning = meaning;
    this.minCosine = minCosine;
    this.minCosineWithWords = minCosineWithWords;
  }

  public HybridSearch(ContentIndex index, Meaning<EntryVectors> meaning) {
    this(index::explain, index.minScore(), meaning, MIN_COSINE, MIN_COSINE_WITH_WORDS);
  }

  /**
   * The bot's search: the Lucene index is built on a background thread (a question that arrives
   * first waits for it, about half a second), the vectors come when the model has loaded.
   */
  public static HybridSearch start(ContentBundle content, Meaning<EntryVectors> vectors) {
    CompletableFuture<ContentIndex> index =
        CompletableFuture.supplyAsync(() -> ContentIndex.build(content));
    return new HybridSearch(
        (q, max) -> index.join().explain(q, max),
        ContentIndex.MIN_SCORE,
        vectors,
        MIN_COSINE,
        MIN_COSINE_WITH_WORDS);
  }

  /** Every Lucene hit with its score, above the threshold or not. */
  @FunctionalInterface
  public interface Explain {
    List<Found> explain(String question, int max);
  }

  /** One entry's two scores and its fused rank, for {@code ask}. */
  public record Scored(String kind, String id, double lexical, double cosine, double fused) {}

  @Override
  public List<Found> find(String question, int max) {
    List<Scored> all = scored(question);
    if (all.isEmpty() || !answers(all)) {
      return List.of();
    }
    List<Found> out = new ArrayList<>();
    for (Scored s : all.subList(0, Math.min(max, all.size()))) {
      out.add(new Found(s.kind(), s.id(), s.fused()));
    }
    return out;
  }

  /** Whether either side is confident enough to answer at all (the off-topic decision). */
  public boolean answers(List<Scored> all) {
    double lex = all.stream().mapToDouble(Scored::lexical).max().orElse(0);
    if (meaning.now() == null) {
      return lex >= minLexical;
    }
    double cos = all.stream().mapToDouble(Scored::cosine).max().orElse(0);
    return cos >= minCosine || (lex >= minLexical && cos >= minCosineWithWords);
  }

  /** Both rankings fused, best first, with each side's own score (0 where it has none). */
  public List<Scored> scored(String question) {
    List<Found> words = lexical.explain(question, DEPTH);
    EntryVectors vectors = meaning.now();
    List<Found> meanings = vectors == null ? List.of() : vectors.rank(question, DEPTH);
    Map<String, double[]> by = new LinkedHashMap<>(); // lexical, cosine, fused
    Map<String, String[]> names = new LinkedHashMap<>();
    for (int r = 0; r < words.size(); r++) {
      Found f = words.get(r);
      double[] s = by.computeIfAbsent(f.kind() + ":" + f.id(), k -> new double[3]);
      s[0] = f.score();
      s[2] += 1.0 / (K + r + 1);
      names.putIfAbsent(f.kind() + ":" + f.id(), new String[] {f.kind(), f.id()});
    }
    for (int r = 0; r < meanings.size(); r++) {
      Found f = meanings.get(r);
      double[] s = by.computeIfAbsent(f.kind() + ":" + f.id(), k -> new double[3]);
      s[1] = f.score();
      s[2] += 1.0 / (K + r + 1);
      names.putIfAbsent(f.kind() + ":" + f.id(), new String[] {f.kind(), f.id()});
    }
    List<Scored> out = new ArrayList<>();
    by.forEach(
        (key, s) -> out.add(new Scored(names.get(key)[0], names.get(key)[1], s[0], s[1], s[2])));
    out.sort((a, b) -> Double.compare(b.fused(), a.fused()));
    return out;
  }
}
