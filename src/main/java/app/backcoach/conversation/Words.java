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
  private static final Pattern NUMBER = Pattern.compile("(?<![\\w.])(-?\\d{1,3}(?:[.,]\\d+)?)");
  private static final Pattern MARKS = Pattern.compile("\\p{M}");
  private static final Pattern APOSTROPHES = Pattern.compile("['\u2019`]");
  private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");
  private static final Pattern SPACES = Pattern.compile("\\s+");

  /**
   * Phrases come from the content bundle (a bounded set) and are matched against every message:
   * each is split once. The bound only guards against an unexpected caller.
   */
  private static final int MAX_CACHED_PHRASES = 10_000;

  private static final java.util.Map<String, Phrase> PHRASES =
      new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * A phrase split once into tokens, each matched exactly (with one typo allowed from seven
   * letters), as a prefix ({@code word*}), or as a skip of up to three words ({@code ~}).
   */
  public static final class Phrase {
    private static final byte EXACT = 0;
    private static final byte FUZZY = 1;
    private static final byte PREFIX = 2;
    private static final byte SKIP = 3;
    private final String[] tokens;
    private final byte[] kinds;

    /** The words the text must contain for a match (the exact, non-fuzzy ones). */
    private final String[] required;

    private Phrase(List<String> split) {
      tokens = new String[split.size()];
      kinds = new byte[split.size()];
      for (int i = 0; i < tokens.length; i++) {
        String t = split.get(i);
        if (t.equals("~")) {
          kinds[i] = SKIP;
          tokens[i] = t;
        } else if (t.endsWith("*")) {
          kinds[i] = PREFIX;
          tokens[i] = t.substring(0, t.length() - 1);
        } else {
          kinds[i] = t.length() >= 7 ? FUZZY : EXACT;
          tokens[i] = t;
        }
      }
      List<String> exact = new ArrayList<>();
      for (int i = 0; i < tokens.length; i++) {
        if (kinds[i] == EXACT) {
          exact.add(tokens[i]);
        }
      }
      required = exact.toArray(String[]::new);
    }

    /**
     * False when the phrase cannot match text made of these words: a word it needs exactly is not
     * among them. A cheap test before {@link #find(List, Phrase)}.
     */
    public boolean mayMatch(java.util.Set<String> words) {
      for (String r : required) {
        if (!words.contains(r)) {
          return false;
        }
      }
      return true;
    }
  }

  /** The phrase compiled for {@link #find(List, Phrase)}; phrases from the bundle are cached. */
  public static Phrase phrase(String phrase) {
    Phrase p = PHRASES.get(phrase);
    if (p == null) {
      p = new Phrase(tokensKeepingWildcards(phrase));
      if (PHRASES.size() < MAX_CACHED_PHRASES) {
        PHRASES.put(phrase, p);
      }
    }
    return p;
  }

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

  private static final java.util.Map<String, String> CONTENT_NORMALS =
      new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * {@link #normal} of a text from the content bundle (a label, an id, a button), worked out once:
   * answers are compared with them on every message. Only for bundle texts, a bounded set.
   */
  public static String normalOfContent(String text) {
    String n = CONTENT_NORMALS.get(text);
    if (n == null) {
      n = normal(text);
      if (CONTENT_NORMALS.size() < MAX_CACHED_PHRASES) {
        CONTENT_NORMALS.put(text, n);
      }
    }
    return n;
  }

  /** Where the phrase first matches in {@code words}, as {start, end}; null if it does not. */
  public static int[] find(List<String> words, String phrase) {
    return find(words, phrase(phrase));
  }

  /** {@link #find(List, String)} with the phrase compiled beforehand. */
  public static int[] find(List<String> words, Phrase p) {
    if (p.tokens.length == 0) {
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

  private static int matchAt(List<String> words, int wi, Phrase p, int pi) {
    if (pi == p.tokens.length) {
      return wi;
    }
    String token = p.tokens[pi];
    byte kind = p.kinds[pi];
    if (kind == Phrase.SKIP) {
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
        switch (kind) {
          case Phrase.PREFIX -> w.startsWith(token);
          case Phrase.FUZZY -> w.equals(token) || oneEditApart(w, token);
          default -> w.equals(token);
        };
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
    return app.backcoach.safety.Typos.oneEditApart(a, b);
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
