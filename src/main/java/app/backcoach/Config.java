package app.backcoach;

import app.backcoach.delivery.PaidBroadcast;
import app.backcoach.telegram.WebhookSettings;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Settings from the environment and the command line (the command line wins). A malformed value
 * stops startup with a message naming the variable.
 */
record Config(
    String botToken,
    Path database,
    Path contentDir,
    URI apiUrl,
    double ratePerSecond,
    double ratePerChat,
    int pollTimeoutSeconds,
    Integer httpPort,
    String httpHost,
    java.util.Set<Long> adminIds,
    boolean meaning,
    String databaseUrl,
    WebhookSettings webhook,
    PaidBroadcast paidBroadcast) {
  static final String TOKEN = "TELEGRAM_BOT_TOKEN";
  static final String API_URL = "TELEGRAM_API_URL";
  static final String DB = "BACKCOACH_DB";
  static final String CONTENT = "BACKCOACH_CONTENT_DIR";
  static final String RATE = "BACKCOACH_RATE_PER_SECOND";
  static final String RATE_PER_CHAT = "BACKCOACH_RATE_PER_CHAT";
  static final String POLL_TIMEOUT = "BACKCOACH_POLL_TIMEOUT";
  static final String HTTP_PORT = "BACKCOACH_HTTP_PORT";
  static final String HTTP_HOST = "BACKCOACH_HTTP_HOST";
  static final String ADMINS = "BACKCOACH_ADMIN_IDS";
  static final String MEANING = "BACKCOACH_MEANING";
  static final String DATABASE_URL = "BACKCOACH_DATABASE_URL";
  static final String WEBHOOK_URL = "BACKCOACH_WEBHOOK_URL";
  static final String WEBHOOK_SECRET = "BACKCOACH_WEBHOOK_SECRET";
  static final String WEBHOOK_PORT = "BACKCOACH_WEBHOOK_PORT";
  static final String WEBHOOK_HOST = "BACKCOACH_WEBHOOK_HOST";
  static final String PAID_STARS = "BACKCOACH_PAID_BROADCAST_STARS_PER_DAY";
  static final String PAID_AFTER = "BACKCOACH_PAID_BROADCAST_AFTER_SECONDS";

  /** The ports Telegram delivers webhooks to. */
  static final java.util.Set<Integer> WEBHOOK_PORTS = java.util.Set.of(443, 80, 88, 8443);

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
    URI api = url(env.get(API_URL));
    double rate = number(env, RATE, 30, 0.1, 1000);
    double perChat = number(env, RATE_PER_CHAT, 1, 0.01, 100);
    int poll = (int) number(env, POLL_TIMEOUT, 50, 1, 100);
    Integer port =
        blankToNull(env.get(HTTP_PORT)) == null ? null : (int) number(env, HTTP_PORT, 0, 1, 65535);
    String host =
        blankToNull(env.get(HTTP_HOST)) == null ? "127.0.0.1" : env.get(HTTP_HOST).strip();
    return new Config(
        token,
        db == null ? DEFAULT_DB : db,
        content,
        api,
        rate,
        perChat,
        poll,
        port,
        host,
        admins(env.get(ADMINS)),
        onOff(env.get(MEANING), MEANING),
        databaseUrl(env.get(DATABASE_URL)),
        webhook(env),
        new PaidBroadcast(
            (long) number(env, PAID_STARS, 0, 0, 1_000_000),
            java.time.Duration.ofSeconds((long) number(env, PAID_AFTER, 30, 0, 3_600))));
  }

  /** A PostgreSQL JDBC URL, or null for the SQLite file; anything else stops start-up. */
  private static String databaseUrl(String value) {
    String v = blankToNull(value);
    if (v == null) {
      return null;
    }
    if (!v.strip().startsWith("jdbc:postgresql://")) {
      throw new ConfigException(
          DATABASE_URL
              + " must be a PostgreSQL JDBC URL (jdbc:postgresql://host:5432/db?user=..&password=..);"
              + " leave it unset for the SQLite file");
    }
    return v.strip();
  }

  /**
   * Webhook mode when {@value #WEBHOOK_URL} is set, which then needs {@value #WEBHOOK_SECRET}; null
   * (long polling) otherwise, whatever the other webhook variables say.
   */
  private static WebhookSettings webhook(Map<String, String> env) {
    String url = blankToNull(env.get(WEBHOOK_URL));
    if (url == null) {
      return null;
    }
    URI uri = webhookUrl(url);
    String secret = blankToNull(env.get(WEBHOOK_SECRET));
    String rule = "1 to 256 characters of A-Z, a-z, 0-9, _ and -";
    if (secret == null) {
      throw new ConfigException(
          WEBHOOK_SECRET
              + " is required with "
              + WEBHOOK_URL
              + ": "
              + rule
              + " that Telegram sends back with every update (for example the output of"
              + " 'openssl rand -hex 32')");
    }
    if (!secret.matches("[A-Za-z0-9_-]{1,256}")) {
      // The value is a secret: say what is wrong with it, never what it is.
      throw new ConfigException(WEBHOOK_SECRET + " must be " + rule);
    }
    int port = (int) number(env, WEBHOOK_PORT, 8443, 1, 65535);
    String host =
        blankToNull(env.get(WEBHOOK_HOST)) == null ? "127.0.0.1" : env.get(WEBHOOK_HOST).strip();
    return new WebhookSettings(uri, secret, host, port);
  }

  private static URI webhookUrl(String v) {
    String example = " like https://bot.example.com/telegram";
    URI uri;
    try {
      uri = new URI(v);
    } catch (URISyntaxException e) {
      throw new ConfigException(WEBHOOK_URL + " is not a URL: " + e.getMessage());
    }
    if (!"https".equals(uri.getScheme()) || uri.getHost() == null || uri.getFragment() != null) {
      throw new ConfigException(
          WEBHOOK_URL
              + " must be the public https URL Telegram calls,"
              + example
              + " (TLS ends at your reverse proxy), not '"
              + v
              + "'");
    }
    if (uri.getPort() != -1 && !WEBHOOK_PORTS.contains(uri.getPort())) {
      throw new ConfigException(
          WEBHOOK_URL
              + " has port "
              + uri.getPort()
              + ", but Telegram delivers webhooks only to ports 443, 80, 88 and 8443");
    }
    return uri;
  }

  /** "on" (the default) or "off"; anything else stops start-up naming the variable. */
  private static boolean onOff(String value, String name) {
    String v = blankToNull(value);
    if (v == null || v.strip().equalsIgnoreCase("on")) {
      return true;
    }
    if (v.strip().equalsIgnoreCase("off")) {
      return false;
    }
    throw new ConfigException(name + " must be on or off, not \"" + v.strip() + "\"");
  }

  private static java.util.Set<Long> admins(String value) {
    java.util.Set<Long> out = new java.util.HashSet<>();
    String v = blankToNull(value);
    if (v == null) {
      return out;
    }
    for (String part : v.split("[,\\s]+")) {
      if (!part.matches("\\d{1,18}")) {
        throw new ConfigException(
            ADMINS + " must be Telegram user ids separated by commas, not '" + part + "'");
      }
      out.add(Long.parseLong(part));
    }
    return out;
  }

  private static URI url(String value) {
    String v = blankToNull(value);
    if (v == null) {
      return URI.create("https://api.telegram.org");
    }
    try {
      URI uri = new URI(v);
      if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          || uri.getHost() == null) {
        throw new ConfigException(
            API_URL + " must be an http(s) URL like http://127.0.0.1:8081, not '" + v + "'");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new ConfigException(API_URL + " is not a URL: " + e.getMessage());
    }
  }

  private static double number(
      Map<String, String> env, String name, double fallback, double min, double max) {
    String v = blankToNull(env.get(name));
    if (v == null) {
      return fallback;
    }
    try {
      double d = Double.parseDouble(v);
      if (d < min || d > max || Double.isNaN(d)) {
        throw new ConfigException(name + " must be between " + min + " and " + max + ", not " + v);
      }
      return d;
    } catch (NumberFormatException e) {
      throw new ConfigException(name + " must be a number, not '" + v + "'");
    }
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
    return botToken == null ? "(none)" : app.backcoach.telegram.TelegramSettings.masked(botToken);
  }

  @Override
  public String toString() {
    return "Config[botToken="
        + maskedToken()
        + ", database="
        + (databaseUrl == null
            ? database
            : app.backcoach.storage.Database.withoutCredentials(databaseUrl))
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
