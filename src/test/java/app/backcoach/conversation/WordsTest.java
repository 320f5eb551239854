package app.backcoach.conversation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WordsTest {
  /** Optimal string alignment distance (edits plus swaps of neighbours), the plain way. */
  private static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }

  @Test
  void oneEditApartIsDistanceAtMostOne() {
    Random random = new Random(11);
    int near = 0;
    for (int n = 0; n < 50_000; n++) {
      String a = word(random);
      String b = random.nextBoolean() ? word(random) : mutate(a, random);
      boolean expected = distance(a, b) <= 1;
      assertEquals(expected, Words.oneEditApart(a, b), a + " / " + b);
      near += expected ? 1 : 0;
    }
    assertTrue(near > 10_000, "both outcomes are exercised: " + near);
  }

  private static String word(Random random) {
    StringBuilder b = new StringBuilder();
    int n = 1 + random.nextInt(9);
    for (int i = 0; i < n; i++) {
      b.append((char) ('a' + random.nextInt(3)));
    }
    return b.toString();
  }

  private static String mutate(String a, Random random) {
    StringBuilder b = new StringBuilder(a);
    int at = random.nextInt(a.length());
    switch (random.nextInt(4)) {
      case 0 -> b.deleteCharAt(at);
      case 1 -> b.insert(at, (char) ('a' + random.nextInt(3)));
      case 2 -> b.setCharAt(at, (char) ('a' + random.nextInt(3)));
      default -> {
        if (at + 1 < b.length()) {
          char c = b.charAt(at);
          b.setCharAt(at, b.charAt(at + 1));
          b.setCharAt(at + 1, c);
        }
      }
    }
    return b.toString();
  }

  @Test
  void phrasesMatchPrefixesSkipsAndTyposOfLongWords() {
    List<String> words = Words.tokens("My left leg has been numbnes and tinglng since Monday");
    assertArrayEquals(new int[] {1, 3}, Words.find(words, "left leg"));
    assertArrayEquals(new int[] {4, 6}, Words.find(words, "been numb*"));
    assertArrayEquals(new int[] {2, 6}, Words.find(words, "leg ~ numbness"));
    assertArrayEquals(new int[] {7, 8}, Words.find(words, "tingling"));
    assertNull(Words.find(words, "right leg"));
    assertNull(Words.find(words, "mondy"), "no typo allowance under seven letters");
    assertNull(Words.find(words, "*"));
  }

  @Test
  void tokensAreLowerCaseWordsWithoutAccentsOrApostrophes() {
    assertEquals(List.of("cant", "feel", "my", "leg"), Words.tokens("Can't feel my LEG!"));
    assertEquals(
        List.of("cant", "feel", "my", "leg"), Words.tokens("Can\u2019t feel my LEG\u0301!"));
    assertEquals(List.of("cafe", "3", "x"), Words.tokens("Café  3 -- X"));
  }

  @Test
  void aPhraseNeedsItsExactWordsButNotItsFuzzyOrPrefixOnes() {
    var present = java.util.Set.copyOf(Words.tokens("my left leg feels numbnes"));
    assertTrue(Words.phrase("left leg").mayMatch(present));
    assertTrue(Words.phrase("leg ~ numbness").mayMatch(present), "numbness may be misspelt");
    assertTrue(Words.phrase("numb*").mayMatch(present));
    assertEquals(false, Words.phrase("right leg").mayMatch(present));
  }
}
