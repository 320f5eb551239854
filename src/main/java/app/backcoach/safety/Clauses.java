package app.backcoach.safety;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Splits a message into sentences and clauses of lower-case words: the units that red-flag patterns
 * and their context rules work within. Apostrophes go ("can't" is "cant"), hyphens split words
 * ("rear-ended" is "rear ended"), and clause-ending words such as "but" start a new clause, as in
 * ConText's termination terms.
 */
final class Clauses {
  /** Longer messages are screened in their first part only; Telegram caps a message at 4,096. */
  static final int MAX_CHARS = 4_096;

  private static final Set<String> TERMINATORS =
      Set.of(
          "but",
          "however",
          "although",
          "though",
          "except",
          "whereas",
          "otherwise",
          "besides",
          "anyway",
          "anyways");

  private Clauses() {}

  /**
   * One clause.
   *
   * @param words the clause's words, lower case
   * @param comma bit i is set when a comma came right before word i
   * @param sentence the index of the sentence the clause belongs to
   */
  record Clause(List<String> words, BitSet comma, int sentence) {
    int size() {
      return words.size();
    }

    String word(int i) {
      return words.get(i);
    }

    /** The words from..to-1 joined by spaces, for showing what matched. */
    String text(int from, int to) {
      return String.join(" ", words.subList(Math.max(0, from), Math.min(words.size(), to)));
    }
  }

  static List<Clause> of(String text) {
    String t = text == null ? "" : text;
    if (t.length() > MAX_CHARS) {
      t = t.substring(0, MAX_CHARS);
    }
    t = Normalizer.normalize(t, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    List<Clause> out = new ArrayList<>();
    List<String> words = new ArrayList<>();
    BitSet comma = new BitSet();
    boolean pendingComma = false;
    int sentence = 0;
    StringBuilder word = new StringBuilder();
    for (int i = 0; i <= t.length(); i++) {
      char c = i < t.length() ? t.charAt(i) : '.';
      if (Character.isLetterOrDigit(c)) {
        if (word.length() > 0
            && Character.isDigit(c) != Character.isDigit(word.charAt(word.length() - 1))) {
          c = ' '; // "6kg" is "6 kg", "3am" is "3 am": handled below as a word boundary
          i--;
        } else {
          word.append(c);
          continue;
        }
      }
      if (c == '\'' || c == '\u2019' || c == '\u2018' || c == '\u02bc' || c == '`') {
        continue; // "can't" -> "cant"
      }
      if (word.length() > 0) {
        String w = word.toString();
        word.setLength(0);
        if (TERMINATORS.contains(w)) {
          close(out, words, comma, sentence);
          words = new ArrayList<>();
          comma = new BitSet();
          pendingComma = false;
        } else {
          if (pendingComma) {
            comma.set(words.size());
            pendingComma = false;
          }
          words.add(w);
        }
      }
      if (c == '.' || c == '!' || c == '?' || c == ';' || c == '\n' || c == '\u2026') {
        close(out, words, comma, sentence);
        words = new ArrayList<>();
        comma = new BitSet();
        pendingComma = false;
        sentence++;
      } else if (c == ',' || c == ':' || c == '(' || c == ')') {
        pendingComma = !words.isEmpty();
      }
    }
    return out;
  }

  private static void close(List<Clause> out, List<String> words, BitSet comma, int sentence) {
    if (!words.isEmpty()) {
      out.add(new Clause(List.copyOf(words), comma, sentence));
    }
  }

  /** Each sentence as one clause: for concepts whose parts may sit in different clauses. */
  static List<Clause> sentences(List<Clause> clauses) {
    List<Clause> out = new ArrayList<>();
    List<String> words = new ArrayList<>();
    BitSet comma = new BitSet();
    int sentence = -1;
    for (Clause c : clauses) {
      if (c.sentence() != sentence && !words.isEmpty()) {
        out.add(new Clause(List.copyOf(words), comma, sentence));
        words = new ArrayList<>();
        comma = new BitSet();
      }
      sentence = c.sentence();
      if (!words.isEmpty()) {
        comma.set(words.size());
      }
      for (int i = 0; i < c.size(); i++) {
        if (c.comma().get(i)) {
          comma.set(words.size());
        }
        words.add(c.word(i));
      }
    }
    if (!words.isEmpty()) {
      out.add(new Clause(List.copyOf(words), comma, sentence));
    }
    return out;
  }
}
