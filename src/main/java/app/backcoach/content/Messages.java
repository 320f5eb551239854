package app.backcoach.content;

import java.util.Map;

/**
 * The bot's wording by key, with {@code {placeholder}} substitution and plural choices ({@link
 * Template}).
 */
final class Messages {
  private final Map<String, String> texts;
  private final Map<String, Template> compiled = new java.util.concurrent.ConcurrentHashMap<>();

  Messages(Map<String, String> texts) {
    this.texts = Map.copyOf(texts);
  }

  /** The raw text of a key, or null. */
  String raw(String key) {
    return texts.get(key);
  }

  Map<String, String> all() {
    return texts;
  }

  /**
   * The parsed text of a key; throws {@link Template.Malformed} for one that does not parse (the
   * validator reports those before a bundle is used).
   */
  Template template(String key) {
    String text = texts.get(key);
    if (text == null) {
      throw new IllegalStateException("messages.yaml: " + key + ": missing");
    }
    // Each text is parsed once; rendering is then a walk over its parts.
    return compiled.computeIfAbsent(key, k -> Template.parse(text));
  }

  /**
   * Renders {@code msg}, taking placeholder values as alternating name, value pairs. A placeholder
   * that chooses a plural form needs a number (or a text of one).
   */
  public String render(Msg msg, Object... nameValuePairs) {
    Template t = template(msg.key());
    if (t.literal()) {
      return texts.get(msg.key());
    }
    return t.render(name -> value(name, nameValuePairs), msg.key());
  }

  private static Object value(String name, Object[] nameValuePairs) {
    for (int j = 0; j + 1 < nameValuePairs.length; j += 2) {
      if (name.equals(nameValuePairs[j])) {
        return nameValuePairs[j + 1] == null ? "null" : nameValuePairs[j + 1];
      }
    }
    return null;
  }
}
