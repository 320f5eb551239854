package app.backcoach.telegram;

import app.backcoach.reply.Reply;

/** Escaping for Telegram's HTML parse mode: only &lt;, &gt; and &amp; need it. */
final class Html {
  private Html() {}

  static String escape(String s) {
    StringBuilder out = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /**
   * A reply's text for Telegram: each part ({@link Reply#parts}) with its first line bold, parts
   * separated by a blank line.
   */
  static String render(Reply reply) {
    StringBuilder out = new StringBuilder();
    for (String part : reply.parts()) {
      if (out.length() > 0) {
        out.append("\n\n");
      }
      out.append(withBoldTitle(part));
    }
    return out.toString();
  }

  /** Makes a message's first line bold, the way cards and questions read best on a phone. */
  private static String withBoldTitle(String text) {
    int nl = text.indexOf('\n');
    if (nl <= 0 || nl > 120) {
      return escape(text);
    }
    return "<b>" + escape(text.substring(0, nl)) + "</b>" + escape(text.substring(nl));
  }
}
