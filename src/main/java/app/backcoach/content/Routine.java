package app.backcoach.content;

import java.util.List;

/** A named sequence of exercises and notes, such as the warm-up or the desk micro-breaks. */
public record Routine(
    String id,
    String title,
    String purpose,
    Integer minutes,
    Boolean flareUpSafe,
    List<String> sources,
    List<String> keywords,
    List<Step> steps) {
  public Routine {
    sources = Lists.orEmpty(sources);
    keywords = Lists.orEmpty(keywords);
  }

  /** One step: an exercise with its dose, or a plain instruction. */
  public record Step(String exercise, String dose, String note) {}
}
