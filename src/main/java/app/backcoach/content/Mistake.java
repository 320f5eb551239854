package app.backcoach.content;

import java.util.List;

/** A training or lifestyle mistake: how to spot it, why it matters, and the fix. */
public record Mistake(
    String id,
    String title,
    List<String> sources,
    List<String> keywords,
    List<String> signs,
    String why,
    List<String> fix,
    List<String> exercises) {
  public Mistake {
    sources = Lists.orEmpty(sources);
    keywords = Lists.orEmpty(keywords);
  }
}
