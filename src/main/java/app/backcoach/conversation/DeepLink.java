package app.backcoach.conversation;

import app.backcoach.content.ContentBundle;
import app.backcoach.content.Question;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The documented {@code t.me/<bot>?start=<payload>} links (docs/DEEP-LINKS.md). A path link answers
 * one onboarding question in advance, once the user has agreed to storing answers; {@code checkin}
 * opens the weekly check-in. Any other payload is a plain /start.
 */
enum DeepLink {
  /** For desk workers: "Mostly sitting at a desk" is already chosen. */
  DESK("desk", Map.of("day_kind", List.of("desk"))),
  /** For lifters: "Gym weights" is already ticked as their training. */
  LIFTER("lifter", Map.of("training_kind", List.of("gym"))),
  /** Opens the weekly check-in (a plain /start for someone without a plan). */
  CHECKIN("checkin", Map.of());

  private final String payload;
  private final Map<String, List<String>> preset;

  DeepLink(String payload, Map<String, List<String>> preset) {
    this.payload = payload;
    this.preset = preset;
  }

  String payload() {
    return payload;
  }

  /** Answers chosen by the link: question id to option ids. */
  Map<String, List<String>> preset() {
    return preset;
  }

  /** The link a /start argument names, or null for none or an unknown one. */
  static DeepLink of(String arg) {
    if (arg == null) {
      return null;
    }
    String p = arg.strip().toLowerCase(Locale.ROOT);
    for (DeepLink l : values()) {
      if (l.payload.equals(p)) {
        return l;
      }
    }
    return null;
  }

  /** Throws naming the link whose preset names a question or option the bundle lacks. */
  static void check(ContentBundle content) {
    for (DeepLink l : values()) {
      l.preset.forEach(
          (qid, options) -> {
            Question q = content.onboarding().question(qid);
            if (q == null || options.stream().anyMatch(o -> q.option(o) == null)) {
              throw new IllegalArgumentException(
                  "deep link " + l.payload + ": no question " + qid + " with options " + options);
            }
          });
    }
  }
}
