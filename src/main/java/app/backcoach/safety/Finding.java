package app.backcoach.safety;

import app.backcoach.content.Urgency;

/**
 * One red-flag concept found in a message.
 *
 * @param evidence the words that matched, or the clause the meaning-based net raised it on
 * @param clearedBy why it does not count ("negated", "past", "hypothetical", "someone else"), or
 *     null when it does
 * @param byMeaning whether the meaning-based net found it (the lexical screen did not)
 */
public record Finding(
    String concept, Urgency urgency, String evidence, String clearedBy, boolean byMeaning) {
  /** Whether it raises a red flag. */
  public boolean raised() {
    return clearedBy == null;
  }
}
