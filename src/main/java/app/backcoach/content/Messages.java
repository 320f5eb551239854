package app.backcoach.content;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The bot's wording by key, with {@code {placeholder}} substitution. */
public final class Messages {
  static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z0-9_]+)}");
  private final Map<String, String> texts;

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

  /** Renders {@code msg}, taking placeholder values as alternating name, value pairs. */
  public String render(Msg msg, Object... nameValuePairs) {
    String text = texts.get(msg.key());
    if (text == null) {
      throw new IllegalStateException("messages.yaml: " + msg.key() + ": missing");
    }
    if (nameValuePairs.length == 0) {
      return text;
    }
    Map<String, Object> values = new java.util.HashMap<>();
    for (int i = 0; i + 1 < nameValuePairs.length; i += 2) {
      values.put((String) nameValuePairs[i], nameValuePairs[i + 1]);
    }
    Matcher m = PLACEHOLDER.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      Object v = values.get(m.group(1));
      m.appendReplacement(out, Matcher.quoteReplacement(v == null ? m.group() : String.valueOf(v)));
    }
    m.appendTail(out);
    return out.toString();
  }
}
