package app.backcoach.content;

import java.util.List;

/** An exercise or stretch with its how-to, dose and safety while the back is flared up. */
public record Exercise(
    String id,
    String name,
    String kind,
    List<String> sources,
    List<String> equipment,
    Boolean flareUpSafe,
    String dose,
    List<String> steps,
    List<String> cues,
    List<String> avoid,
    String easier,
    String harder,
    String substitute,
    List<String> keywords) {
  public Exercise {
    sources = Lists.orEmpty(sources);
    cues = Lists.orEmpty(cues);
    avoid = Lists.orEmpty(avoid);
    keywords = Lists.orEmpty(keywords);
  }

  /**
   * True when the exercise needs nothing beyond what {@code available} holds ("none" is always
   * available).
   */
  public boolean doableWith(java.util.Set<String> available) {
    return equipment.stream().allMatch(e -> e.equals("none") || available.contains(e));
  }
}
