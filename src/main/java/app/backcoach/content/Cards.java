package app.backcoach.content;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Renders bundle entries into the plain-text cards the bot sends, using the bundle's own wording.
 */
public final class Cards {
  private final ContentBundle content;

  public Cards(ContentBundle content) {
    this.content = content;
  }

  public String mistake(Mistake m) {
    return mistake(m, false);
  }

  /** The card, with the no-kit wording of the fix for someone without weights. */
  public String mistake(Mistake m, boolean noWeights) {
    return content.text(
        Msg.MISTAKE_CARD,
        "title",
        m.title(),
        "signs",
        bullets(m.signs()),
        "why",
        m.why(),
        "fix",
        numbered(m.fixFor(noWeights)),
        "exercises",
        names(m.exercises()));
  }

  public String exercise(Exercise e) {
    List<String> variations = new ArrayList<>();
    if (e.easier() != null && content.exercise(e.easier()) != null) {
      variations.add(
          content.text(Msg.EXERCISE_EASIER, "name", content.exercise(e.easier()).name()));
    }
    if (e.harder() != null && content.exercise(e.harder()) != null) {
      variations.add(
          content.text(Msg.EXERCISE_HARDER, "name", content.exercise(e.harder()).name()));
    }
    boolean noKit = e.equipment().stream().allMatch("none"::equals);
    return content
        .text(
            Msg.EXERCISE_CARD,
            "name",
            e.name(),
            "dose",
            e.dose(),
            "safety",
            content.text(
                Boolean.TRUE.equals(e.flareUpSafe())
                    ? Msg.EXERCISE_SAFE_WHEN_SORE
                    : Msg.EXERCISE_NOT_WHEN_SORE),
            "equipment",
            noKit
                ? content.text(Msg.EQUIPMENT_NONE)
                : String.join(", ", e.equipment()).replace('_', ' '),
            "steps",
            numbered(e.steps()),
            "cues",
            bullets(e.cues()),
            "avoid",
            bullets(e.avoid()),
            "variations",
            String.join("\n", variations))
        .strip();
  }

  public String routine(Routine r) {
    return content.text(
        Msg.ROUTINE_CARD,
        "title",
        r.title(),
        "purpose",
        r.purpose(),
        "minutes",
        r.minutes(),
        "steps",
        numbered(r.steps().stream().map(this::step).toList()));
  }

  public String guidance(Guidance g) {
    return content.text(Msg.GUIDANCE_CARD, "title", g.title(), "text", g.text());
  }

  /** One routine step as a line: "Cat-cow: 8 slow rounds" or the note itself. */
  public String step(Routine.Step s) {
    if (s.exercise() == null) {
      return s.note();
    }
    Exercise e = content.exercise(s.exercise());
    String name = e == null ? s.exercise() : e.name();
    return s.dose() == null ? name : name + ": " + s.dose();
  }

  /** Exercise names for ids, comma separated. */
  public String names(List<String> exerciseIds) {
    return exerciseIds.stream()
        .map(content::exercise)
        .filter(java.util.Objects::nonNull)
        .map(Exercise::name)
        .collect(Collectors.joining(", "));
  }

  public static String bullets(List<String> items) {
    return items.stream().map(s -> "• " + s).collect(Collectors.joining("\n"));
  }

  public static String numbered(List<String> items) {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      lines.add((i + 1) + ". " + items.get(i));
    }
    return String.join("\n", lines);
  }
}
