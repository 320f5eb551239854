package app.backcoach.conversation;

import app.backcoach.content.RedFlag;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds red-flag symptoms in anything a user types. Errs on the side of safety: only a plain
 * negation at most three words before the phrase, in the same clause ("no numbness or tingling",
 * "not any tingling"), suppresses a match.
 */
public final class RedFlagDetector {
  private static final Set<String> NEGATIONS =
      Set.of("no", "not", "without", "never", "zero", "nor");
  private static final Set<String> BREAKS =
      Set.of(
          "but",
          "though",
          "although",
          "except",
          "however",
          "yet",
          "still",
          "now",
          "until",
          "since");
  private final List<RedFlag> flags;

  /** Each flag's phrases, compiled once: every message is checked against all of them. */
  private final List<List<Words.Phrase>> phrases;

  public RedFlagDetector(List<RedFlag> flags) {
    this.flags = List.copyOf(flags);
    this.phrases =
        this.flags.stream().map(f -> f.phrases().stream().map(Words::phrase).toList()).toList();
  }

  /** Ids of the red flags the text describes, in bundle order; empty when none. */
  public Set<String> detect(String text) {
    List<String> words = Words.tokens(text);
    Set<String> present = new java.util.HashSet<>(words);
    Set<String> found = new LinkedHashSet<>();
    for (int f = 0; f < flags.size(); f++) {
      for (Words.Phrase phrase : phrases.get(f)) {
        if (phrase.mayMatch(present) && matchesUnnegated(words, phrase)) {
          found.add(flags.get(f).id());
          break;
        }
      }
    }
    return found;
  }

  private static boolean matchesUnnegated(List<String> words, Words.Phrase phrase) {
    for (int from = 0; from < words.size(); from++) {
      int[] at = Words.find(words.subList(from, words.size()), phrase);
      if (at == null) {
        return false;
      }
      int start = from + at[0];
      if (!negated(words, start)) {
        return true;
      }
      from = start; // try later occurrences
    }
    return false;
  }

  private static boolean negated(List<String> words, int start) {
    for (int i = start - 1; i >= 0 && start - i <= 3; i--) {
      String w = words.get(i);
      if (BREAKS.contains(w)) {
        return false;
      }
      if (NEGATIONS.contains(w)) {
        return true;
      }
    }
    return false;
  }
}
