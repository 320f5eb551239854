package app.backcoach.content;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The bot's wording by key, with {@code {placeholder}} substitution. */
final class Messages {
  static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z0-9_]+)}");
  private final Map<String, String> texts;
  private final Map<String, List<String>> compiled = new java.util.concurrent.ConcurrentHashMap<>();

  Messages(Map<String, String> texts) {
    this.texts = Map.copyOf(texts);
  }

  /** Alternating literal text and placeholder names: "Hi {name}!" is ["Hi ", "name", "!"]. */
  private static List<String> split(String text) {
    List<String> parts = new java.util.ArrayList<>();
    Matcher m = PLACEHOLDER.matcher(text);
    int at = 0;
    while (m.find()) {
      parts.add(text.substring(at, m.start()));
      parts.add(m.group(1));
      at = m.end();
    }
    parts.add(text.substring(at));
    return parts;
  }

  /** The raw text of a key, or null. */
  String raw(String key) {
    return texts.get(key);
  }

  Map<String, String> all() {
    return texts;
  }

  /** Renders {@code msg}, taking placeholder values as alternating name, value pairs. */
  public String render(Msg msg, Object... nameValuePairs) {
    String text = texts.get(msg.key());
    if (text == null) {
      throw new IllegalStateException("messages.yaml: " + msg.key() + ": missing");
    }
    if (nameValuePairs.length == 0) {
      return text;
    }
    // Templates are split once into literal text and placeholder names; rendering is then a plain
    // loop.
    List<String> parts = compiled.computeIfAbsent(msg.key(), k -> split(text));
    StringBuilder out = new StringBuilder(text.length() + 64);
    for (int i = 0; i < parts.size(); i++) {
      String part = parts.get(i);
      if (i % 2 == 0) {
        out.append(part);
        continue;
      }
      Object v = null;
      boolean found = false;
      for (int j = 0; j + 1 < nameValuePairs.length; j += 2) {
        if (part.equals(nameValuePairs[j])) {
          v = nameValuePairs[j + 1];
          found = true;
          break;
        }
      }
      out.append(found ? String.valueOf(v) : "{" + part + "}");
    }
    return out.toString();
  }
}
