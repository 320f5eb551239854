package app.backcoach.coaching;

import java.util.Map;
import java.util.Set;

/**
 * What the plan rules need from the answers: the tags the chosen options carry (equipment, "desk",
 * "gym", "flared_up", ...), the summed mistake signals, and the mistakes the user confirmed in so
 * many words ("yes, my arms give up first").
 */
public record Profile(Set<String> tags, Map<String, Integer> signals, Set<String> confirmed) {
  public Profile {
    tags = Set.copyOf(tags);
    signals = Map.copyOf(signals);
    confirmed = Set.copyOf(confirmed);
  }

  public Profile(Set<String> tags, Map<String, Integer> signals) {
    this(tags, signals, Set.of());
  }

  public boolean has(String tag) {
    return tags.contains(tag);
  }
}
