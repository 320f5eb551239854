package app.backcoach.safety;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.backcoach.TestContent;
import app.backcoach.content.Safety;
import app.backcoach.content.Urgency;
import app.backcoach.meaning.FakeEmbedder;
import app.backcoach.meaning.Meaning;
import app.backcoach.meaning.VectorCache;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TwoNetsTest {
  private static final RedFlagScreen LEXICAL = RedFlagScreen.forBundle(TestContent.bundle());
  private static final Safety SAFETY = TestContent.bundle().safety();

  /**
   * A net whose bladder exemplar is exactly the sentence under test (the fake model is lexical).
   */
  private static MeaningNet net(String exemplar) {
    var flags =
        SAFETY.redFlags().stream()
            .map(f -> f.id().equals("bladder") ? f.withExemplars(List.of(exemplar)) : f)
            .toList();
    Safety safety = SAFETY.with(flags, List.of());
    return new MeaningNet(
        safety,
        List.of("how many sets of rows"),
        new FakeEmbedder(),
        new VectorCache(null),
        0.6,
        0.05);
  }

  @Test
  void theModelAddsAConceptTheWordsMissed() {
    String text = "zorp blick quantum today";
    assertEquals(Set.of(), LEXICAL.screen(text).ids());
    Screening both = new TwoNets(LEXICAL, Meaning.of(net(text))).screen(text);
    assertEquals(Set.of("bladder"), both.ids());
    assertTrue(both.findings().get(0).byMeaning());
    assertEquals(Urgency.EMERGENCY, both.urgency());
  }

  @Test
  void contextRulesOverrideTheModel() {
    String exemplar = "zorp blick quantum";
    for (String text :
        List.of(
            "never zorp blick quantum",
            "my dad says zorp blick quantum",
            "what if zorp blick quantum",
            "zorp blick quantum years ago")) {
      Screening s = new TwoNets(LEXICAL, Meaning.of(net(exemplar))).screen(text);
      assertEquals(Set.of(), s.ids(), text + " -> " + s.findings());
      assertFalse(s.findings().isEmpty(), "the model saw it, and context cleared it: " + text);
    }
  }

  @Test
  void theModelNeverRemovesWhatTheWordsFound() {
    String text = "I can't hold my pee";
    MeaningNet unrelated = net("something about rowing technique entirely");
    assertEquals(
        LEXICAL.screen(text).ids(), new TwoNets(LEXICAL, Meaning.of(unrelated)).screen(text).ids());
  }

  @Test
  void beforeTheModelIsReadyTheWordsAloneDecideAndStillCatchTheFlag() {
    TwoNets screen = new TwoNets(LEXICAL, Meaning.none());
    assertEquals(Set.of("bladder"), screen.screen("peeing is hard since my back went").ids());
    assertEquals(Set.of(), screen.screen("zorp blick quantum").ids());
  }
}
