package app.backcoach.coaching;

import java.util.Map;
import java.util.Set;

/**
 * What the plan rules need from the answers: the tags the chosen options carry (equipment, "desk",
 * "gym", "flared_up", ...) and the summed mistake signals.
 */
public record Profile(Set<String> tags, Map<String, Integer> signals) {
  public Profile {
    tags = Set.copyOf(tags);
    signals = Map.copyOf(signals);
  }

  public boolean has(String tag) {
    return tags.contains(tag);
  }
}
