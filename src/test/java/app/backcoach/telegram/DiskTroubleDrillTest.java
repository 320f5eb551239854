package app.backcoach.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import app.backcoach.storage.Database;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The disk-trouble drill: the database file and folder become unwritable (while the bot runs, and
 * across a restart), and the disk fills up. The bot must say so in its log and on {@code /healthz},
 * must not confirm an update it could not store, and must recover without loss once the condition
 * clears.
 */
class DiskTroubleDrillTest {
  private static final long CHAT = 5001;
  @TempDir Path dir;
  private final FakeBotApi api = FakeBotApi.start();
  private final HttpClient http = HttpClient.newHttpClient();
  private Process bot;
  private Path mount;

  @AfterEach
  void stop() throws Exception {
    if (bot != null && bot.isAlive()) {
      bot.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    api.close();
    if (mount != null) {
      new ProcessBuilder("umount", "-l", mount.toString()).inheritIO().start().waitFor();
    }
  }

  @Test
  void unwritableFileAndFolderAreReportedAndNothingConfirmedIsLost() throws Exception {
    assumeTrue(!isRoot() || Files.isExecutable(Path.of("/usr/bin/setpriv")), "needs setpriv");
    Path data = Files.createDirectories(dir.resolve("data"));
    Path db = data.resolve("bot.db");
    int port = freePort();
    List<String> sent = new ArrayList<>(List.of("/start", "yes"));

    // 1. Running, then the file and its folder lose write permission.
    bot = launch(db, port, 1);
    api.userSendsCommand(CHAT, "/start");
    api.userSends(CHAT, "yes");
    awaitText("Question 1 of");
    assertEquals(200, health(port).statusCode());
    Files.setPosixFilePermissions(db, PosixFilePermissions.fromString("r--------"));
    Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("r-x------"));
    HttpResponse<String> readOnly = awaitHealth(port, 503);
    assertTrue(readOnly.body().contains(db.toString()), readOnly.body());
    assertTrue(readOnly.body().contains("not writable"), readOnly.body());
    // The open file still takes writes: an answer now is applied, not lost.
    answer(TelegramBotTest.DESK[0], "Question 2 of", sent);

    // 2. Restarted while the file cannot be written: it waits, reports, and confirms nothing.
    bot.destroy();
    assertTrue(bot.waitFor(20, TimeUnit.SECONDS));
    for (int i = 1; i <= 3; i++) {
      api.userSends(CHAT, TelegramBotTest.DESK[i]);
      sent.add(TelegramBotTest.DESK[i]);
    }
    bot = launch(db, port, 2);
    HttpResponse<String> cannotOpen = awaitHealth(port, 503);
    assertTrue(cannotOpen.body().contains("cannot open database " + db), cannotOpen.body());
    Thread.sleep(2_000);
    assertEquals(3, api.pendingUpdates(), "nothing is taken from Telegram meanwhile");
    String log = Files.readString(dir.resolve("bot-2.log"));
    assertTrue(log.contains("cannot open database " + db), log);
    assertTrue(log.contains("Waiting for it to take writes"), log);

    // 3. The permissions are fixed: it starts serving and applies what waited.
    Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwx------"));
    Files.setPosixFilePermissions(db, PosixFilePermissions.fromString("rw-------"));
    awaitHealth(port, 200);
    awaitText("Question 5 of");
    assertTrue(api.await(() -> api.pendingUpdates() == 0, Duration.ofSeconds(15)));
    bot.destroy();
    assertTrue(bot.waitFor(20, TimeUnit.SECONDS));
    assertAppliedOnce(db, sent);
    System.out.printf(
        "disk drill: read-only file and folder while running -> /healthz 503 (%s), an answer"
            + " sent meanwhile was applied; restart while read-only -> /healthz 503 (%s), 3"
            + " updates left unconfirmed; permissions fixed -> healthy, all %d updates applied"
            + " once%n",
        readOnly.body().trim(), cannotOpen.body().trim(), sent.size());
  }

  @Test
  void fullDiskIsReportedAndRecoveredWithoutLoss() throws Exception {
    assumeTrue(isRoot(), "mounting a small tmpfs needs root");
    Path small = Files.createDirectories(dir.resolve("small"));
    Process m =
        new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", small.toString())
            .redirectErrorStream(true)
            .start();
    assumeTrue(m.waitFor() == 0, "this machine does not allow a tmpfs mount");
    mount = small;
    List<String> sent = new ArrayList<>(List.of("/start", "yes"));
    try (BotHarness h = new BotHarness(api, small, BotHarness.fast())) {
      api.userSendsCommand(CHAT, "/start");
      api.userSends(CHAT, "yes");
      h.awaitText(CHAT, "Question 1 of");
      h.awaitIdle();
      Path filler = small.resolve("filler");
      fill(filler);

      // Long messages grow the store until a write no longer fits.
      String rant = "my lower back is stiff after sitting all day at work ".repeat(80);
      String problem = null;
      for (int i = 0; i < 200 && problem == null; i++) {
        api.userSends(CHAT, rant.substring(0, 3_900) + " " + i);
        sent.add(rant.substring(0, 3_900) + " " + i);
        Thread.sleep(50);
        problem = h.bot.health().storeError();
        if (problem == null) {
          problem = h.db.writeProblem();
        }
      }
      assertNotNull(problem, "a full disk shows up as a failing write");
      assertTrue(problem.contains("full"), problem);
      final String failing = problem;
      assertTrue(
          api.await(() -> h.db.writeProblem() != null, Duration.ofSeconds(10)),
          "health reports it: " + failing);
      // A message sent now cannot be applied: it waits unconfirmed at Telegram if the inbox write
      // failed, or stored and not yet applied if a later write did (which write hits the full disk
      // first depends on where SQLite finds room). Either way it is not lost (checked below).
      api.userSends(CHAT, "still there?");
      sent.add("still there?");
      java.util.function.IntSupplier waiting =
          () ->
              api.pendingUpdates()
                  + h.db.read(
                      tx -> tx.count("SELECT COUNT(*) FROM updates WHERE applied_at IS NULL"));
      assertTrue(
          api.await(() -> waiting.getAsInt() > 0, Duration.ofSeconds(10)),
          "updates that cannot be applied wait, unconfirmed or stored");
      int held = api.pendingUpdates();
      int stored = waiting.getAsInt() - held;

      Files.delete(filler);
      assertTrue(
          api.await(() -> h.db.writeProblem() == null, Duration.ofSeconds(15)), "health recovers");
      assertTrue(api.await(() -> api.pendingUpdates() == 0, Duration.ofSeconds(15)));
      h.awaitIdle();
      int applied =
          h.db.read(tx -> tx.count("SELECT COUNT(*) FROM updates WHERE applied_at IS NOT NULL"));
      assertEquals(sent.size(), applied, "every update applied once the disk has room");
      System.out.printf(
          "disk drill: disk full after %d messages (%s); %d updates held unconfirmed and %d"
              + " stored but not applied; all %d applied after space was freed%n",
          sent.size(), failing, held, stored, applied);
    }
  }

  private static void fill(Path filler) {
    byte[] chunk = new byte[64 * 1024];
    try (OutputStream out = Files.newOutputStream(filler)) {
      while (true) {
        out.write(chunk);
      }
    } catch (IOException e) {
      // no space left: the disk is full
    }
  }

  private void answer(String text, String expected, List<String> sent) {
    api.userSends(CHAT, text);
    sent.add(text);
    awaitText(expected);
  }

  private void awaitText(String text) {
    assertTrue(
        api.await(
            () ->
                api.sent(CHAT).stream().anyMatch(s -> s.text() != null && s.text().contains(text)),
            Duration.ofSeconds(20)),
        "a message with '" + text + "'");
  }

  private static void assertAppliedOnce(Path db, List<String> sent) {
    try (Database store = Database.open(db, Clock.systemUTC())) {
      int applied =
          store.read(tx -> tx.count("SELECT COUNT(*) FROM updates WHERE applied_at IS NOT NULL"));
      assertEquals(sent.size(), applied, "every update stored and applied");
      var state = store.read(tx -> new app.backcoach.chat.UserRepository().load(tx, CHAT));
      assertEquals(CrashRecoveryTest.replay(sent).answers(), state.answers());
    }
  }

  private HttpResponse<String> health(int port) {
    try {
      return http.send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz"))
              .timeout(Duration.ofSeconds(5))
              .build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  private HttpResponse<String> awaitHealth(int port, int status) {
    HttpResponse<String>[] last = new HttpResponse[1];
    boolean seen =
        api.await(
            () -> {
              last[0] = health(port);
              return last[0] != null && last[0].statusCode() == status;
            },
            Duration.ofSeconds(20));
    assertTrue(
        seen, "/healthz answers " + status + "; last: " + (last[0] == null ? "-" : last[0].body()));
    return last[0];
  }

  private Process launch(Path db, int port, int run) throws Exception {
    // Root ignores file permissions; without these two capabilities it obeys them like anyone.
    List<String> prefix =
        isRoot()
            ? List.of(
                "/usr/bin/setpriv",
                "--bounding-set",
                "-dac_override,-dac_read_search",
                "--inh-caps",
                "-dac_override,-dac_read_search")
            : List.of();
    return ChildBot.launch(
        api,
        db,
        dir.resolve("bot-" + run + ".log"),
        "INFO",
        prefix,
        Map.of("BACKCOACH_HTTP_PORT", String.valueOf(port)));
  }

  private static boolean isRoot() {
    try {
      return "0"
          .equals(
              new String(new ProcessBuilder("id", "-u").start().getInputStream().readAllBytes())
                  .trim());
    } catch (IOException e) {
      return false;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
