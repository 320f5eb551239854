package app.backcoach;

import java.nio.file.Path;
import java.util.Map;

/**
 * Settings from the environment and the command line (the command line wins). A malformed value
 * stops startup with a message naming the variable.
 */
public record Config(String botToken, Path database, Path contentDir) {
  static final String TOKEN = "TELEGRAM_BOT_TOKEN";
  static final String DB = "BACKCOACH_DB";
  static final String CONTENT = "BACKCOACH_CONTENT_DIR";
  static final Path DEFAULT_DB = Path.of("data", "backcoach.db");

  static Config from(Map<String, String> env, String dbArg, String contentArg) {
    String token = blankToNull(env.get(TOKEN));
    if (token != null && !token.matches("\\d{1,20}:[A-Za-z0-9_-]{20,}")) {
      throw new ConfigException(
          TOKEN + " does not look like a bot token (digits:letters from @BotFather)");
    }
    Path db = path(dbArg != null ? dbArg : env.get(DB), dbArg != null ? "--db" : DB);
    Path content =
        path(
            contentArg != null ? contentArg : env.get(CONTENT),
            contentArg != null ? "--content" : CONTENT);
    return new Config(token, db == null ? DEFAULT_DB : db, content);
  }

  private static Path path(String value, String name) {
    String v = blankToNull(value);
    if (v == null) {
      return null;
    }
    try {
      return Path.of(v);
    } catch (java.nio.file.InvalidPathException e) {
      throw new ConfigException(name + " is not a valid path: " + e.getMessage());
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  /** The token with all but the bot id hidden, for logs. */
  public String maskedToken() {
    return botToken == null ? "(none)" : botToken.substring(0, botToken.indexOf(':') + 1) + "***";
  }

  @Override
  public String toString() {
    return "Config[botToken="
        + maskedToken()
        + ", database="
        + database
        + ", contentDir="
        + contentDir
        + "]";
  }

  /** A setting that cannot be used. */
  static final class ConfigException extends RuntimeException {
    ConfigException(String message) {
      super(message);
    }
  }
}
