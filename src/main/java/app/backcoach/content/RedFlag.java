package app.backcoach.content;

import java.util.List;

/**
 * A red-flag concept: what it is called to the user, how urgent it is, the lay vocabulary that
 * describes it ({@code patterns}, see safety.yaml), phrases that look alike but are not it, and
 * example sentences for the meaning-based net.
 *
 * @param screen whether it is offered as a button in the screening question
 * @param history "counts" when a past event is itself the risk (a history of cancer)
 * @param covers milder concepts this one makes redundant in the same message
 * @param notWith phrases that cancel the concept when they appear anywhere in the same clause
 *     ("from sitting" for a numb bum)
 * @param scope "sentence" when a pattern's parts may sit in different clauses of one sentence
 */
public record RedFlag(
    String id,
    String label,
    Urgency urgency,
    Boolean screen,
    String history,
    List<String> patterns,
    List<String> unless,
    List<String> notWith,
    String scope,
    List<String> covers,
    List<String> exemplars) {
  public RedFlag {
    unless = Lists.orEmpty(unless);
    notWith = Lists.orEmpty(notWith);
    covers = Lists.orEmpty(covers);
    exemplars = Lists.orEmpty(exemplars);
  }

  /** The same concept with other exemplars (evaluation and tests vary only these). */
  public RedFlag withExemplars(List<String> others) {
    return new RedFlag(
        id, label, urgency, screen, history, patterns, unless, notWith, scope, covers, others);
  }

  /** Whether a past, finished event still counts (the history itself is the risk). */
  public boolean historyCounts() {
    return "counts".equals(history);
  }

  /** Whether a pattern's parts may sit in different clauses of one sentence. */
  public boolean sentenceScope() {
    return "sentence".equals(scope);
  }
}
