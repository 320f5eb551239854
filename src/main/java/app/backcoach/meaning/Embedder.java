package app.backcoach.meaning;

import java.util.ArrayList;
import java.util.List;

/** Turns text into a unit-length vector; similar meanings have a high dot product. */
public interface Embedder {
  /** The vector of one text, unit length. */
  float[] embed(String text);

  /** The vectors of several texts, in order. */
  default List<float[]> embedAll(List<String> texts) {
    List<float[]> out = new ArrayList<>(texts.size());
    for (String t : texts) {
      out.add(embed(t));
    }
    return out;
  }

  /** A name that changes whenever vectors would change: part of every cache key. */
  String id();

  /** Cosine similarity of two unit vectors. */
  static double cosine(float[] a, float[] b) {
    double dot = 0;
    for (int i = 0; i < a.length; i++) {
      dot += a[i] * b[i];
    }
    return dot;
  }
}
