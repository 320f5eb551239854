package app.backcoach.content;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** A loaded, validated content bundle with look-ups by id. */
public final class ContentBundle {
  private final List<Mistake> mistakeList;
  private final List<Exercise> exerciseList;
  private final List<Routine> routineList;
  private final List<Guidance> guidanceList;
  private final Map<String, Mistake> mistakes;
  private final Map<String, Exercise> exercises;
  private final Map<String, Routine> routines;
  private final Map<String, Guidance> guidance;
  private final Safety safety;
  private final Onboarding onboarding;
  private final Messages messages;
  private final Map<String, String> places;
  private final List<List<String>> synonyms;
  private final Map<String, List<String>> examples;

  ContentBundle(
      List<Mistake> mistakes,
      List<Exercise> exercises,
      List<Routine> routines,
      List<Guidance> guidance,
      Safety safety,
      Onboarding onboarding,
      Messages messages,
      Map<String, String> places,
      List<List<String>> synonyms,
      Map<String, List<String>> examples) {
    this.mistakeList = List.copyOf(mistakes);
    this.exerciseList = List.copyOf(exercises);
    this.routineList = List.copyOf(routines);
    this.guidanceList = List.copyOf(guidance);
    this.mistakes = index(mistakes, Mistake::id);
    this.exercises = index(exercises, Exercise::id);
    this.routines = index(routines, Routine::id);
    this.guidance = index(guidance, Guidance::id);
    this.safety = safety;
    this.onboarding = onboarding;
    this.messages = messages;
    this.places = Map.copyOf(places);
    this.synonyms = List.copyOf(synonyms);
    this.examples = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(examples));
  }

  private static <T> Map<String, T> index(List<T> items, Function<T, String> id) {
    Map<String, T> map = new LinkedHashMap<>();
    for (T item : items) {
      if (id.apply(item) != null) {
        map.putIfAbsent(
            id.apply(item), item); // duplicates are reported by the validator from the lists
      }
    }
    return java.util.Collections.unmodifiableMap(map);
  }

  /** Example questions per entry id, in users' words, for the meaning-based search. */
  public Map<String, List<String>> examples() {
    return examples;
  }

  /** Mistakes in file order, which is also the tie-break order of the plan rules. */
  public List<Mistake> mistakes() {
    return mistakeList;
  }

  public List<Exercise> exercises() {
    return exerciseList;
  }

  public List<Routine> routines() {
    return routineList;
  }

  public List<Guidance> guidance() {
    return guidanceList;
  }

  public Mistake mistake(String id) {
    return mistakes.get(id);
  }

  public Exercise exercise(String id) {
    return exercises.get(id);
  }

  public Routine routine(String id) {
    return routines.get(id);
  }

  public Guidance guidance(String id) {
    return guidance.get(id);
  }

  public Safety safety() {
    return safety;
  }

  public Onboarding onboarding() {
    return onboarding;
  }

  public Messages messages() {
    return messages;
  }

  /** City and alias names (lower case) mapped to IANA zone ids. */
  public Map<String, String> places() {
    return places;
  }

  /** Groups of words and phrases that mean the same, for the question search. */
  public List<List<String>> synonyms() {
    return synonyms;
  }

  /** Shorthand for {@code messages().render(...)}. */
  public String text(Msg msg, Object... nameValuePairs) {
    return messages.render(msg, nameValuePairs);
  }
}
