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

  /** The clause's words, and each one ending in "s" without it, made on first use. */
  private java.util.Set<String> words;

  /** True when a word of the clause is {@code w}, or is {@code w} with an "s" after it. */
  boolean hasWord(String w) {
    java.util.Set<String> set = words;
    if (set == null) {
      set = new java.util.HashSet<>();
      for (int i = 0; i < clause.size(); i++) {
        String word = clause.word(i);
        set.add(word);
        if (word.length() >= 4 && word.endsWith("s")) {
          set.add(word.substring(0, word.length() - 1));
        }
      }
      words = set;
    }
    return set.contains(w);
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
