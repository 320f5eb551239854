package app.backcoach.coaching;

import java.time.Instant;
import java.util.List;

/**
 * A user's personal plan: the top fixes and a routine in sections. Stored as resolved items, so the
 * plan a user saw stays the same when the bundle changes.
 */
public record Plan(
    List<String> fixes,
    List<Section> sections,
    boolean flaredUp,
    Instant createdAt,
    List<String> changes) {
  public Plan {
    fixes = List.copyOf(fixes);
    sections = List.copyOf(sections);
    changes = changes == null ? List.of() : List.copyOf(changes);
  }

  /** The same plan with a note of what changed and why, shown in /plan. */
  public Plan withChange(String change) {
    List<String> all = new java.util.ArrayList<>(changes);
    all.add(change);
    return new Plan(fixes, sections, flaredUp, createdAt, all);
  }

  /** A part of the routine: warm-up, main work, fix exercises, daily habits, cool-down. */
  public record Section(SectionKind kind, String routineId, List<Item> items) {
    public Section {
      items = List.copyOf(items);
    }
  }

  /** One line of a section: an exercise with its dose, or a note. */
  public record Item(String exercise, String dose, String note) {}

  /** The sections a plan can have, in the order they are shown. */
  public enum SectionKind {
    WARM_UP,
    MAIN,
    FIXES,
    DAILY,
    COOL_DOWN
  }

  /** Distinct exercise ids in the order they appear. */
  public List<String> exerciseIds() {
    return exerciseIds(sections);
  }

  /** Distinct exercise ids of these sections in the order they appear. */
  public static List<String> exerciseIds(List<Section> sections) {
    return sections.stream()
        .flatMap(s -> s.items().stream())
        .map(Item::exercise)
        .filter(java.util.Objects::nonNull)
        .distinct()
        .toList();
  }
}
