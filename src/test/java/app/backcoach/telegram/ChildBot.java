package app.backcoach.telegram;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Launches the bot as a child JVM against a fake Bot API, for drills that kill or restrict it. */
final class ChildBot {
  private ChildBot() {}

  /**
   * Starts {@code Main bot} on {@code db}; output goes to {@code log}. {@code prefix} runs before
   * java (e.g. setpriv), {@code extraEnv} adds settings.
   */
  static Process launch(
      FakeBotApi api,
      Path db,
      Path log,
      String logLevel,
      List<String> prefix,
      Map<String, String> extraEnv)
      throws Exception {
    List<String> command = new ArrayList<>(prefix);
    command.addAll(
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xshare:auto",
            "-cp",
            System.getProperty("java.class.path"),
            "app.backcoach.Main",
            "bot"));
    ProcessBuilder pb = new ProcessBuilder(command);
    Map<String, String> env = pb.environment();
    env.put("TELEGRAM_BOT_TOKEN", FakeBotApi.TOKEN);
    env.put("TELEGRAM_API_URL", api.url());
    env.put("BACKCOACH_DB", db.toString());
    env.put("BACKCOACH_POLL_TIMEOUT", "1");
    env.put("BACKCOACH_RATE_PER_CHAT", "50");
    env.put("BACKCOACH_RATE_PER_SECOND", "200");
    env.put("LOG_LEVEL", logLevel);
    env.remove("BACKCOACH_CONTENT_DIR");
    env.putAll(extraEnv);
    pb.redirectErrorStream(true);
    pb.redirectOutput(log.toFile());
    return pb.start();
  }
}
