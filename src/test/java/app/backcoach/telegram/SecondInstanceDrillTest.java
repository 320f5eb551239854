package app.backcoach.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.backcoach.storage.Database;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The second-instance drill: while a bot serves a steady stream of messages, a second bot process
 * is started on the same database (as {@code docker compose exec backcoach java -jar ...} would).
 * It must exit at once with a line naming the database and the first process's pid, and the first
 * must apply every update exactly once.
 */
class SecondInstanceDrillTest {
  private static final List<Long> CHATS = List.of(7001L, 7002L, 7003L, 7004L);
  private static final int ROUNDS = 10;

  @TempDir Path dir;

  @Test
  void aSecondProcessOnTheDatabaseExitsAtOnceAndTheFirstAppliesEverythingOnce() throws Exception {
    Path db = dir.resolve("data/bot.db");
    Map<String, String> env = Map.of("BACKCOACH_MEANING", "off");
    try (FakeBotApi api = FakeBotApi.start()) {
      Process first = ChildBot.launch(api, db, dir.resolve("first.log"), "INFO", List.of(), env);
      Process second = null;
      try {
        for (long chat : CHATS) {
          api.userSendsCommand(chat, "/help");
        }
        assertTrue(
            api.await(
                () -> CHATS.stream().allMatch(c -> api.sent(c).size() == 1),
                Duration.ofSeconds(60)),
            "the first bot serves: " + Files.readString(dir.resolve("first.log")));
        long t0 = 0;
        for (int round = 1; round < ROUNDS; round++) {
          for (long chat : CHATS) {
            api.userSendsCommand(chat, "/help");
          }
          if (round == ROUNDS / 2) {
            t0 = System.nanoTime();
            second = ChildBot.launch(api, db, dir.resolve("second.log"), "INFO", List.of(), env);
          }
          Thread.sleep(100);
        }
        boolean exited = second.waitFor(60, TimeUnit.SECONDS);
        assertTrue(
            exited, "the second process exits: " + Files.readString(dir.resolve("second.log")));
        long exitMillis = (System.nanoTime() - t0) / 1_000_000;
        String secondLog = Files.readString(dir.resolve("second.log"));
        assertEquals(3, second.exitValue(), secondLog);
        String line =
            secondLog
                .lines()
                .filter(l -> l.contains("another backcoach process"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no clear line: " + secondLog));
        assertTrue(line.contains("(pid " + first.pid() + ")"), line);
        assertTrue(line.contains(db.toAbsolutePath().toString()), line);
        assertTrue(!secondLog.contains("\tat "), "no stack trace: " + secondLog);

        assertTrue(
            api.await(
                () -> CHATS.stream().allMatch(c -> api.sent(c).size() >= ROUNDS),
                Duration.ofSeconds(60)),
            "every /help answered");
        Thread.sleep(1_000); // time for a second application to show as an extra reply
        first.destroy();
        assertTrue(first.waitFor(30, TimeUnit.SECONDS));
        int replies = 0;
        for (long chat : CHATS) {
          assertEquals(ROUNDS, api.sent(chat).size(), "one reply per /help in chat " + chat);
          replies += api.sent(chat).size();
        }
        try (Database check = Database.open(db, Clock.systemUTC())) {
          int stored = check.read(tx -> tx.count("SELECT COUNT(*) FROM updates"));
          int applied =
              check.read(
                  tx -> tx.count("SELECT COUNT(*) FROM updates WHERE applied_at IS NOT NULL"));
          int failed =
              check.read(tx -> tx.count("SELECT COUNT(*) FROM updates WHERE error IS NOT NULL"));
          assertEquals(CHATS.size() * ROUNDS, stored);
          assertEquals(stored, applied);
          assertEquals(0, failed);
          System.out.printf(
              "second-instance drill: the second bot exited with code 3 after %d ms (\"%s\");"
                  + " the first applied %d updates once each and sent %d replies, 0 extra%n",
              exitMillis, line.substring(line.indexOf("another")), applied, replies);
        }
      } finally {
        first.destroyForcibly();
        if (second != null) {
          second.destroyForcibly();
        }
      }
    }
  }
}
