package app.backcoach.safety;

import static org.junit.jupiter.api.Assertions.assertEquals;

import app.backcoach.TestContent;
import app.backcoach.eval.Labelled;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The screen's hand-written first-word index ({@link Lexicon}, {@code Phrase.Choice}, the
 * per-concept candidates) only spares work: with it off, every phrasing of every labelled set gives
 * the same findings, down to the matched words and the reason a mention was cleared.
 */
class ScreenIndexTest {
  @Test
  void theIndexNeverChangesAFinding() {
    RedFlagScreen screen = RedFlagScreen.forBundle(TestContent.bundle());
    List<String> texts = new ArrayList<>();
    for (String set :
        List.of(
            "redflags-tune",
            "redflags-tune2a",
            "redflags-tune2b",
            "redflags-tune3a",
            "redflags-tune3b",
            "redflags-tune4a",
            "redflags-tune4b",
            "redflags-heldout")) {
      Labelled.read("safety/" + set + ".tsv").forEach(l -> texts.add(l.text()));
    }
    texts.addAll(List.of("", "3", "desk", "lower back", "I work at a desk", "🙂🙂", "a b c d e f"));
    List<String> indexed = findings(screen, texts);
    Phrase.indexed = false;
    try {
      assertEquals(findings(screen, texts), indexed);
    } finally {
      Phrase.indexed = true;
    }
    assertEquals(true, texts.size() > 2_000, "the sets were read: " + texts.size());
  }

  private static List<String> findings(RedFlagScreen screen, List<String> texts) {
    List<String> out = new ArrayList<>();
    for (String t : texts) {
      out.add(t + " -> " + screen.screen(t).findings());
    }
    return out;
  }
}
