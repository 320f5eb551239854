package app.backcoach.content;

import static app.backcoach.content.BundleFixture.assertOnlyProblem;
import static app.backcoach.content.ContentLoader.MESSAGES;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.backcoach.TestContent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Counts in the bot's wording: every message read with each number at 1 and at 2 must agree with
 * its noun ("1 day", "2 days"), and a malformed plural choice stops the bundle from loading.
 */
class PluralTest {
  /** Words ending in s that may follow a number without being a plural noun. */
  private static final Set<String> NOT_PLURAL =
      Set.of("is", "was", "has", "as", "us", "this", "its", "plus", "less", "across", "yes");

  private static final Pattern ONE_WORD = Pattern.compile("(?<![\\d.,/])1 (\\p{L}+)");

  /** Every message rendered with each number set to {@code n} and every other value a sample. */
  private static String render(Msg msg, int n) {
    List<Object> args = new ArrayList<>();
    for (String name : msg.placeholders()) {
      args.add(name);
      args.add(msg.counts().contains(name) ? (Object) n : "<" + name + ">");
    }
    return TestContent.bundle().text(msg, args.toArray());
  }

  /**
   * The count slips in a text rendered with 1: "(s)", and a 1 followed by a plural noun. {@code
   * singular} collects the words that follow a 1, to check the same text rendered with 2 against.
   */
  static List<String> slipsWithOne(String text, Set<String> singular) {
    List<String> out = new ArrayList<>();
    if (text.contains("(s)")) {
      out.add("'(s)'");
    }
    Matcher m = ONE_WORD.matcher(text);
    while (m.find()) {
      String word = m.group(1);
      if (word.endsWith("s") && !word.endsWith("ss") && !NOT_PLURAL.contains(word)) {
        out.add("'" + m.group() + "'");
      } else {
        singular.add(word);
      }
    }
    return out;
  }

  /** A 2 followed by a word that followed a 1 and has a plural in the bundle's wording. */
  static List<String> slipsWithTwo(String text, Set<String> singular, String allWording) {
    List<String> out = new ArrayList<>();
    Matcher m = Pattern.compile("(?<![\\d.,/])2 (\\p{L}+)").matcher(text);
    while (m.find()) {
      String word = m.group(1);
      boolean hasPlural =
          Pattern.compile("\\b" + Pattern.quote(word) + "e?s\\b").matcher(allWording).find();
      if (singular.contains(word) && hasPlural) {
        out.add("'" + m.group() + "'");
      }
    }
    return out;
  }

  @Test
  void everyMessageAgreesWithItsCountsAtOneAndAtTwo() {
    String allWording = String.join("\n", TestContent.bundle().messages().all().values());
    Set<String> singular = new TreeSet<>();
    List<String> slips = new ArrayList<>();
    for (Msg msg : Msg.values()) {
      String one = render(msg, 1);
      slipsWithOne(one, singular).forEach(s -> slips.add(msg.key() + " with 1: " + s));
      if (!msg.counts().isEmpty()) {
        assertNotEquals(one, render(msg, 2), msg.key() + " does not show its count");
      }
    }
    for (Msg msg : Msg.values()) {
      slipsWithTwo(render(msg, 2), singular, allWording)
          .forEach(s -> slips.add(msg.key() + " with 2: " + s));
    }
    assertEquals(List.of(), slips, "counts that disagree with their nouns");
    assertTrue(singular.contains("day"), "the streak was read with 1: " + singular);
  }

  @Test
  void theCheckCatchesTheSlipsItIsFor() {
    Set<String> singular = new TreeSet<>();
    assertEquals(List.of("'1 days'"), slipsWithOne("🔥 1 days in a row", singular));
    assertEquals(List.of("'(s)'"), slipsWithOne("Quarantine: 1 item(s) set aside", singular));
    assertEquals(List.of(), slipsWithOne("pain 1/10, 1 session, question 1 of 1", singular));
    assertEquals(
        List.of("'2 session'"), slipsWithTwo("2 session", singular, "1 session, 3 sessions"));
    assertEquals(List.of(), slipsWithTwo("every 2 min", Set.of("min"), "every 1 min"));
  }

  @Test
  void aPluralChoosesItsFormAndShowsTheNumber() {
    Template t = Template.parse("{n, plural, =0 {no days} one {# day} other {# days}} for {who}");
    assertEquals("no days for Ann", t.render(v -> v.equals("n") ? 0 : "Ann", "k"));
    assertEquals("1 day for Ann", t.render(v -> v.equals("n") ? 1 : "Ann", "k"));
    assertEquals("2 days for Ann", t.render(v -> v.equals("n") ? "2" : "Ann", "k"));
    assertEquals("1.5 days for Ann", t.render(v -> v.equals("n") ? 1.5 : "Ann", "k"));
    assertEquals(Set.of("n", "who"), t.names());
    assertEquals(Set.of("n"), t.counted());
  }

  @Test
  void aFormMayHoldOtherPlaceholdersAndABraceThatStartsNoneIsText() {
    Template t = Template.parse("{n, plural, one {# {thing}} other {# {thing}s}} {not a name}");
    assertEquals("3 chairs {not a name}", t.render(v -> v.equals("n") ? 3 : "chair", "k"));
  }

  @Test
  void aPluralGivenSomethingOtherThanANumberNamesTheMessage() {
    Template t = Template.parse("{n, plural, one {# day} other {# days}}");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> t.render(v -> "lots", "streak"));
    assertEquals(
        "messages.yaml: streak: {n} chooses a plural form, so it needs a number, not 'lots'",
        e.getMessage());
  }

  @Test
  void malformedPluralsSayWhatIsWrong() {
    assertMalformed("{n, plural, other {# days}}", "needs both a 'one' form (or '=1')");
    assertMalformed("{n, plural, one {# day} other {# days}", "never closed");
    assertMalformed("{n, plural, one {# day} other {# days", "form 'other' is never closed");
    assertMalformed("{n, plural, one {# day} few {# days}}", "unknown form 'few'");
    assertMalformed("{n, plural, one # day other {# days}}", "form 'one' needs its text in braces");
    assertMalformed("{n, plurl, one {# day} other {# days}}", "only 'plural' may follow");
    assertMalformed("{n, plural one {# day} other {# days}}", "a comma must follow 'plural'");
    assertMalformed("{n, plural, one {a} one {b} other {c}}", "form 'one' is given twice");
  }

  private static void assertMalformed(String text, String fragment) {
    Template.Malformed e = assertThrows(Template.Malformed.class, () -> Template.parse(text));
    assertTrue(e.getMessage().contains(fragment), e.getMessage());
  }

  @Test
  void aMalformedPluralStopsTheBundleNamingTheKey(@TempDir Path dir) {
    BundleFixture bundle = BundleFixture.copyOfPackaged(dir);
    bundle.replace(
        MESSAGES,
        "🔥 {days, plural, one {# day} other {# days}}",
        "🔥 {days, plural, one {# day}}");
    Problem p =
        assertOnlyProblem(bundle.problems(), MESSAGES, "streak", "-", "needs both a 'one' form");
    assertEquals(
        "messages.yaml: streak: -: {days, plural, ...}: needs both a 'one' form (or '=1') and an"
            + " 'other' form, has [one]",
        p.toString());
  }

  @Test
  void aPluralOnAPlaceholderThatIsNotANumberStopsTheBundle(@TempDir Path dir) {
    BundleFixture bundle = BundleFixture.copyOfPackaged(dir);
    bundle.replace(
        MESSAGES,
        "exercise_easier: \"Easier: {name}\"",
        "exercise_easier: \"Easier: {name, plural, one {#} other {#}}\"");
    assertOnlyProblem(
        bundle.problems(),
        MESSAGES,
        "exercise_easier",
        "-",
        "{name} is not a number, so it cannot choose a plural form; numbers here: []");
  }
}
