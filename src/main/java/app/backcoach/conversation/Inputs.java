package app.backcoach.conversation;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a typed line into an event: {@code /start@backcoach_bot payload} is a command, anything
 * else is text.
 */
public final class Inputs {
  private static final Pattern COMMAND =
      Pattern.compile("^/([A-Za-z0-9_]{1,64})(?:@\\w+)?(?:\\s+(.*))?$", Pattern.DOTALL);

  private Inputs() {}

  public static Event parse(String line) {
    String trimmed = line == null ? "" : line.strip();
    Matcher m = COMMAND.matcher(trimmed);
    if (m.matches()) {
      String arg = m.group(2) == null ? "" : m.group(2).strip();
      return new Event.Command(m.group(1).toLowerCase(java.util.Locale.ROOT), arg);
    }
    return new Event.Text(trimmed);
  }
}
