package app.backcoach.meaning;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A deterministic stand-in for the sentence model: a hashed bag of words, unit length, so texts
 * sharing words are similar. Counts the texts it embeds.
 */
public final class FakeEmbedder implements Embedder {
  public final AtomicInteger embedded = new AtomicInteger();
  private final String id;

  public FakeEmbedder() {
    this("fake-bag-of-words");
  }

  public FakeEmbedder(String id) {
    this.id = id;
  }

  @Override
  public float[] embed(String text) {
    embedded.incrementAndGet();
    float[] v = new float[256];
    for (String w : text.toLowerCase(Locale.ROOT).split("[^a-z0-9]+")) {
      if (!w.isEmpty()) {
        v[Math.floorMod(w.hashCode(), v.length)] += 1;
      }
    }
    double norm = 0;
    for (float f : v) {
      norm += f * f;
    }
    norm = norm == 0 ? 1 : Math.sqrt(norm);
    for (int i = 0; i < v.length; i++) {
      v[i] /= (float) norm;
    }
    return v;
  }

  @Override
  public String id() {
    return id;
  }
}
