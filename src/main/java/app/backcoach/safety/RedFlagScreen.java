package app.backcoach.safety;

import app.backcoach.content.ContentBundle;
import app.backcoach.content.RedFlag;
import app.backcoach.content.Safety;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The lexical red-flag screen: finds each concept's lay vocabulary within a clause (typos
 * forgiven), drops look-alikes ("fell asleep"), and lets context rules clear mentions that are
 * negated, past, hypothetical or about someone else. It always runs first; the meaning-based net
 * ({@link MeaningNet}) may add concepts, never remove one.
 */
public final class RedFlagScreen implements Screener {
  private record Concept(
      RedFlag flag,
      List<List<Phrase>> patterns,
      List<List<Phrase>> without,
      List<Phrase> unless,
      List<Phrase> notWith,
      Candidates candidates) {}

  /**
   * Which of a concept's patterns may match a clause, from the words the clause has. Hand-written
   * index (part of the first-word index of {@link Phrase}, measured there): a clause is tried
   * against the few patterns whose first word it contains, not against all of them.
   */
  private static final class Candidates {
    /** Pattern numbers by the {@link Lexicon} number of a word they may start with. */
    private final Map<Integer, BitSet> byWord = new java.util.HashMap<>();

    /** Patterns that may start with a prefix or any word. */
    private final BitSet loose = new BitSet();

    private final int size;

    Candidates(List<List<Phrase>> patterns) {
      size = patterns.size();
      for (int n = 0; n < patterns.size(); n++) {
        Phrase first = patterns.get(n).get(0);
        if (first.looseStart()) {
          loose.set(n);
        }
        BitSet words = first.firstWords();
        for (int w = words.nextSetBit(0); w >= 0; w = words.nextSetBit(w + 1)) {
          byWord.computeIfAbsent(w, k -> new BitSet()).set(n);
        }
      }
    }

    /** The patterns to try on the clause, by number. */
    BitSet of(Text text) {
      BitSet out = (BitSet) loose.clone();
      if (text.anyFuzzy() || !Phrase.indexed) {
        out.set(0, size); // a word may be a typo of any first word
        return out;
      }
      BitSet numbers = text.numbers();
      for (int w = numbers.nextSetBit(0); w >= 0; w = numbers.nextSetBit(w + 1)) {
        BitSet these = byWord.get(w);
        if (these != null) {
          out.or(these);
        }
      }
      return out;
    }
  }

  private final List<Concept> concepts = new ArrayList<>();
  private final Set<String> known = new HashSet<>();

  /**
   * The screen for a bundle: every word the bundle itself uses also counts as a known word, so a
   * gym word ("childs pose") is never read as a typo of a red-flag word ("chills").
   */
  public static RedFlagScreen forBundle(ContentBundle content) {
    StringBuilder words = new StringBuilder();
    content
        .mistakes()
        .forEach(
            m ->
                words
                    .append(m.title())
                    .append(' ')
                    .append(m.keywords())
                    .append(' ')
                    .append(m.signs())
                    .append(' ')
                    .append(m.why())
                    .append(' ')
                    .append(m.fix())
                    .append('\n'));
    content
        .exercises()
        .forEach(
            e ->
                words
                    .append(e.name())
                    .append(' ')
                    .append(e.keywords())
                    .append(' ')
                    .append(e.steps())
                    .append(' ')
                    .append(e.cues())
                    .append('\n'));
    content
        .routines()
        .forEach(
            r ->
                words
                    .append(r.title())
                    .append(' ')
                    .append(r.keywords())
                    .append(' ')
                    .append(r.purpose())
                    .append('\n'));
    content
        .guidance()
        .forEach(
            g ->
                words
                    .append(g.title())
                    .append(' ')
                    .append(g.keywords())
                    .append(' ')
                    .append(g.text())
                    .append('\n'));
    Set<String> known = new HashSet<>();
    for (Clauses.Clause c : Clauses.of(words.toString())) {
      known.addAll(c.words());
    }
    return new RedFlagScreen(content.safety(), known);
  }

  /** Compiles every pattern; throws {@link IllegalArgumentException} naming a broken one. */
  public RedFlagScreen(Safety safety) {
    this(safety, Set.of());
  }

  private RedFlagScreen(Safety safety, Set<String> knownWords) {
    known.addAll(KnownWords.get());
    known.addAll(knownWords);
    Vocabulary vocabulary = new Vocabulary(safety.vocabulary());
    List<String> literals = new ArrayList<>();
    for (RedFlag f : safety.redFlags()) {
      List<List<Phrase>> patterns = new ArrayList<>();
      List<List<Phrase>> without = new ArrayList<>();
      for (String p : f.patterns()) {
        String[] minus = p.split("\\s-\\s");
        List<Phrase> not = new ArrayList<>();
        for (int m = 1; m < minus.length; m++) {
          not.add(Phrase.compile(minus[m], vocabulary));
        }
        without.add(not);
        List<Phrase> parts = new ArrayList<>();
        for (String part : minus[0].split("\\s\\+\\s")) {
          try {
            parts.add(Phrase.compile(part, vocabulary));
          } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                "red flag " + f.id() + ": pattern \"" + p + "\": " + e.getMessage(), e);
          }
          parts.get(parts.size() - 1).literals(literals);
        }
        patterns.add(parts);
      }
      concepts.add(
          new Concept(
              f,
              patterns,
              without,
              compile(f, "unless", f.unless(), vocabulary, literals),
              compile(f, "notWith", f.notWith(), vocabulary, literals),
              new Candidates(patterns)));
    }
    for (String w : literals) {
      if (!w.endsWith("*")) {
        known.add(w);
      }
    }
    for (String w : safety.notTypos()) {
      known.addAll(Phrase.words(w));
    }
  }

  private static List<Phrase> compile(
      RedFlag f, String field, List<String> phrases, Vocabulary vocabulary, List<String> literals) {
    List<Phrase> out = new ArrayList<>();
    for (String u : phrases) {
      try {
        out.add(Phrase.compile(u, vocabulary));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "red flag " + f.id() + ": " + field + " \"" + u + "\": " + e.getMessage(), e);
      }
      out.get(out.size() - 1).literals(literals);
    }
    return out;
  }

  /** Every concept the text mentions, raised or cleared by context, in bundle order. */
  @Override
  public Screening screen(String text) {
    List<Clauses.Clause> clauses = Clauses.of(text);
    List<Text> texts = clauses.stream().map(c -> new Text(c, known)).toList();
    List<Clauses.Clause> sentences = null;
    List<Text> sentenceTexts = null;
    Map<String, Finding> found = new LinkedHashMap<>();
    for (Concept concept : concepts) {
      if (concept.flag().sentenceScope()) {
        if (sentences == null) {
          sentences = Clauses.sentences(clauses);
          sentenceTexts = sentences.stream().map(c -> new Text(c, known)).toList();
        }
        Finding f = first(concept, sentences, sentenceTexts);
        if (f != null) {
          found.put(concept.flag().id(), f);
        }
        continue;
      }
      Finding f = first(concept, clauses, texts);
      if (f != null) {
        found.put(concept.flag().id(), f);
      }
    }
    dropCovered(found);
    return new Screening(List.copyOf(found.values()));
  }

  /** The concept's first raised mention, else its first cleared one, else null. */
  private Finding first(Concept concept, List<Clauses.Clause> clauses, List<Text> texts) {
    Finding best = null;
    for (int k = 0; k < clauses.size() && (best == null || !best.raised()); k++) {
      Finding f = find(concept, clauses, texts, k);
      if (f != null && (best == null || f.raised())) {
        best = f;
      }
    }
    return best;
  }

  /** The concept in one clause: raised if any match counts, else the first cleared one. */
  private Finding find(
      Concept concept, List<Clauses.Clause> clauses, List<Text> texts, int clause) {
    Text text = texts.get(clause);
    Finding cleared = null;
    Boolean contextClears = null; // the sentence's notWith check, made once a pattern matches
    BitSet candidates = concept.candidates().of(text);
    for (int n = candidates.nextSetBit(0); n >= 0; n = candidates.nextSetBit(n + 1)) {
      List<Phrase> pattern = concept.patterns().get(n);
      if (!mayOccur(pattern, text)) {
        continue;
      }
      List<int[][]> spans = spans(pattern, text);
      if (spans.isEmpty() || anyIn(concept.without().get(n), text)) {
        continue;
      }
      if (contextClears == null) {
        contextClears = notWithInSentence(concept, clauses, texts, clause);
      }
      if (contextClears) {
        return null;
      }
      for (int[][] parts : spans) {
        if (overlapsUnless(concept, text, parts)) {
          continue;
        }
        int[] span = parts[0];
        String why = Context.clearedBy(clauses, clause, parts, concept.flag().historyCounts());
        Finding f =
            new Finding(
                concept.flag().id(),
                concept.flag().urgency(),
                text.clause().text(span[0], span[1]),
                why,
                false);
        if (why == null) {
          return f;
        }
        if (cleared == null) {
          cleared = f;
        }
      }
    }
    return cleared;
  }

  /** Every part of the pattern may start somewhere in the clause (the first-letter index). */
  private static boolean mayOccur(List<Phrase> pattern, Text text) {
    for (Phrase part : pattern) {
      if (!part.mayStartIn(text)) {
        return false;
      }
    }
    return true;
  }

  /** "took a tumble but rolled out of it fine": the whole sentence is the context. */
  private static boolean notWithInSentence(
      Concept concept, List<Clauses.Clause> clauses, List<Text> texts, int clause) {
    if (concept.notWith().isEmpty()) {
      return false;
    }
    for (int j = 0; j < clauses.size(); j++) {
      if (clauses.get(j).sentence() == clauses.get(clause).sentence()
          && anyIn(concept.notWith(), texts.get(j))) {
        return true;
      }
    }
    return false;
  }

  /** Whether one of the phrases occurs in the clause, not right after a negation ("not from"). */
  private static boolean anyIn(List<Phrase> phrases, Text text) {
    for (Phrase p : phrases) {
      if (!p.mayStartIn(text)) {
        continue;
      }
      for (int i = 0; i < text.size(); i++) {
        if (!p.ends(text, i).isEmpty() && !negatedBefore(text, i)) {
          return true;
        }
      }
    }
    return false;
  }

  private static final Set<String> NEGATIONS = Set.of("not", "isnt", "wasnt", "no");

  /** "not from sitting", "not after leg day": a negation one or two words before. */
  private static boolean negatedBefore(Text text, int i) {
    for (int j = i - 1; j >= 0 && i - j <= 2; j--) {
      if (NEGATIONS.contains(text.clause().word(j))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Where all parts of a pattern occur in the clause: one span per occurrence of its first part,
   * widened to the nearest occurrence of each other part: the whole span first, then each part's.
   */
  private static List<int[][]> spans(List<Phrase> pattern, Text text) {
    List<List<int[]>> each = new ArrayList<>();
    for (Phrase part : pattern) {
      List<int[]> at = occurrences(part, text);
      if (at.isEmpty()) {
        return List.of();
      }
      each.add(at);
    }
    List<int[][]> out = new ArrayList<>();
    for (int[] anchor : each.get(0)) {
      int[][] parts = new int[each.size() + 1][];
      parts[1] = anchor;
      int start = anchor[0];
      int end = anchor[1];
      for (int p = 1; p < each.size(); p++) {
        int[] near = nearest(each.get(p), anchor);
        parts[p + 1] = near;
        start = Math.min(start, near[0]);
        end = Math.max(end, near[1]);
      }
      parts[0] = new int[] {start, end};
      out.add(parts);
    }
    return out;
  }

  private static List<int[]> occurrences(Phrase phrase, Text text) {
    if (!phrase.mayStartIn(text)) {
      return List.of();
    }
    List<int[]> out = new ArrayList<>();
    for (int i = 0; i < text.size(); i++) {
      BitSet ends = phrase.ends(text, i);
      if (!ends.isEmpty()) {
        out.add(new int[] {i, ends.length() - 1});
      }
    }
    return out;
  }

  private static int[] nearest(List<int[]> spans, int[] anchor) {
    int[] best = spans.get(0);
    int bestDistance = Integer.MAX_VALUE;
    for (int[] s : spans) {
      int d = Math.abs(s[0] - anchor[0]);
      if (d < bestDistance) {
        best = s;
        bestDistance = d;
      }
    }
    return best;
  }

  private static boolean overlapsUnless(Concept concept, Text text, int[][] parts) {
    for (Phrase u : concept.unless()) {
      for (int[] at : occurrences(u, text)) {
        if (at[0] < parts[1][1] && parts[1][0] < at[1]) {
          return true; // only the first part's look-alikes: "fell asleep" is not a fall
        }
      }
    }
    return false;
  }

  private void dropCovered(Map<String, Finding> found) {
    for (Concept c : concepts) {
      Finding f = found.get(c.flag().id());
      if (f != null && f.raised()) {
        for (String covered : c.flag().covers()) {
          Finding g = found.get(covered);
          if (g != null && g.raised()) {
            found.remove(covered);
          }
        }
      }
    }
  }
}
