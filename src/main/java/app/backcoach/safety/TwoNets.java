package app.backcoach.safety;

import app.backcoach.meaning.Meaning;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The whole red-flag screen: the lexical screen always runs first; once the model has loaded, the
 * meaning-based net adds concepts the words missed, never removing one. Until then (and if the
 * model cannot load) the lexical screen alone decides, so the first message is never screened less
 * than before.
 */
public final class TwoNets implements Screener {
  private final RedFlagScreen lexical;
  private final Meaning<MeaningNet> meaning;

  public TwoNets(RedFlagScreen lexical, Meaning<MeaningNet> meaning) {
    this.lexical = lexical;
    this.meaning = meaning;
  }

  @Override
  public Screening screen(String text) {
    Screening words = lexical.screen(text);
    MeaningNet net = meaning.now();
    if (net == null) {
      return words;
    }
    Set<String> raised = words.ids();
    List<Finding> all = new ArrayList<>(words.findings());
    for (Finding f : net.screen(text)) {
      boolean known = all.stream().anyMatch(g -> g.concept().equals(f.concept()));
      if (!raised.contains(f.concept()) && !(known && !f.raised())) {
        all.removeIf(g -> g.concept().equals(f.concept()));
        all.add(f);
      }
    }
    return new Screening(List.copyOf(all));
  }
}
