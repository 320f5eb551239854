package app.backcoach.safety;

import java.util.concurrent.ConcurrentHashMap;

/**
 * A number for every word the patterns name, so the first-word index ({@link Phrase}) tests a bit
 * instead of hashing a string per clause position. Hand-written, kept because it measured: with the
 * per-concept candidates, a short answer's screen went from 18.6 to 3.8 us ({@code ScreenBench},
 * docs/BENCHMARKS.md, section 8); {@code ScreenIndexTest} checks it changes no finding. Words are
 * added only while patterns compile, at start-up; a typed word that no pattern names has no number.
 */
final class Lexicon {
  private static final ConcurrentHashMap<String, Integer> IDS = new ConcurrentHashMap<>();

  /** The next number to give; each word gets its own even when screens compile at once. */
  private static final java.util.concurrent.atomic.AtomicInteger NEXT =
      new java.util.concurrent.atomic.AtomicInteger();

  private Lexicon() {}

  /** The word's number, given one if it has none (for pattern words). */
  static int id(String word) {
    return IDS.computeIfAbsent(word, w -> NEXT.getAndIncrement());
  }

  /** The word's number, or -1 when no pattern names it (for typed words). */
  static int find(String word) {
    Integer id = IDS.get(word);
    return id == null ? -1 : id;
  }
}
