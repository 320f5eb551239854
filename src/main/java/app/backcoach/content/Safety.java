package app.backcoach.content;

import java.util.List;
import java.util.Map;

/**
 * The disclaimer, the referral for each urgency, the red-flag concepts that always win over
 * coaching, and the vocabulary classes their patterns share.
 *
 * @param notTypos real words that must never be read as a typo of a red-flag word ("ladder" is not
 *     "bladder")
 * @param nearMisses sentences that share words with red flags but are not one: the meaning-based
 *     net's counterweight
 */
public record Safety(
    String disclaimer,
    Referrals referrals,
    List<String> notTypos,
    Map<String, List<String>> vocabulary,
    List<RedFlag> redFlags,
    List<String> nearMisses) {
  public Safety {
    notTypos = Lists.orEmpty(notTypos);
    nearMisses = Lists.orEmpty(nearMisses);
    vocabulary = vocabulary == null ? Map.of() : vocabulary;
  }

  /** The same safety content with other concepts and near-misses. */
  public Safety with(List<RedFlag> flags, List<String> otherNearMisses) {
    return new Safety(disclaimer, referrals, notTypos, vocabulary, flags, otherNearMisses);
  }

  /** The concept with this id, or null. */
  public RedFlag redFlag(String id) {
    for (RedFlag f : redFlags) {
      if (f != null && id != null && id.equals(f.id())) {
        return f;
      }
    }
    return null;
  }

  /** What to tell the user, by urgency. */
  public record Referrals(String emergency, String urgent, String soon) {
    public String of(Urgency u) {
      return switch (u) {
        case EMERGENCY -> emergency;
        case URGENT -> urgent;
        case SOON -> soon;
      };
    }
  }
}
