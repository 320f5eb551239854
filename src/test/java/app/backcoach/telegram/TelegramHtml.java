package app.backcoach.telegram;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Telegram's HTML parse mode as a strict validator: turns Telegram HTML into the plain text the
 * user sees plus its entities, or fails the way the Bot API does ("can't parse entities: ...").
 *
 * <p>Supported, as documented by the Bot API: {@code b strong i em u ins s strike del tg-spoiler},
 * {@code span class="tg-spoiler"}, {@code a href}, {@code code}, {@code pre}, {@code blockquote
 * [expandable]}, {@code tg-emoji emoji-id}; entities {@code &lt; &gt; &amp; &quot;} and numeric
 * {@code &#NN; &#xHH;}. Tags must be properly nested and closed. A bare {@code <} or an {@code &}
 * that starts no valid entity is an error (stricter than Telegram for {@code &}, on purpose: the
 * bot must escape it). Offsets and lengths are in UTF-16 code units, like Telegram's.
 */
final class TelegramHtml {
  private TelegramHtml() {}

  /** A formatting entity: type as in the Bot API's MessageEntity, offset/length in UTF-16 units. */
  record Entity(String type, int offset, int length, String extra) {}

  /** The text as the user sees it, with its entities. */
  record Parsed(String text, List<Entity> entities) {}

  /** The HTML is not valid Telegram HTML; the message follows "can't parse entities: ". */
  static final class ParseException extends Exception {
    private static final long serialVersionUID = 1L;

    ParseException(String message) {
      super(message);
    }
  }

  private static final Map<String, String> TAGS =
      Map.ofEntries(
          Map.entry("b", "bold"),
          Map.entry("strong", "bold"),
          Map.entry("i", "italic"),
          Map.entry("em", "italic"),
          Map.entry("u", "underline"),
          Map.entry("ins", "underline"),
          Map.entry("s", "strikethrough"),
          Map.entry("strike", "strikethrough"),
          Map.entry("del", "strikethrough"),
          Map.entry("tg-spoiler", "spoiler"),
          Map.entry("span", "spoiler"),
          Map.entry("a", "text_link"),
          Map.entry("code", "code"),
          Map.entry("pre", "pre"),
          Map.entry("blockquote", "blockquote"),
          Map.entry("tg-emoji", "custom_emoji"));

  private record Open(String tag, String type, int start, String extra) {}

  /** Parses Telegram HTML; never returns null. */
  static Parsed parse(String html) throws ParseException {
    StringBuilder out = new StringBuilder(html.length());
    Deque<Open> stack = new ArrayDeque<>();
    List<Entity> entities = new ArrayList<>();
    int i = 0;
    int n = html.length();
    while (i < n) {
      char c = html.charAt(i);
      if (c == '&') {
        int[] decoded = decodeEntity(html, i);
        out.appendCodePoint(decoded[0]);
        i = decoded[1];
      } else if (c != '<') {
        out.append(c);
        i++;
      } else if (i + 1 < n && html.charAt(i + 1) == '/') {
        int close = html.indexOf('>', i);
        if (close < 0) {
          throw new ParseException("Unclosed end tag at byte offset " + byteOffset(html, i));
        }
        String name = html.substring(i + 2, close).trim().toLowerCase(Locale.ROOT);
        if (stack.isEmpty()) {
          throw new ParseException("Unexpected end tag at byte offset " + byteOffset(html, i));
        }
        Open open = stack.pop();
        if (!open.tag().equals(name)) {
          throw new ParseException(
              "Unmatched end tag at byte offset "
                  + byteOffset(html, i)
                  + ", expected \"</"
                  + open.tag()
                  + ">\", found \"</"
                  + name
                  + ">\"");
        }
        int length = out.length() - open.start();
        if (length > 0) {
          entities.add(new Entity(open.type(), open.start(), length, open.extra()));
        }
        i = close + 1;
      } else {
        i = startTag(html, i, out.length(), stack);
      }
    }
    if (!stack.isEmpty()) {
      throw new ParseException(
          "Can't find end tag corresponding to start tag \"" + stack.peek().tag() + "\"");
    }
    entities.sort(
        (a, b) ->
            a.offset() != b.offset()
                ? Integer.compare(a.offset(), b.offset())
                : Integer.compare(b.length(), a.length()));
    return new Parsed(out.toString(), List.copyOf(entities));
  }

  /** Reads a start tag at {@code html[at] == '<'}, pushes it, returns the index after '>'. */
  private static int startTag(String html, int at, int outPos, Deque<Open> stack)
      throws ParseException {
    int n = html.length();
    int i = at + 1;
    while (i < n && !Character.isWhitespace(html.charAt(i)) && html.charAt(i) != '>') {
      i++;
    }
    if (i >= n) {
      throw new ParseException("Unclosed start tag at byte offset " + byteOffset(html, at));
    }
    String tag = html.substring(at + 1, i).toLowerCase(Locale.ROOT);
    if (!TAGS.containsKey(tag)) {
      throw new ParseException(
          "Unsupported start tag \"" + tag + "\" at byte offset " + byteOffset(html, at));
    }
    Map<String, String> attributes = new LinkedHashMap<>();
    while (true) {
      while (i < n && Character.isWhitespace(html.charAt(i))) {
        i++;
      }
      if (i >= n) {
        throw new ParseException("Unclosed start tag at byte offset " + byteOffset(html, at));
      }
      if (html.charAt(i) == '>') {
        i++;
        break;
      }
      int nameStart = i;
      while (i < n && isAttributeNameChar(html.charAt(i))) {
        i++;
      }
      if (i == nameStart) {
        throw new ParseException(
            "Empty attribute name in the tag \""
                + tag
                + "\" at byte offset "
                + byteOffset(html, at));
      }
      String name = html.substring(nameStart, i).toLowerCase(Locale.ROOT);
      while (i < n && Character.isWhitespace(html.charAt(i))) {
        i++;
      }
      String value = "";
      if (i < n && html.charAt(i) == '=') {
        i++;
        while (i < n && Character.isWhitespace(html.charAt(i))) {
          i++;
        }
        if (i >= n) {
          throw new ParseException("Unclosed start tag at byte offset " + byteOffset(html, at));
        }
        char quote = html.charAt(i);
        int valueEnd;
        int valueStart;
        if (quote == '"' || quote == '\'') {
          valueStart = i + 1;
          valueEnd = html.indexOf(quote, valueStart);
          if (valueEnd < 0) {
            throw new ParseException("Unclosed start tag at byte offset " + byteOffset(html, at));
          }
          i = valueEnd + 1;
        } else {
          valueStart = i;
          while (i < n && !Character.isWhitespace(html.charAt(i)) && html.charAt(i) != '>') {
            i++;
          }
          valueEnd = i;
        }
        value = decodeAll(html.substring(valueStart, valueEnd));
      }
      attributes.put(name, value);
    }
    String type = TAGS.get(tag);
    String extra = null;
    switch (tag) {
      case "span" -> {
        if (!"tg-spoiler".equals(attributes.get("class"))) {
          throw new ParseException(
              "Tag \"span\" must have class \"tg-spoiler\" at byte offset " + byteOffset(html, at));
        }
      }
      case "a" -> extra = attributes.get("href");
      case "tg-emoji" -> {
        extra = attributes.get("emoji-id");
        if (extra == null || extra.isEmpty() || !extra.chars().allMatch(Character::isDigit)) {
          throw new ParseException(
              "Custom emoji entity must contain a valid custom emoji identifier at byte offset "
                  + byteOffset(html, at));
        }
      }
      case "blockquote" -> {
        if (attributes.containsKey("expandable")) {
          type = "expandable_blockquote";
        }
      }
      case "code" -> {
        String cls = attributes.get("class");
        if (cls != null && cls.startsWith("language-")) {
          extra = cls.substring("language-".length());
        }
      }
      default -> {}
    }
    stack.push(new Open(tag, type, outPos, extra));
    return i;
  }

  private static boolean isAttributeNameChar(char c) {
    return Character.isLetterOrDigit(c) || c == '-' || c == '_';
  }

  /** Decodes every entity of an attribute value. */
  private static String decodeAll(String s) throws ParseException {
    StringBuilder out = new StringBuilder(s.length());
    int i = 0;
    while (i < s.length()) {
      if (s.charAt(i) == '&') {
        int[] decoded = decodeEntity(s, i);
        out.appendCodePoint(decoded[0]);
        i = decoded[1];
      } else {
        out.append(s.charAt(i++));
      }
    }
    return out.toString();
  }

  /** Decodes the entity at {@code s[at] == '&'}: returns {codePoint, indexAfter} or fails. */
  private static int[] decodeEntity(String s, int at) throws ParseException {
    int semi = s.indexOf(';', at);
    if (semi > at + 1 && semi - at <= 10) {
      String name = s.substring(at + 1, semi);
      int cp =
          switch (name) {
            case "lt" -> '<';
            case "gt" -> '>';
            case "amp" -> '&';
            case "quot" -> '"';
            default -> numeric(name);
          };
      if (cp > 0) {
        return new int[] {cp, semi + 1};
      }
    }
    throw new ParseException(
        "Character '&' at byte offset "
            + byteOffset(s, at)
            + " starts no valid HTML entity; escape it as &amp;");
  }

  private static int numeric(String name) {
    try {
      int cp;
      if (name.startsWith("#x") || name.startsWith("#X")) {
        String hex = name.substring(2);
        if (hex.isEmpty() || hex.length() > 6 || !hex.chars().allMatch(TelegramHtml::isHex)) {
          return -1;
        }
        cp = Integer.parseInt(hex, 16);
      } else if (name.startsWith("#")) {
        String dec = name.substring(1);
        if (dec.isEmpty() || dec.length() > 7 || !dec.chars().allMatch(Character::isDigit)) {
          return -1;
        }
        cp = Integer.parseInt(dec);
      } else {
        return -1;
      }
      boolean valid = cp > 0 && cp <= 0x10FFFF && (cp < 0xD800 || cp > 0xDFFF);
      return valid ? cp : -1;
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static boolean isHex(int c) {
    return Character.digit(c, 16) >= 0;
  }

  private static int byteOffset(String s, int index) {
    return s.substring(0, index).getBytes(StandardCharsets.UTF_8).length;
  }

  /** Escapes text for HTML parse mode: the three characters Telegram requires. */
  static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
