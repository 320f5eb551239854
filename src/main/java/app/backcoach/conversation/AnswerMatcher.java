package app.backcoach.conversation;

import app.backcoach.content.Question;
import java.util.ArrayList;
import java.util.List;

/**
 * Matches a typed answer to a question's options: by label, by the option's match words, or by a
 * number's range.
 */
final class AnswerMatcher {
  private AnswerMatcher() {}

  private static final java.util.Set<String> BELOW =
      java.util.Set.of("under", "below", "less", "fewer", "lt", "max", "maximum", "upto");
  private static final java.util.Set<String> ABOVE =
      java.util.Set.of("over", "above", "more", "plus", "gt");

  /**
   * "under 5" is just below 5 and "over 8" above 8, so they land in the range the person means
   * ("under 5 h" is not "5 to 8 h").
   */
  private static double bound(List<String> words, double n) {
    for (String w : words) {
      if (BELOW.contains(w)) {
        return n - 0.5;
      }
      if (ABOVE.contains(w)) {
        return n == Math.rint(n) ? n + 1 : n + 0.5; // "over 8 hours" is 9, not 8.5
      }
    }
    return n;
  }

  /**
   * The options the text selects. For a single choice the result has one option (a clear match),
   * several (ambiguous) or none.
   */
  static List<Question.Option> match(Question q, String text) {
    List<String> words = Words.tokens(text);
    Double typed = q.type() == Question.Type.NUMBER ? Words.firstNumber(text) : null;
    if (typed != null) {
      // A number answers a number question by value: "-1" is not the button "1".
      double n = bound(words, typed);
      for (Question.Option o : q.options()) {
        if (o.holds(n)) {
          return List.of(o);
        }
      }
      return List.of();
    }
    String normal = String.join(" ", words);
    for (Question.Option o : q.options()) {
      if (normal.equals(Words.normalOfContent(o.label()))
          || normal.equals(Words.normalOfContent(o.id()))) {
        return List.of(o);
      }
    }
    List<Question.Option> hits = new ArrayList<>();
    int best = 0;
    for (Question.Option o : q.options()) {
      int longest = 0;
      for (String phrase : o.match()) {
        int[] at = Words.find(words, phrase);
        if (at != null) {
          longest = Math.max(longest, at[1] - at[0]);
        }
      }
      if (longest > 0) {
        hits.add(o);
        if (q.type() != Question.Type.MULTI) {
          best = Math.max(best, longest);
        }
      }
    }
    if (!hits.isEmpty() && q.type() != Question.Type.MULTI) {
      // The longest phrase wins a single choice: "mixed desk and standing" is "mixed", not "desk".
      final int longestMatch = best;
      List<Question.Option> top = new ArrayList<>();
      for (Question.Option o : hits) {
        if (o.match().stream()
            .map(p -> Words.find(words, p))
            .anyMatch(at -> at != null && at[1] - at[0] == longestMatch)) {
          top.add(o);
        }
      }
      return top;
    }
    if (!hits.isEmpty()) {
      return hits;
    }
    Double n = Words.firstNumber(text);
    if (n != null && q.type() == Question.Type.NUMBER) {
      n = bound(words, n);
    }
    if (n != null) {
      for (Question.Option o : q.options()) {
        if (o.holds(n)) {
          return List.of(o);
        }
      }
    }
    return List.of();
  }
}
