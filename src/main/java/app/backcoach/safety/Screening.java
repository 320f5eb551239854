package app.backcoach.safety;

import app.backcoach.content.Urgency;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** What the screen found in one message: concepts raised, and mentions that context cleared. */
public record Screening(List<Finding> findings) {
  /** The raised concepts' ids, in bundle order. */
  public Set<String> ids() {
    Set<String> out = new LinkedHashSet<>();
    for (Finding f : findings) {
      if (f.raised()) {
        out.add(f.concept());
      }
    }
    return out;
  }

  /** The most urgent raised concept's urgency, or null when nothing is raised. */
  public Urgency urgency() {
    Urgency top = null;
    for (Finding f : findings) {
      if (f.raised() && (top == null || f.urgency().compareTo(top) > 0)) {
        top = f.urgency();
      }
    }
    return top;
  }
}
