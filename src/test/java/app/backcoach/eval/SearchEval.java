package app.backcoach.eval;

import app.backcoach.content.ContentBundle;
import app.backcoach.content.ContentLoader;
import app.backcoach.content.ContentSource;
import app.backcoach.conversation.Search;
import app.backcoach.meaning.Meaning;
import app.backcoach.meaning.MiniLm;
import app.backcoach.meaning.VectorCache;
import app.backcoach.search.ContentIndex;
import app.backcoach.search.EntryVectors;
import app.backcoach.search.HybridSearch;
import java.nio.file.Path;
import java.util.List;

/**
 * Prints question-answering figures on the tuning set (questions.tsv) and the held-out set
 * (questions-heldout.tsv): Lucene only, meaning only and the hybrid (docs/SEARCH.md).
 *
 * <p>Usage: SearchEval [content-dir] [--sweep]
 */
public final class SearchEval {
  private SearchEval() {}

  public static void main(String[] args) {
    Path dir = Path.of(args.length > 0 && !args[0].startsWith("--") ? args[0] : "content");
    ContentBundle content = ContentLoader.load(ContentSource.directory(dir));
    ContentIndex index = ContentIndex.build(content);
    EntryVectors vectors =
        EntryVectors.build(
            content, MiniLm.load(), new VectorCache(Path.of("target", "vector-cache")));
    List<Labelled> tune = Labelled.read("questions.tsv");
    if (List.of(args).contains("--sweep")) {
      for (double t = 0.55; t <= 0.701; t += 0.05) {
        System.out.printf(
            "min cosine %.2f (tuning set): meaning only %s%n",
            t, SearchScore.of(meaningOnly(vectors, t), tune).line());
        for (double w = 0.35; w <= 0.551; w += 0.05) {
          System.out.printf(
              "  with words %.2f: hybrid %s%n",
              w,
              SearchScore.of(
                      new HybridSearch(index::explain, index.minScore(), Meaning.of(vectors), t, w),
                      tune)
                  .line());
        }
      }
    }
    Search hybrid = new HybridSearch(index, Meaning.of(vectors));
    for (String set : List.of("questions.tsv", "questions-heldout.tsv")) {
      List<Labelled> rows = Labelled.read(set);
      System.out.printf("%n### %s (%d questions)%n", set, rows.size());
      System.out.println("lexical only:  " + SearchScore.of(index, rows).line());
      System.out.println(
          "meaning only:  " + SearchScore.of(meaningOnly(vectors, 0.60), rows).line());
      System.out.println("hybrid:        " + SearchScore.of(hybrid, rows).line());
    }
  }

  static Search meaningOnly(EntryVectors vectors, double minCosine) {
    return (question, max) -> {
      List<Search.Found> hits = vectors.rank(question, max);
      return hits.isEmpty() || hits.get(0).score() < minCosine ? List.of() : hits;
    };
  }
}
