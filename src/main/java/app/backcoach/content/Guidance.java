package app.backcoach.content;

import java.util.List;

/** A short guidance fact, such as weekly volume or when soreness is normal. */
public record Guidance(
    String id, String title, String text, List<String> sources, List<String> keywords) {
  public Guidance {
    sources = Lists.orEmpty(sources);
    keywords = Lists.orEmpty(keywords);
  }
}
