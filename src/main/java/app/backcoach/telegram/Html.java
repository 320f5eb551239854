package app.backcoach.telegram;

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

  /** Makes a message's first line bold, the way cards and questions read best on a phone. */
  static String withBoldTitle(String text) {
    int nl = text.indexOf('\n');
    if (nl <= 0 || nl > 120) {
      return escape(text);
    }
    return "<b>" + escape(text.substring(0, nl)) + "</b>" + escape(text.substring(nl));
  }
}
