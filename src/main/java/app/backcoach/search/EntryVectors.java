package app.backcoach.search;

import app.backcoach.content.ContentBundle;
import app.backcoach.content.Exercise;
import app.backcoach.content.Guidance;
import app.backcoach.content.Mistake;
import app.backcoach.content.Routine;
import app.backcoach.conversation.Search;
import app.backcoach.meaning.Embedder;
import app.backcoach.meaning.VectorCache;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every bundle entry as sentence vectors: its title, its title with keywords, each sign of a
 * mistake, and each example question (examples.yaml). An entry's similarity to a question is that
 * of its closest text. Computed once per bundle and model, cached on disk.
 */
public final class EntryVectors {
  private record Text(String kind, String id, String text) {}

  private final Embedder embedder;
  private final List<Text> texts;
  private final List<float[]> vectors;

  private EntryVectors(Embedder embedder, List<Text> texts, List<float[]> vectors) {
    this.embedder = embedder;
    this.texts = texts;
    this.vectors = vectors;
  }

  public static EntryVectors build(ContentBundle content, Embedder embedder, VectorCache cache) {
    List<Text> texts = new ArrayList<>();
    for (Mistake m : content.mistakes()) {
      add(texts, "mistake", m.id(), m.title(), m.keywords(), content);
      m.signs().forEach(s -> texts.add(new Text("mistake", m.id(), s)));
    }
    for (Exercise e : content.exercises()) {
      add(texts, "exercise", e.id(), e.name(), e.keywords(), content);
    }
    for (Routine r : content.routines()) {
      add(texts, "routine", r.id(), r.title(), r.keywords(), content);
      texts.add(new Text("routine", r.id(), r.purpose()));
    }
    for (Guidance g : content.guidance()) {
      add(texts, "guidance", g.id(), g.title(), g.keywords(), content);
    }
    List<float[]> vectors =
        cache.vectors("entries", texts.stream().map(Text::text).toList(), embedder);
    return new EntryVectors(embedder, List.copyOf(texts), vectors);
  }

  private static void add(
      List<Text> texts,
      String kind,
      String id,
      String title,
      List<String> keywords,
      ContentBundle content) {
    texts.add(new Text(kind, id, title));
    if (!keywords.isEmpty()) {
      texts.add(new Text(kind, id, title + ": " + String.join(", ", keywords)));
    }
    for (String q : content.examples().getOrDefault(id, List.of())) {
      texts.add(new Text(kind, id, q));
    }
  }

  /** Entries by similarity to the question, best first, with the cosine as the score. */
  public List<Search.Found> rank(String question, int max) {
    float[] q = embedder.embed(question);
    Map<String, Search.Found> best = new HashMap<>();
    for (int i = 0; i < texts.size(); i++) {
      Text t = texts.get(i);
      double sim = Embedder.cosine(q, vectors.get(i));
      String key = t.kind() + ":" + t.id();
      Search.Found had = best.get(key);
      if (had == null || sim > had.score()) {
        best.put(key, new Search.Found(t.kind(), t.id(), sim));
      }
    }
    List<Search.Found> out = new ArrayList<>(best.values());
    out.sort((a, b) -> Double.compare(b.score(), a.score()));
    return out.subList(0, Math.min(max, out.size()));
  }
}
