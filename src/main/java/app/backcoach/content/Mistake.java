package app.backcoach.content;

import java.util.List;

/**
 * A training or lifestyle mistake: how to spot it, why it matters, and the fix.
 *
 * @param fixNoKit the fix as told to someone without weights or machines (optional; then {@code
 *     fix} is shown to everyone)
 */
public record Mistake(
    String id,
    String title,
    List<String> sources,
    List<String> keywords,
    List<String> signs,
    String why,
    List<String> fix,
    List<String> fixNoKit,
    List<String> exercises) {
  public Mistake {
    sources = Lists.orEmpty(sources);
    keywords = Lists.orEmpty(keywords);
    fixNoKit = Lists.orEmpty(fixNoKit);
  }

  /** The fix for this person: the no-kit wording when they have no weights and one exists. */
  public List<String> fixFor(boolean noWeights) {
    return noWeights && !fixNoKit.isEmpty() ? fixNoKit : fix;
  }
}
