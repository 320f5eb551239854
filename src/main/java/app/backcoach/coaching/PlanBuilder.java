package app.backcoach.coaching;

import app.backcoach.content.ContentBundle;
import app.backcoach.content.Exercise;
import app.backcoach.content.Mistake;
import app.backcoach.content.Routine;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The plan rules: rank mistakes by the signals in the user's answers, then assemble a routine that
 * fits their equipment and, when the back is flared up, only gentle moves.
 */
public final class PlanBuilder {
  private static final int MAX_FIX_EXERCISES = 4;
  private final ContentBundle content;

  public PlanBuilder(ContentBundle content) {
    this.content = content;
  }

  public Plan build(Profile profile, Instant now) {
    boolean flared = profile.has("flared_up");
    Set<String> kit = kit(profile); // a towel or carpet will do as a mat
    List<String> fixes = topFixes(profile, content.onboarding().plan().topFixes());

    List<Plan.Section> sections = new ArrayList<>();
    Set<String> used = new LinkedHashSet<>();
    // Warm-up and cool-down frame a training session: someone who does not train gets neither.
    boolean trains = !profile.has("train_none");
    if (!flared && trains) {
      section(sections, Plan.SectionKind.WARM_UP, "warm_up", kit, false, used);
    }
    String main =
        flared ? "gentle_sore_back" : profile.has("gym") ? "back_workout" : "home_back_workout";
    section(sections, Plan.SectionKind.MAIN, main, kit, flared, used);

    List<Plan.Item> fixItems = new ArrayList<>();
    for (String fixId : fixes) {
      for (String exId : content.mistake(fixId).exercises()) {
        Exercise e = adapt(content.exercise(exId), kit, flared);
        if (e != null && used.add(e.id()) && fixItems.size() < MAX_FIX_EXERCISES) {
          fixItems.add(new Plan.Item(e.id(), e.dose(), null));
        }
      }
    }
    if (!fixItems.isEmpty()) {
      sections.add(new Plan.Section(Plan.SectionKind.FIXES, null, fixItems));
    }
    if (profile.has("desk")) {
      section(sections, Plan.SectionKind.DAILY, "desk_breaks", kit, flared, used);
    }
    if (profile.has("morning_stiffness")) {
      section(sections, Plan.SectionKind.DAILY, "morning_mobility", kit, flared, used);
    }
    if (!flared && trains) {
      section(sections, Plan.SectionKind.COOL_DOWN, "cool_down", kit, false, used);
    }
    return new Plan(fixes, sections, flared, now, List.of());
  }

  /** The kit a profile has, plus what anyone has at home. */
  public static Set<String> kit(Profile profile) {
    Set<String> kit = new HashSet<>(profile.tags());
    kit.addAll(Set.of("none", "wall", "chair", "mat"));
    return kit;
  }

  /**
   * One progression step: the first exercise of the main work or the fixes that has a harder
   * variation the user can do is swapped for it. Returns null when nothing can progress (then the
   * advice is one more rep per set).
   */
  public Progression progress(Plan plan, Profile profile) {
    Set<String> kit = kit(profile);
    List<Plan.Section> sections = new ArrayList<>(plan.sections());
    for (int s = 0; s < sections.size(); s++) {
      Plan.Section section = sections.get(s);
      if (section.kind() != Plan.SectionKind.MAIN && section.kind() != Plan.SectionKind.FIXES) {
        continue;
      }
      for (int i = 0; i < section.items().size(); i++) {
        Plan.Item item = section.items().get(i);
        Exercise e = item.exercise() == null ? null : content.exercise(item.exercise());
        Exercise harder = e == null || e.harder() == null ? null : content.exercise(e.harder());
        if (harder == null || !harder.doableWith(kit) || plan.exerciseIds().contains(harder.id())) {
          continue;
        }
        List<Plan.Item> items = new ArrayList<>(section.items());
        items.set(i, new Plan.Item(harder.id(), harder.dose(), null));
        sections.set(s, new Plan.Section(section.kind(), section.routineId(), items));
        Plan next =
            new Plan(plan.fixes(), sections, plan.flaredUp(), plan.createdAt(), plan.changes());
        return new Progression(next, e.name(), harder.name());
      }
    }
    return null;
  }

  /** A progressed plan and what was swapped. */
  public record Progression(Plan plan, String from, String to) {}

  /**
   * The gentle version of the user's plan: same fixes, the sore-back routine, only flare-up safe
   * moves.
   */
  public Plan stepBack(Plan plan, Profile profile, Instant now) {
    Set<String> tags = new HashSet<>(profile.tags());
    tags.add("flared_up");
    Plan gentle = build(new Profile(tags, profile.signals(), profile.confirmed()), now);
    return new Plan(plan.fixes(), gentle.sections(), true, plan.createdAt(), plan.changes());
  }

  /** Mistake ids with a positive score, highest first; ties keep the bundle's order. */
  List<String> topFixes(Profile profile, int count) {
    List<Mistake> all = content.mistakes();
    return all.stream()
        .filter(
            m ->
                profile.signals().getOrDefault(m.id(), 0) > 0
                    || profile.confirmed().contains(m.id()))
        .sorted(
            // Safety first (a flared-up back is not loaded), then what the user confirmed, then the
            // summed signals of everything they chose.
            Comparator.comparingInt((Mistake m) -> safetyFirst(profile, m) ? 0 : 1)
                .thenComparingInt(m -> profile.confirmed().contains(m.id()) ? 0 : 1)
                .thenComparingInt(m -> -profile.signals().getOrDefault(m.id(), 0))
                .thenComparingInt(all::indexOf))
        .limit(count)
        .map(Mistake::id)
        .toList();
  }

  /** Mistakes that outrank everything while the back is flared up. */
  static final Set<String> FLARE_FIRST = Set.of("heavy_while_flared", "training_through_pain");

  private static boolean safetyFirst(Profile profile, Mistake m) {
    return profile.has("flared_up") && FLARE_FIRST.contains(m.id());
  }

  private void section(
      List<Plan.Section> out,
      Plan.SectionKind kind,
      String routineId,
      Set<String> kit,
      boolean flared,
      Set<String> used) {
    Routine r = content.routine(routineId);
    List<Plan.Item> items = new ArrayList<>();
    for (Routine.Step s : r.steps()) {
      if (s.exercise() == null) {
        items.add(new Plan.Item(null, null, s.note()));
        continue;
      }
      Exercise wanted = content.exercise(s.exercise());
      Exercise e = adapt(wanted, kit, flared);
      if (e != null) {
        used.add(e.id());
        items.add(new Plan.Item(e.id(), e == wanted ? s.dose() : e.dose(), null));
      }
    }
    if (!items.isEmpty()) {
      out.add(new Plan.Section(kind, routineId, items));
    }
  }

  /**
   * The exercise itself if the user can do it, else the first doable one down its easier (when
   * flared up) or substitute chain; null if there is none.
   */
  Exercise adapt(Exercise e, Set<String> kit, boolean flared) {
    Set<String> seen = new HashSet<>();
    while (e != null && seen.add(e.id())) {
      boolean safe = !flared || Boolean.TRUE.equals(e.flareUpSafe());
      if (safe && e.doableWith(kit)) {
        return e;
      }
      String next = !safe && e.easier() != null ? e.easier() : e.substitute();
      e = next == null ? null : content.exercise(next);
    }
    return null;
  }
}
