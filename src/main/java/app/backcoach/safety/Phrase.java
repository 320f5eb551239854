package app.backcoach.safety;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;

/**
 * One phrase of a red-flag pattern: words in order, where a word ending in {@code *} matches by
 * prefix, {@code *} alone is any one word, {@code ~} lets up to three words sit between and
 * {@code @name} is any phrase of a vocabulary class.
 */
final class Phrase {
  /** How many words a {@code ~} may skip. */
  static final int GAP = 3;

  private sealed interface Part permits Word, Gap, AnyWord, Choice {}

  private record Word(String text, boolean prefix) implements Part {}

  private record Gap() implements Part {}

  private record AnyWord() implements Part {}

  /**
   * Any one of a vocabulary class's phrases. Hand-written index, kept because it halves the cost of
   * a typed message (docs/BENCHMARKS.md, section 7: EngineBench saturation 2,290 to 4,000+
   * updates/s): at a clause position whose word no option can start with, the options are not tried
   * one by one. A word that may be a typo still tries them all.
   */
  private static final class Choice implements Part {
    final List<Phrase> options;

    /** The {@link Lexicon} numbers of the exact words some option starts with. */
    final BitSet firstWords = new BitSet();

    /** Prefixes some option starts with. */
    final List<String> firstPrefixes = new ArrayList<>();

    /** Some option starts with any word, so every position must be tried. */
    boolean anyStart;

    /** The first letters of {@link #firstWords} and {@link #firstPrefixes}, a bit each. */
    long letters;

    Choice(List<Phrase> options) {
      this.options = options;
      for (Phrase o : options) {
        starts(o);
      }
    }

    private void starts(Phrase o) {
      Part first = o.parts.get(0);
      if (first instanceof Word w) {
        if (w.prefix()) {
          firstPrefixes.add(w.text());
        } else {
          firstWords.set(Lexicon.id(w.text()));
        }
        letters |= letter(w.text());
      } else if (first instanceof Choice c) {
        firstWords.or(c.firstWords);
        firstPrefixes.addAll(c.firstPrefixes);
        anyStart |= c.anyStart;
        letters |= c.letters;
      } else {
        anyStart = true;
      }
    }

    /** False when no option can start at word {@code i} (same rules as {@link Text#is}). */
    boolean mayStartAt(Text text, int i) {
      if (anyStart || text.fuzzy(i) || !indexed) {
        return true;
      }
      String w = text.word(i);
      if ((letters & letter(w)) == 0) {
        return false; // most phrases start with one word: a letter test spares the lookups
      }
      if (text.wordIn(i, firstWords)) {
        return true;
      }
      for (String prefix : firstPrefixes) {
        if (w.startsWith(prefix)) {
          return true;
        }
      }
      return false;
    }
  }

  /**
   * False turns the first-word index off everywhere, so a test can check that it only ever spares
   * work and never changes a finding ({@code ScreenIndexTest}).
   */
  static volatile boolean indexed = true;

  private final List<Part> parts;

  /** The same first-word index for the phrase itself (see {@link Choice}). */
  private final Choice start;

  private Phrase(List<Part> parts) {
    this.parts = parts;
    this.start = new Choice(List.of(this));
  }

  private static final BitSet NONE = new BitSet();

  /** A bit for a word's first letter (a-z, or one bit for anything else). */
  static long letter(String word) {
    char c = word.isEmpty() ? ' ' : word.charAt(0);
    return 1L << (c >= 'a' && c <= 'z' ? c - 'a' : 26);
  }

  /**
   * False when the phrase cannot start anywhere in the clause: no word begins with a letter any of
   * its first words begins with (and no word may be a typo). Part of the same index as {@link
   * Choice}: most phrases are ruled out for a clause without looking at a single position.
   */
  boolean mayStartIn(Text text) {
    if (start.anyStart || text.anyFuzzy() || !indexed) {
      return true;
    }
    if ((start.letters & text.letters()) == 0) {
      return false;
    }
    if (text.anyWordIn(start.firstWords)) {
      return true;
    }
    for (String prefix : start.firstPrefixes) {
      for (int i = 0; i < text.size(); i++) {
        if (text.word(i).startsWith(prefix)) {
          return true;
        }
      }
    }
    return false;
  }

  /** The {@link Lexicon} numbers of the exact words this phrase may start with. */
  BitSet firstWords() {
    return start.firstWords;
  }

  /** True when the phrase may start with a prefix or any word, so no word number rules it out. */
  boolean looseStart() {
    return start.anyStart || !start.firstPrefixes.isEmpty();
  }

  /** Compiles a phrase; unknown classes throw {@link IllegalArgumentException} naming them. */
  static Phrase compile(String text, Vocabulary vocabulary) {
    List<Part> parts = new ArrayList<>();
    for (String raw : text.trim().toLowerCase(Locale.ROOT).split("\\s+")) {
      if (raw.isEmpty()) {
        continue;
      }
      if (raw.equals("~")) {
        parts.add(new Gap());
      } else if (raw.equals("*")) {
        parts.add(new AnyWord());
      } else if (raw.startsWith("@")) {
        parts.add(new Choice(vocabulary.phrases(raw.substring(1))));
      } else {
        boolean prefix = raw.endsWith("*");
        String body = prefix ? raw.substring(0, raw.length() - 1) : raw;
        List<String> words = words(body);
        for (int i = 0; i < words.size(); i++) {
          parts.add(new Word(words.get(i), prefix && i == words.size() - 1));
        }
      }
    }
    if (parts.isEmpty()
        || parts.get(0) instanceof Gap
        || parts.get(parts.size() - 1) instanceof Gap) {
      throw new IllegalArgumentException("\"" + text + "\": needs a word first and last");
    }
    return new Phrase(List.copyOf(parts));
  }

  /** The words of a literal as the screen sees them ("can't" is "cant", "t-boned" is "t boned"). */
  static List<String> words(String literal) {
    List<String> out = new ArrayList<>();
    for (Clauses.Clause c : Clauses.of(literal)) {
      out.addAll(c.words());
    }
    return out;
  }

  /** Every literal word, for the typo list; prefixes end in "*". */
  void literals(List<String> into) {
    for (Part p : parts) {
      if (p instanceof Word w) {
        into.add(w.prefix() ? w.text() + "*" : w.text());
      } else if (p instanceof Choice c) {
        c.options.forEach(o -> o.literals(into));
      }
    }
  }

  /** The positions just past each match starting at {@code from}, as set bits. */
  BitSet ends(Text text, int from) {
    if (from >= text.size() || !start.mayStartAt(text, from)) {
      return NONE; // read only: callers iterate over it
    }
    BitSet out = new BitSet();
    match(text, 0, from, out);
    return out;
  }

  private void match(Text text, int part, int at, BitSet out) {
    if (part == parts.size()) {
      out.set(at);
      return;
    }
    Part p = parts.get(part);
    if (p instanceof Gap) {
      for (int skip = 0; skip <= GAP && at + skip <= text.size(); skip++) {
        match(text, part + 1, at + skip, out);
      }
      return;
    }
    if (at >= text.size()) {
      return;
    }
    if (p instanceof AnyWord) {
      match(text, part + 1, at + 1, out);
    } else if (p instanceof Word w) {
      if (w.prefix() ? text.startsWith(at, w.text()) : text.is(at, w.text())) {
        match(text, part + 1, at + 1, out);
      }
    } else if (p instanceof Choice c) {
      if (!c.mayStartAt(text, at)) {
        return;
      }
      for (Phrase option : c.options) {
        BitSet ends = option.ends(text, at);
        for (int e = ends.nextSetBit(0); e >= 0; e = ends.nextSetBit(e + 1)) {
          match(text, part + 1, e, out);
        }
      }
    }
  }
}
