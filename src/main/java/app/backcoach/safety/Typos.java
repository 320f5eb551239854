package app.backcoach.safety;

/**
 * The one typo check, shared by the red-flag screen and the answer matching of the conversation:
 * one insertion, deletion, substitution or swap of neighbours ("numbnes", "tinglng", "bladdr").
 */
public final class Typos {
  private Typos() {}

  /** True when one edit turns {@code a} into {@code b} (equal strings included). */
  public static boolean oneEditApart(String a, String b) {
    int la = a.length();
    int lb = b.length();
    if (Math.abs(la - lb) > 1) {
      return false;
    }
    int i = 0;
    while (i < la && i < lb && a.charAt(i) == b.charAt(i)) {
      i++;
    }
    // regionMatches rather than substrings: this runs for every word against every long phrase
    // word.
    if (la == lb) {
      if (i >= la || a.regionMatches(i + 1, b, i + 1, la - i - 1)) {
        return true; // equal, or one substitution
      }
      return i + 1 < la
          && a.charAt(i) == b.charAt(i + 1)
          && a.charAt(i + 1) == b.charAt(i)
          && a.regionMatches(i + 2, b, i + 2, la - i - 2);
    }
    return la > lb ? a.regionMatches(i + 1, b, i, lb - i) : a.regionMatches(i, b, i + 1, la - i);
  }
}
