package app.backcoach;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
  @TempDir Path dir;
  final ByteArrayOutputStream out = new ByteArrayOutputStream();
  final ByteArrayOutputStream err = new ByteArrayOutputStream();

  int run(Map<String, String> env, String input, String... args) {
    return Main.run(
        args,
        env,
        new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void helpListsTheSubcommands() {
    assertEquals(0, run(Map.of(), "", "--help"));
    assertTrue(out().contains("chat") && out().contains("bot") && out().contains("content check"));
  }

  @Test
  void versionNamesTheBuildAndItsCommit() {
    assertEquals(0, run(Map.of(), "", "--version"));
    assertTrue(out().startsWith("backcoach "), out());
    // The build writes the commit in (git-commit-id-maven-plugin); a checkout always has one.
    assertTrue(out().matches("(?s)backcoach \\S+ \\(commit [0-9a-f]{7,}.*"), out());
  }

  @Test
  void unknownArgumentsAreAUsageError() {
    assertEquals(2, run(Map.of(), "", "--frobnicate"));
    assertTrue(err().contains("unknown option --frobnicate"));
    assertEquals(2, run(Map.of(), "", "dance"));
    assertTrue(err().contains("unknown command 'dance'"));
    assertEquals(2, run(Map.of(), "", "--db"));
    assertTrue(err().contains("--db needs a value"));
  }

  @Test
  void malformedTokenNamesTheVariableWithoutPrintingIt() {
    assertEquals(2, run(Map.of("TELEGRAM_BOT_TOKEN", "secret-value"), "", "chat"));
    assertTrue(err().contains("TELEGRAM_BOT_TOKEN"));
    assertFalse(err().contains("secret-value"));
  }

  @Test
  void contentCheckPassesForThePackagedBundle() {
    assertEquals(0, run(Map.of(), "", "content", "check"));
    assertTrue(out().contains("is valid"));
  }

  @Test
  void contentCheckListsProblemsAsFileEntryFieldMessage() throws Exception {
    Path bundle = dir.resolve("bundle");
    Files.createDirectories(bundle);
    for (String f :
        new String[] {
          "mistakes.yaml",
          "exercises.yaml",
          "routines.yaml",
          "guidance.yaml",
          "safety.yaml",
          "onboarding.yaml",
          "messages.yaml",
          "places.yaml",
          "synonyms.yaml",
          "examples.yaml"
        }) {
      byte[] bytes = app.backcoach.content.ContentSource.packaged().read(f);
      Files.write(bundle.resolve(f), bytes);
    }
    Path mistakes = bundle.resolve("mistakes.yaml");
    Files.writeString(
        mistakes,
        Files.readString(mistakes).replaceFirst("exercises: \\[", "exercises: [no_such_move, "));
    assertEquals(1, run(Map.of(), "", "content", "check", bundle.toString()));
    assertTrue(
        out().contains("mistakes.yaml: weak_core: exercises: unknown exercise 'no_such_move'"),
        out());
  }

  @Test
  void startupRefusesABrokenBundle() {
    assertEquals(1, run(Map.of(), "", "--content", dir.resolve("missing").toString(), "chat"));
    assertTrue(err().contains("refusing to start"), err());
  }

  @Test
  void consoleChatRunsAWholeOnboardingToAPlanFromPipedInput() throws Exception {
    Path db = dir.resolve("data/bc.db");
    String script = "1\n" + String.join("\n", ConsoleScript.DESK_WORKER) + "\n";
    assertEquals(0, run(Map.of(), script, "--db", db.toString()));
    String printed = out();
    assertTrue(printed.contains("not a doctor"), "disclaimer shown");
    assertTrue(printed.contains("Your plan starts with"), printed);
    assertTrue(printed.contains("Sitting badly for hours"), printed);
    assertTrue(printed.matches("(?s).*\\n  \\[1\\] .*"), "buttons print as numbered lines");
    assertTrue(printed.strip().endsWith("Bye! Your progress is saved."));

    // The database is consistent: a second run finds the plan and offers it.
    out.reset();
    assertEquals(0, run(Map.of(), "1\n", "--db", db.toString(), "chat"));
    assertTrue(out().contains("Welcome back"), out());
    assertTrue(out().contains("Your plan starts with"), out());
  }

  @Test
  void quitCommandEndsTheChatCleanly() {
    Path db = dir.resolve("bc.db");
    assertEquals(
        0, run(Map.of(), "1\ndesk\n/quit\nthis is never read\n", "--db", db.toString(), "chat"));
    assertTrue(out().contains("Question 2 of"), out());
  }

  @Test
  void consoleCheckInAndProgressWriteTheChartToAFile() throws Exception {
    Path db = dir.resolve("data/bc.db");
    String script =
        "1\n"
            + String.join("\n", ConsoleScript.DESK_WORKER)
            + "\nNot now\n/checkin\n3 out of 10\n2 sessions\nabout right\nnone of these\n/progress\n";
    assertEquals(0, run(Map.of(), script, "--db", db.toString()));
    String printed = out();
    assertTrue(printed.contains("Thanks for checking in (pain 3/10, 2 sessions)"), printed);
    Path png = dir.resolve("data/progress-1.png");
    assertTrue(printed.contains("Chart saved to " + png.toAbsolutePath()), printed);
    byte[] bytes = Files.readAllBytes(png);
    assertEquals((byte) 0x89, bytes[0]);
    assertEquals('P', bytes[1]);
  }

  @Test
  void backupCommandCopiesTheDatabase() throws Exception {
    Path db = dir.resolve("data/bc.db");
    assertEquals(0, run(Map.of(), "1\nI work at a desk\n", "--db", db.toString(), "chat"));
    Path copy = dir.resolve("copy.db");
    assertEquals(0, run(Map.of(), "", "--db", db.toString(), "backup", copy.toString()));
    assertTrue(Files.size(copy) > 0);
    assertEquals(
        1, run(Map.of(), "", "--db", db.toString(), "backup", copy.toString()), "never overwrites");
    assertTrue(err().contains("already exists"), err());
  }

  @Test
  void backupOfAMistypedDatabaseFailsInsteadOfCopyingANewEmptyOne() throws Exception {
    Path missing = dir.resolve("data/typo.db");
    Path copy = dir.resolve("copy.db");
    assertEquals(1, run(Map.of(), "", "--db", missing.toString(), "backup", copy.toString()));
    assertTrue(err().contains("no database at " + missing.toAbsolutePath()), err());
    assertFalse(Files.exists(missing), "nothing created");
    assertFalse(Files.exists(copy));
  }

  @Test
  void aWebhookUrlWithoutItsSecretStopsStartUpWithOneLineNamingTheVariable() {
    int code =
        run(
            Map.of(
                "TELEGRAM_BOT_TOKEN", "123456:ABCDEFGHIJKLMNOPQRSTUVWXYZabcd",
                "BACKCOACH_WEBHOOK_URL", "https://bot.example.com/telegram"),
            "",
            "--db",
            dir.resolve("data/hook.db").toString(),
            "bot");
    assertEquals(2, code, err());
    assertTrue(
        err().startsWith("backcoach: configuration error: BACKCOACH_WEBHOOK_SECRET is required"),
        err());
    assertEquals(1, err().strip().lines().count(), err());
  }

  @Test
  void aWebhookPortInUseStopsTheBotWithOneLine() throws Exception {
    try (var taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
      int code =
          run(
              Map.of(
                  "TELEGRAM_BOT_TOKEN", "123456:ABCDEFGHIJKLMNOPQRSTUVWXYZabcd",
                  "TELEGRAM_API_URL", "http://127.0.0.1:1",
                  "BACKCOACH_WEBHOOK_URL", "https://bot.example.com/telegram",
                  "BACKCOACH_WEBHOOK_SECRET", "s3cret",
                  "BACKCOACH_WEBHOOK_PORT", String.valueOf(taken.getLocalPort()),
                  "BACKCOACH_MEANING", "off"),
              "",
              "--db",
              dir.resolve("data/hook-port.db").toString(),
              "bot");
      assertEquals(4, code, err());
      assertTrue(
          err().contains("cannot listen on 127.0.0.1:" + taken.getLocalPort() + " for the webhook"),
          err());
      assertFalse(err().contains("\tat "), "no stack trace: " + err());
      assertFalse(err().contains("s3cret"), err());
    }
  }

  @Test
  void aSecondProcessOnTheSameDatabaseExitsWithOneClearLine() throws Exception {
    Path db = dir.resolve("data/one.db");
    assertEquals(0, run(Map.of(), "1\n", "--db", db.toString(), "chat"));
    try (var held = app.backcoach.storage.ProcessLock.acquire(db)) {
      assertEquals(3, run(Map.of(), "1\n", "--db", db.toString(), "chat"));
      assertTrue(err().contains("another backcoach process"), err());
      assertTrue(err().contains(db.toAbsolutePath().toString()), err());
    }
  }

  @Test
  void aHealthPortInUseStopsTheBotWithOneLine() throws Exception {
    try (var taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
      Path db = dir.resolve("data/port.db");
      int code =
          run(
              Map.of(
                  "TELEGRAM_BOT_TOKEN", "123456:ABCDEFGHIJKLMNOPQRSTUVWXYZabcd",
                  "TELEGRAM_API_URL", "http://127.0.0.1:1",
                  "BACKCOACH_HTTP_PORT", String.valueOf(taken.getLocalPort()),
                  "BACKCOACH_MEANING", "off"),
              "",
              "--db",
              db.toString(),
              "bot");
      assertEquals(4, code, err());
      assertTrue(err().contains("cannot listen on 127.0.0.1:" + taken.getLocalPort()), err());
      assertFalse(err().contains("\tat "), "no stack trace: " + err());
    }
  }

  @Test
  void adminsGetStatsAndEveryoneElseAnUnknownCommand() throws Exception {
    Path dbFile = dir.resolve("s.db");
    var clock = java.time.Clock.systemUTC();
    try (var db = app.backcoach.storage.Database.open(dbFile, clock)) {
      var content = TestContent.bundle();
      var chat =
          new app.backcoach.chat.ChatService(
              db,
              new app.backcoach.conversation.Engine(content),
              content,
              clock,
              java.util.Set.of(42L));
      db.write(
          tx ->
              new app.backcoach.storage.Quarantine()
                  .add(
                      tx,
                      app.backcoach.storage.Quarantine.Kind.OUTBOX,
                      9,
                      7L,
                      "does not decode",
                      null,
                      "{}",
                      clock.instant()));
      chat.handle(42, new app.backcoach.conversation.Event.Command("stats", ""));
      chat.handle(43, new app.backcoach.conversation.Event.Command("stats", ""));
      var outbox = new app.backcoach.delivery.Outbox();
      String admin = db.read(tx -> outbox.pendingFor(tx, 42)).get(0).delivery().reply().text();
      String other = db.read(tx -> outbox.pendingFor(tx, 43)).get(0).delivery().reply().text();
      assertTrue(admin.startsWith("Users: "), admin);
      assertTrue(admin.contains("Quarantine: 1 item set aside and not replayed, 1 today"), admin);
      assertTrue(other.contains("I don't know the command /stats"), other);
    }
  }

  @Test
  void aDamagedDatabaseStopsWithOneLineAndItsOwnExitCode() throws Exception {
    Path db = dir.resolve("data/damaged.db");
    Files.createDirectories(db.getParent());
    Files.writeString(db, "this was a database before the disk failed\n".repeat(200));
    assertEquals(6, run(Map.of(), "", "--db", db.toString(), "chat"), err());
    assertTrue(err().contains("the database file is damaged"), err());
    assertTrue(err().contains(db.toAbsolutePath().toString()), err());
    assertEquals(1, err().strip().lines().count(), "one line: " + err());
  }

  @Test
  void theQuarantineIsListedShownAndReplayedOnce() throws Exception {
    Path file = dir.resolve("q.db");
    try (var db = app.backcoach.storage.Database.open(file, java.time.Clock.systemUTC())) {
      db.write(
          tx -> {
            tx.update(
                "INSERT INTO updates (update_id, chat_id, received_at, applied_at, error)"
                    + " VALUES (42, 7, 'x', 'x', 'quarantined: DatabaseException')");
            return new app.backcoach.storage.Quarantine()
                .add(
                    tx,
                    app.backcoach.storage.Quarantine.Kind.UPDATE,
                    42,
                    7L,
                    "DatabaseException: stored JSON is not a Inbound",
                    new IllegalStateException("trace me"),
                    "{\"updateId\":42}",
                    java.time.Instant.parse("2026-03-02T08:00:00Z"));
          });
    }
    assertEquals(0, run(Map.of(), "", "--db", file.toString(), "quarantine", "list"), err());
    assertTrue(out().contains("update 42  chat 7  DatabaseException"), out());
    assertEquals(0, run(Map.of(), "", "--db", file.toString(), "quarantine", "show", "1"), err());
    assertTrue(out().contains("trace me"), "the stack trace is shown: " + out());
    assertEquals(0, run(Map.of(), "", "--db", file.toString(), "quarantine", "replay", "1"));
    assertTrue(out().contains("update 42 is pending again"), out());
    try (var db = app.backcoach.storage.Database.open(file, java.time.Clock.systemUTC())) {
      assertEquals(1, (int) db.read(tx -> new app.backcoach.chat.UpdateInbox().pendingCount(tx)));
    }
    assertEquals(1, run(Map.of(), "", "--db", file.toString(), "quarantine", "replay", "1"));
    assertTrue(err().contains("was replayed at"), err());
    assertEquals(2, run(Map.of(), "", "--db", file.toString(), "quarantine", "replay", "x"));
  }

  @Test
  void anotherProcessPollingTheSameTokenStopsTheBotWithOneLineAndItsOwnExitCode() throws Exception {
    // A Bot API that answers every getUpdates with 409 Conflict, as Telegram does while another
    // process polls the same token.
    var api =
        com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 8);
    api.createContext(
        "/",
        ex -> {
          String path = ex.getRequestURI().getPath().toLowerCase(java.util.Locale.ROOT);
          boolean poll = path.endsWith("/getupdates");
          byte[] body =
              (poll
                      ? "{\"ok\":false,\"error_code\":409,\"description\":\"Conflict: terminated by"
                          + " other getUpdates request\"}"
                      : path.endsWith("/getme")
                          ? "{\"ok\":true,\"result\":{\"id\":1,\"is_bot\":true,\"first_name\":\"b\","
                              + "\"username\":\"b\"}}"
                          : "{\"ok\":true,\"result\":true}")
                  .getBytes(StandardCharsets.UTF_8);
          ex.getResponseHeaders().set("Content-Type", "application/json");
          ex.sendResponseHeaders(poll ? 409 : 200, body.length);
          ex.getResponseBody().write(body);
          ex.close();
        });
    api.start();
    try {
      int code =
          run(
              Map.of(
                  "TELEGRAM_BOT_TOKEN", "123456:ABCDEFGHIJKLMNOPQRSTUVWXYZabcd",
                  "TELEGRAM_API_URL", "http://127.0.0.1:" + api.getAddress().getPort(),
                  "BACKCOACH_POLL_TIMEOUT", "1",
                  "BACKCOACH_MEANING", "off"),
              "",
              "--db",
              dir.resolve("data/conflict.db").toString(),
              "bot");
      assertEquals(5, code, err());
      assertTrue(err().contains("another process is polling this bot token"), err());
      assertFalse(err().contains("\tat "), "no stack trace: " + err());
    } finally {
      api.stop(0);
    }
  }

  @Test
  void theServiceDoesNotRestartOnAnyExitCodeThatNeedsAFixFirst() throws Exception {
    String unit = Files.readString(Path.of("deploy/backcoach.service"));
    String line =
        unit.lines()
            .filter(l -> l.startsWith("RestartPreventExitStatus="))
            .findFirst()
            .orElseThrow();
    java.util.Set<String> codes =
        java.util.Set.of(line.substring(line.indexOf('=') + 1).trim().split("\\s+"));
    for (int code :
        new int[] {Main.USAGE, Main.LOCKED, Main.PORT_IN_USE, Main.CONFLICT, Main.CORRUPT}) {
      assertTrue(codes.contains(String.valueOf(code)), code + " missing from " + line);
    }
    String compose = Files.readString(Path.of("deploy/docker-compose.yml"));
    assertTrue(compose.contains("Exit codes 2-6"), "the compose file documents them");
  }

  @Test
  void anEmptyTokenInTheEnvironmentFileStopsTheBotWithOneLine() {
    Path db = dir.resolve("data/empty-token.db");
    assertEquals(2, run(Map.of("TELEGRAM_BOT_TOKEN", ""), "", "--db", db.toString(), "bot"));
    assertTrue(err().contains("bot mode needs TELEGRAM_BOT_TOKEN"), err());
  }
}
