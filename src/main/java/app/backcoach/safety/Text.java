package app.backcoach.safety;

import java.util.Set;

/**
 * A clause's words as patterns see them: a word matches exactly, or with one typo (an insertion,
 * deletion, substitution or swap) when both it and the pattern word have six letters or more and
 * the typed word is not itself a known word ("ladder" never reads as "bladder").
 */
final class Text {
  static final int TYPO_MIN = 6;

  private final Clauses.Clause clause;
  private final boolean[] fuzzy;

  /** The first letters of the clause's words, a bit each ({@code Phrase.Choice.letter}). */
  private final long letters;

  /** Some word may be a typo. */
  private final boolean anyFuzzy;

  Text(Clauses.Clause clause, Set<String> known) {
    this.clause = clause;
    this.fuzzy = new boolean[clause.size()];
    long seen = 0;
    boolean typo = false;
    for (int i = 0; i < clause.size(); i++) {
      String w = clause.word(i);
      seen |= Phrase.letter(w);
      if (known != null) {
        fuzzy[i] =
            w.length() >= TYPO_MIN && !known.contains(w) && w.chars().allMatch(Character::isLetter);
        typo |= fuzzy[i];
      }
    }
    this.letters = seen;
    this.anyFuzzy = typo;
  }

  long letters() {
    return letters;
  }

  /** Each word's {@link Lexicon} number (-1 for none), made on first use. */
  private int[] ids;

  /** Each word's number without a final "s" (4 letters or more), else -1. */
  private int[] singularIds;

  /** Every number in {@link #ids} and {@link #singularIds}. */
  private java.util.BitSet present;

  private void number() {
    int n = clause.size();
    int[] own = new int[n];
    int[] single = new int[n];
    java.util.BitSet all = new java.util.BitSet();
    for (int i = 0; i < n; i++) {
      String word = clause.word(i);
      own[i] = Lexicon.find(word);
      single[i] =
          word.length() >= 4 && word.endsWith("s")
              ? Lexicon.find(word.substring(0, word.length() - 1))
              : -1;
      if (own[i] >= 0) {
        all.set(own[i]);
      }
      if (single[i] >= 0) {
        all.set(single[i]);
      }
    }
    ids = own;
    singularIds = single;
    present = all;
  }

  /**
   * True when word {@code i}, or word {@code i} without a final "s", has a number in {@code
   * numbers}.
   */
  boolean wordIn(int i, java.util.BitSet numbers) {
    if (ids == null) {
      number();
    }
    return (ids[i] >= 0 && numbers.get(ids[i]))
        || (singularIds[i] >= 0 && numbers.get(singularIds[i]));
  }

  /** The numbers of every word, and of every word without a final "s", in no order. */
  java.util.BitSet numbers() {
    if (ids == null) {
      number();
    }
    return present;
  }

  /** True when some word, or some word without a final "s", has a number in {@code numbers}. */
  boolean anyWordIn(java.util.BitSet numbers) {
    if (ids == null) {
      number();
    }
    return numbers.intersects(present);
  }

  boolean anyFuzzy() {
    return anyFuzzy;
  }

  /** The clause with exact matching only, for context triggers. */
  static Text exact(Clauses.Clause clause) {
    return new Text(clause, null);
  }

  int size() {
    return clause.size();
  }

  Clauses.Clause clause() {
    return clause;
  }

  String word(int i) {
    return clause.word(i);
  }

  /** True when word {@code i} may be a typo, so it is matched within one edit. */
  boolean fuzzy(int i) {
    return fuzzy[i];
  }

  boolean is(int i, String word) {
    String w = clause.word(i);
    return w.equals(word)
        || plural(w, word)
        || (fuzzy[i] && word.length() >= TYPO_MIN && Typos.oneEditApart(w, word));
  }

  /** "groin's" (read "groins") and "bums" are "groin" and "bum". */
  private static boolean plural(String w, String word) {
    return word.length() >= 3
        && w.length() == word.length() + 1
        && w.endsWith("s")
        && w.startsWith(word)
        && !word.endsWith("s");
  }

  boolean startsWith(int i, String prefix) {
    String w = clause.word(i);
    if (w.startsWith(prefix)) {
      return true;
    }
    if (!fuzzy[i] || prefix.length() < TYPO_MIN) {
      return false;
    }
    for (int len = prefix.length() - 1; len <= prefix.length() + 1; len++) {
      if (len <= w.length() && Typos.oneEditApart(w.substring(0, len), prefix)) {
        return true;
      }
    }
    return false;
  }
}
