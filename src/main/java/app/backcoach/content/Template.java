package app.backcoach.content;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * One message text, parsed once: literal text, {@code {name}} placeholders, and plural choices
 * written {@code {days, plural, one {# day} other {# days}}}, where {@code #} stands for the number
 * and {@code =N {...}} picks an exact number. A form may use other placeholders. English needs
 * {@code one} (or {@code =1}) and {@code other}; a choice without them does not parse, so a content
 * writer cannot ship "1 days" by leaving one out.
 */
final class Template {
  /** A text that does not parse; the message says which placeholder and what is wrong. */
  static final class Malformed extends IllegalArgumentException {
    Malformed(String message) {
      super(message);
    }
  }

  private sealed interface Part permits Literal, Value, Plural, Count {}

  private record Literal(String text) implements Part {}

  private record Value(String name) implements Part {}

  /** The number of the plural choice around it. */
  private record Count() implements Part {}

  /** Forms by selector ("one", "other", "=0"); {@code source} is the text as written. */
  private record Plural(String name, Map<String, List<Part>> forms, String source)
      implements Part {}

  private final List<Part> parts;
  private final Set<String> names = new LinkedHashSet<>();
  private final Set<String> counted = new LinkedHashSet<>();

  private final String text;
  private int at;

  private Template(String text) {
    this.text = text;
    this.parts = parts(false);
  }

  /** Parses a text; throws {@link Malformed} naming the placeholder at fault. */
  static Template parse(String text) {
    return new Template(text);
  }

  /** Every placeholder the text uses, plural choices included. */
  Set<String> names() {
    return names;
  }

  /** The placeholders that choose a plural form, so must be numbers. */
  Set<String> counted() {
    return counted;
  }

  /** True when the text has no placeholder: it renders as written. */
  boolean literal() {
    return names.isEmpty();
  }

  /**
   * Renders with {@code values} (null for a name not given, which is left as written); {@code key}
   * names the message in the error for a plural given something that is not a number.
   */
  String render(Function<String, Object> values, String key) {
    StringBuilder out = new StringBuilder(text.length() + 64);
    render(parts, values, key, null, out);
    return out.toString();
  }

  private static void render(
      List<Part> parts,
      Function<String, Object> values,
      String key,
      Object count,
      StringBuilder out) {
    for (Part part : parts) {
      if (part instanceof Literal l) {
        out.append(l.text());
      } else if (part instanceof Count) {
        out.append(count);
      } else if (part instanceof Value v) {
        Object value = values.apply(v.name());
        out.append(value == null ? "{" + v.name() + "}" : String.valueOf(value));
      } else if (part instanceof Plural p) {
        Object value = values.apply(p.name());
        if (value == null) {
          out.append(p.source());
        } else {
          render(p.forms().get(select(p, value, key)), values, key, value, out);
        }
      }
    }
  }

  /**
   * English: an exact {@code =N} form if there is one, else "one" for 1 and "other" for the rest.
   */
  private static String select(Plural p, Object value, String key) {
    BigDecimal n;
    try {
      n = new BigDecimal(String.valueOf(value).strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "messages.yaml: "
              + key
              + ": {"
              + p.name()
              + "} chooses a plural form, so it needs a number, not '"
              + value
              + "'");
    }
    for (String selector : p.forms().keySet()) {
      if (selector.startsWith("=") && new BigDecimal(selector.substring(1)).compareTo(n) == 0) {
        return selector;
      }
    }
    boolean one = n.compareTo(BigDecimal.ONE) == 0 && n.scale() <= 0;
    return one && p.forms().containsKey("one") ? "one" : "other";
  }

  // ---- parsing ----

  /** Parts up to the end of the text, or (inside a plural form) up to the form's closing brace. */
  private List<Part> parts(boolean inForm) {
    List<Part> out = new ArrayList<>();
    StringBuilder literal = new StringBuilder();
    while (at < text.length()) {
      char c = text.charAt(at);
      if (c == '}' && inForm) {
        break;
      }
      Part part = null;
      if (c == '#' && inForm) {
        at++;
        part = new Count();
      } else if (c == '{') {
        part = placeholder();
      }
      if (part == null) {
        literal.append(c);
        at++;
        continue;
      }
      if (!literal.isEmpty()) {
        out.add(new Literal(literal.toString()));
        literal.setLength(0);
      }
      out.add(part);
    }
    if (!literal.isEmpty()) {
      out.add(new Literal(literal.toString()));
    }
    return List.copyOf(out);
  }

  /**
   * The placeholder at a '{', or null when the brace does not start one (then it is plain text):
   * {@code {name}} or {@code {name, plural, ...}}.
   */
  private Part placeholder() {
    int start = at;
    int end = start + 1;
    while (end < text.length() && isNameChar(text.charAt(end))) {
      end++;
    }
    if (end == start + 1 || end == text.length()) {
      return null;
    }
    String name = text.substring(start + 1, end);
    int next = skipSpaces(end);
    if (next < text.length() && text.charAt(next) == '}' && next == end) {
      at = end + 1;
      names.add(name);
      return new Value(name);
    }
    if (next >= text.length() || text.charAt(next) != ',') {
      return null;
    }
    at = skipSpaces(next + 1);
    String format = word();
    if (!format.equals("plural")) {
      throw new Malformed(
          "{" + name + ", " + format + ", ...}: only 'plural' may follow a placeholder's name");
    }
    at = skipSpaces(at);
    if (at >= text.length() || text.charAt(at) != ',') {
      throw new Malformed("{" + name + ", plural ...}: a comma must follow 'plural'");
    }
    at++;
    Map<String, List<Part>> forms = new LinkedHashMap<>();
    while (true) {
      at = skipSpaces(at);
      if (at >= text.length()) {
        throw new Malformed("{" + name + ", plural, ...}: never closed with '}'");
      }
      if (text.charAt(at) == '}') {
        at++;
        break;
      }
      String selector = word();
      if (!selector.equals("one") && !selector.equals("other") && !selector.matches("=\\d+")) {
        throw new Malformed(
            "{"
                + name
                + ", plural, ...}: unknown form '"
                + (selector.isEmpty() ? text.charAt(at) : selector)
                + "'; the forms are one, other and =N");
      }
      at = skipSpaces(at);
      if (at >= text.length() || text.charAt(at) != '{') {
        throw new Malformed(
            "{" + name + ", plural, ...}: form '" + selector + "' needs its text in braces");
      }
      at++;
      List<Part> form = parts(true);
      if (at >= text.length()) {
        throw new Malformed(
            "{" + name + ", plural, ...}: form '" + selector + "' is never closed with '}'");
      }
      at++;
      if (forms.put(selector, form) != null) {
        throw new Malformed("{" + name + ", plural, ...}: form '" + selector + "' is given twice");
      }
    }
    if (!forms.containsKey("other") || !(forms.containsKey("one") || forms.containsKey("=1"))) {
      throw new Malformed(
          "{"
              + name
              + ", plural, ...}: needs both a 'one' form (or '=1') and an 'other' form, has "
              + forms.keySet());
    }
    names.add(name);
    counted.add(name);
    return new Plural(name, Map.copyOf(forms), text.substring(start, at));
  }

  private String word() {
    int start = at;
    while (at < text.length() && (isNameChar(text.charAt(at)) || text.charAt(at) == '=')) {
      at++;
    }
    return text.substring(start, at);
  }

  private int skipSpaces(int from) {
    while (from < text.length() && Character.isWhitespace(text.charAt(from))) {
      from++;
    }
    return from;
  }

  private static boolean isNameChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  }
}
