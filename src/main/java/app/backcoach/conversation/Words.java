package app.backcoach.conversation;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Text normalisation and phrase matching shared by answer parsing and red-flag detection. A phrase
 * is words separated by spaces; a word ending in {@code *} matches any word starting with it, and
 * {@code ~} skips up to three words.
 */
public final class Words {
  private static final Pattern NUMBER = Pattern.compile("(?<![\\w.])(\\d{1,3}(?:[.,]\\d+)?)");
  private static final Pattern MARKS = Pattern.compile("\\p{M}");
  private static final Pattern APOSTROPHES = Pattern.compile("['\u2019`]");
  private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");
  private static final Pattern SPACES = Pattern.compile("\\s+");

  /**
   * Phrases come from the content bundle (a bounded set) and are matched against every message:
   * each is split once. The bound only guards against an unexpected caller.
   */
  private static final int MAX_CACHED_PHRASES = 10_000;

  private static final java.util.Map<String, List<String>> PHRASES =
      new java.util.concurrent.ConcurrentHashMap<>();
  private static final List<String> NUMBER_WORDS =
      List.of(
          "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
          "eleven", "twelve");

  private Words() {}

  /**
   * Lower-case words without accents or apostrophes: "Can't feel my LEG!" is [cant, feel, my, leg].
   */
  public static List<String> tokens(String text) {
    String s = MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFKD)).replaceAll("");
    s = APOSTROPHES.matcher(s.toLowerCase(Locale.ROOT)).replaceAll("");
    List<String> out = new ArrayList<>();
    for (String t : NON_WORD.split(s)) {
      if (!t.isEmpty()) {
        out.add(t);
      }
    }
    return out;
  }

  /** Tokens joined by single spaces, for whole-text comparisons. */
  public static String normal(String text) {
    return String.join(" ", tokens(text));
  }

  /** Where the phrase first matches in {@code words}, as {start, end}; null if it does not. */
  public static int[] find(List<String> words, String phrase) {
    List<String> p = PHRASES.get(phrase);
    if (p == null) {
      p = List.copyOf(tokensKeepingWildcards(phrase));
      if (PHRASES.size() < MAX_CACHED_PHRASES) {
        PHRASES.put(phrase, p);
      }
    }
    if (p.isEmpty()) {
      return null;
    }
    for (int start = 0; start < words.size(); start++) {
      int end = matchAt(words, start, p, 0);
      if (end >= 0) {
        return new int[] {start, end};
      }
    }
    return null;
  }

  private static int matchAt(List<String> words, int wi, List<String> p, int pi) {
    if (pi == p.size()) {
      return wi;
    }
    String token = p.get(pi);
    if (token.equals("~")) {
      for (int skip = 0; skip <= 3 && wi + skip <= words.size(); skip++) {
        int end = matchAt(words, wi + skip, p, pi + 1);
        if (end >= 0) {
          return end;
        }
      }
      return -1;
    }
    if (wi >= words.size()) {
      return -1;
    }
    String w = words.get(wi);
    boolean ok =
        token.endsWith("*")
            ? w.startsWith(token.substring(0, token.length() - 1))
            : w.equals(token) || (token.length() >= 7 && oneEditApart(w, token));
    return ok ? matchAt(words, wi + 1, p, pi + 1) : -1;
  }

  private static List<String> tokensKeepingWildcards(String phrase) {
    List<String> out = new ArrayList<>();
    for (String raw : SPACES.split(phrase.trim())) {
      if (raw.equals("~")) {
        out.add("~");
      } else if (raw.endsWith("*")) {
        String base = String.join("", tokens(raw.substring(0, raw.length() - 1)));
        if (!base.isEmpty()) {
          out.add(base + "*");
        }
      } else {
        out.addAll(tokens(raw));
      }
    }
    return out;
  }

  /**
   * True when one insertion, deletion, substitution or swap of neighbours turns {@code a} into
   * {@code b}: "numbnes", "tinglng" and "bladdr" still count. Only used for words of seven letters
   * or more, where such typos are unambiguous.
   */
  static boolean oneEditApart(String a, String b) {
    int la = a.length();
    int lb = b.length();
    if (Math.abs(la - lb) > 1) {
      return false;
    }
    int i = 0;
    while (i < la && i < lb && a.charAt(i) == b.charAt(i)) {
      i++;
    }
    if (la == lb) {
      if (i >= la || a.substring(i + 1).equals(b.substring(i + 1))) {
        return true; // equal, or one substitution
      }
      return i + 1 < la
          && a.charAt(i) == b.charAt(i + 1)
          && a.charAt(i + 1) == b.charAt(i)
          && a.substring(i + 2).equals(b.substring(i + 2));
    }
    return la > lb
        ? a.substring(i + 1).equals(b.substring(i))
        : a.substring(i).equals(b.substring(i + 1));
  }

  /**
   * The first number in the text, digits or a word up to twelve ("about nine hours" is 9); null if
   * none.
   */
  public static Double firstNumber(String text) {
    Matcher m = NUMBER.matcher(text);
    Double digits = m.find() ? Double.valueOf(m.group(1).replace(',', '.')) : null;
    int digitsAt = digits == null ? Integer.MAX_VALUE : m.start();
    List<String> words = tokens(text);
    for (String w : words) {
      int n = NUMBER_WORDS.indexOf(w);
      if (w.equals("once")) {
        n = 1;
      } else if (w.equals("twice")) {
        n = 2;
      }
      if (n >= 0) {
        // Prefer whichever comes first in the text.
        int at = text.toLowerCase(Locale.ROOT).indexOf(w);
        return at < digitsAt ? Double.valueOf(n) : digits;
      }
    }
    return digits;
  }
}
