package app.backcoach;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConfigTest {
  static final String TOKEN = "123456:ABCdefGHIjklMNOpqrSTUvwxYZ_123";

  /** The example env file an operator copies; tests read it from the repo, where it ships. */
  static Map<String, String> example(boolean uncommentAll) throws Exception {
    Map<String, String> env = new HashMap<>();
    for (String line : Files.readAllLines(Path.of("deploy/backcoach.env.example"))) {
      String l = line.strip();
      if (uncommentAll && l.matches("#\\s*[A-Z_]+=.*")) {
        l = l.replaceFirst("#\\s*", "");
      }
      if (l.isEmpty() || l.startsWith("#")) {
        continue;
      }
      int eq = l.indexOf('=');
      assertTrue(eq > 0, "not KEY=value: " + line);
      env.put(l.substring(0, eq), l.substring(eq + 1));
    }
    return env;
  }

  @Test
  void envExampleDocumentsEveryVariableAndItsExamplesLoad() throws Exception {
    Map<String, String> env = example(true);
    for (String name :
        List.of(
            Config.TOKEN,
            Config.API_URL,
            Config.DB,
            Config.CONTENT,
            Config.RATE,
            Config.RATE_PER_CHAT,
            Config.POLL_TIMEOUT,
            Config.HTTP_PORT,
            Config.HTTP_HOST,
            Config.ADMINS,
            Config.MEANING,
            Config.DATABASE_URL,
            Config.WEBHOOK_URL,
            Config.WEBHOOK_SECRET,
            Config.WEBHOOK_PORT,
            Config.WEBHOOK_HOST,
            Config.PAID_STARS,
            Config.PAID_AFTER,
            "LOG_LEVEL")) {
      assertTrue(env.containsKey(name), name + " is not in deploy/backcoach.env.example");
    }
    env.put(Config.TOKEN, TOKEN);
    env.remove(Config.CONTENT); // the example names a folder that need not exist to parse
    Config c = Config.from(env, null, null);
    assertTrue(c.httpPort() != null);
    assertTrue(c.webhook() != null, "the example's webhook lines load");
    assertEquals(5_000, c.paidBroadcast().messagesPerDay(), "500 Stars a day");
  }

  @Test
  void paidBroadcastIsOffUnlessGivenABudgetAndABadOneStopsStartUp() {
    Map<String, String> env = new HashMap<>(Map.of(Config.TOKEN, TOKEN));
    assertFalse(Config.from(env, null, null).paidBroadcast().on());
    env.put(Config.PAID_STARS, "20");
    env.put(Config.PAID_AFTER, "45");
    Config c = Config.from(env, null, null);
    assertTrue(c.paidBroadcast().on());
    assertEquals(200, c.paidBroadcast().messagesPerDay());
    assertEquals(java.time.Duration.ofSeconds(45), c.paidBroadcast().lateAfter());
    assertEquals(c.paidBroadcast(), App.telegramSettings(c).limits().paid());
    env.put(Config.PAID_STARS, "-1");
    var e = assertThrows(Config.ConfigException.class, () -> Config.from(env, null, null));
    assertTrue(e.getMessage().contains(Config.PAID_STARS), e.getMessage());
  }

  @Test
  void envExampleAsShippedLoadsWithDefaults() throws Exception {
    Map<String, String> env = example(false);
    env.put(Config.TOKEN, TOKEN);
    Config c = Config.from(env, null, null);
    assertEquals(30, c.ratePerSecond());
    assertEquals("127.0.0.1", c.httpHost());
    assertTrue(c.meaning(), "reading by meaning is on unless turned off");
    assertNull(c.webhook(), "long polling unless a webhook URL is set");
  }

  static final String SECRET = "s3cret_-XYZ";

  @Test
  void aWebhookUrlWithItsSecretChoosesWebhookModeOnLoopbackPort8443() {
    Config c =
        Config.from(
            Map.of(
                Config.WEBHOOK_URL,
                "https://bot.example.com/telegram",
                Config.WEBHOOK_SECRET,
                SECRET),
            null,
            null);
    assertEquals("https://bot.example.com/telegram", c.webhook().url().toString());
    assertEquals(SECRET, c.webhook().secret());
    assertEquals("127.0.0.1", c.webhook().host());
    assertEquals(8443, c.webhook().port());
    assertFalse(c.webhook().toString().contains(SECRET), c.webhook().toString());
    Config other =
        Config.from(
            Map.of(
                Config.WEBHOOK_URL, "https://bot.example.com:88/hook",
                Config.WEBHOOK_SECRET, "x".repeat(256),
                Config.WEBHOOK_PORT, "9000",
                Config.WEBHOOK_HOST, "0.0.0.0"),
            null,
            null);
    assertEquals(9000, other.webhook().port());
    assertEquals("0.0.0.0", other.webhook().host());
    assertNull(
        Config.from(Map.of(Config.WEBHOOK_SECRET, SECRET), null, null).webhook(),
        "a secret alone (left over after switching back to polling) does not choose a webhook");
  }

  @Test
  void aWebhookWithoutAGoodSecretOrHttpsUrlStopsStartUpNamingTheVariable() {
    String url = "https://bot.example.com/telegram";
    for (var bad :
        List.of(
            Map.of(Config.WEBHOOK_URL, url),
            Map.of(Config.WEBHOOK_URL, url, Config.WEBHOOK_SECRET, "   "),
            Map.of(Config.WEBHOOK_URL, url, Config.WEBHOOK_SECRET, "has space"),
            Map.of(Config.WEBHOOK_URL, url, Config.WEBHOOK_SECRET, "dots.not.allowed"),
            Map.of(Config.WEBHOOK_URL, url, Config.WEBHOOK_SECRET, "x".repeat(257)))) {
      var e = assertThrows(Config.ConfigException.class, () -> Config.from(bad, null, null));
      assertTrue(e.getMessage().startsWith(Config.WEBHOOK_SECRET), e.getMessage());
      assertTrue(e.getMessage().contains("1 to 256 characters"), e.getMessage());
      String secret = bad.getOrDefault(Config.WEBHOOK_SECRET, "").strip();
      assertTrue(secret.isEmpty() || !e.getMessage().contains(secret), "never echoed");
    }
    for (String badUrl :
        List.of(
            "http://bot.example.com/telegram",
            "bot.example.com/telegram",
            "https:///telegram",
            "https://bot.example.com:8080/telegram",
            "https://bot example.com")) {
      var e =
          assertThrows(
              Config.ConfigException.class,
              () ->
                  Config.from(
                      Map.of(Config.WEBHOOK_URL, badUrl, Config.WEBHOOK_SECRET, SECRET),
                      null,
                      null));
      assertTrue(e.getMessage().startsWith(Config.WEBHOOK_URL), badUrl + ": " + e.getMessage());
    }
    var port =
        assertThrows(
            Config.ConfigException.class,
            () ->
                Config.from(
                    Map.of(
                        Config.WEBHOOK_URL, url,
                        Config.WEBHOOK_SECRET, SECRET,
                        Config.WEBHOOK_PORT, "0"),
                    null,
                    null));
    assertTrue(port.getMessage().contains(Config.WEBHOOK_PORT), port.getMessage());
  }

  @Test
  void meaningCanBeTurnedOffForSmallHosts() {
    assertFalse(Config.from(Map.of(Config.MEANING, "off"), null, null).meaning());
    assertTrue(Config.from(Map.of(Config.MEANING, " ON "), null, null).meaning());
  }

  @Test
  void malformedValuesNameTheVariable() {
    for (var bad :
        List.of(
            Map.of(Config.RATE, "fast"),
            Map.of(Config.HTTP_PORT, "70000"),
            Map.of(Config.API_URL, "ftp://x"),
            Map.of(Config.ADMINS, "12,bob"),
            Map.of(Config.POLL_TIMEOUT, "0"),
            Map.of(Config.MEANING, "maybe"),
            Map.of(Config.DATABASE_URL, "postgres://db/backcoach"))) {
      var e = assertThrows(Config.ConfigException.class, () -> Config.from(bad, null, null));
      assertTrue(e.getMessage().contains(bad.keySet().iterator().next()), e.getMessage());
    }
  }

  @Test
  void aPostgresqlUrlIsTakenAndItsPasswordNeverShown() {
    Config c =
        Config.from(
            Map.of(
                Config.DATABASE_URL,
                " jdbc:postgresql://db:5432/backcoach?user=bot&password=s3cret "),
            null,
            null);
    assertEquals("jdbc:postgresql://db:5432/backcoach?user=bot&password=s3cret", c.databaseUrl());
    assertFalse(c.toString().contains("s3cret"), c.toString());
    assertEquals(null, Config.from(Map.of(), null, null).databaseUrl(), "SQLite by default");
  }

  @Test
  void adminIdsAndTokenMasking() {
    Config c = Config.from(Map.of(Config.ADMINS, "42, 7", Config.TOKEN, TOKEN), null, null);
    assertEquals(Set.of(42L, 7L), c.adminIds());
    assertFalse(c.toString().contains("ABCdef"), c.toString());
  }
}
