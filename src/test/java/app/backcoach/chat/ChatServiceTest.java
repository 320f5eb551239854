package app.backcoach.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.backcoach.TestContent;
import app.backcoach.conversation.Engine;
import app.backcoach.conversation.Event;
import app.backcoach.conversation.Stage;
import app.backcoach.storage.Database;
import app.backcoach.storage.Outbox;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChatServiceTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-03-02T08:00:00Z"), ZoneOffset.UTC);
  @TempDir Path dir;

  @Test
  void storesStateAndRepliesTogether() {
    try (Database db = Database.open(dir.resolve("bot.db"), CLOCK)) {
      ChatService chat =
          new ChatService(db, new Engine(TestContent.bundle()), TestContent.bundle(), CLOCK);
      var outcome = chat.handle(5, new Event.Command("start", ""));
      assertEquals(Stage.CONSENT, chat.state(5).stage());
      var queued = db.read(tx -> new Outbox().pendingFor(tx, 5));
      assertEquals(outcome.replies().size(), queued.size());
      assertEquals(outcome.replies().get(0), queued.get(0).delivery().reply());
    }
  }

  @Test
  void chatsAreKeptApart() {
    try (Database db = Database.open(dir.resolve("bot.db"), CLOCK)) {
      ChatService chat =
          new ChatService(db, new Engine(TestContent.bundle()), TestContent.bundle(), CLOCK);
      chat.handle(5, new Event.Command("start", ""));
      chat.handle(5, new Event.Tap("c:y"));
      chat.handle(6, new Event.Command("start", ""));
      assertEquals(Stage.ASKING, chat.state(5).stage());
      assertEquals(Stage.CONSENT, chat.state(6).stage());
      assertTrue(
          db.read(tx -> new Outbox().pendingFor(tx, 6)).stream().noneMatch(i -> i.chatId() != 6));
    }
  }

  @Test
  void failingStorageStoresNeitherStateNorReplies() {
    try (Database db = Database.open(dir.resolve("bot.db"), CLOCK)) {
      ChatService chat =
          new ChatService(db, new Engine(TestContent.bundle()), TestContent.bundle(), CLOCK);
      // A trigger that makes the outbox insert fail after the user rows were written in the same
      // transaction.
      db.write(
          tx ->
              tx.update(
                  "CREATE TRIGGER fail_outbox BEFORE INSERT ON outbox BEGIN SELECT RAISE(ABORT, 'disk says no'); END"));
      try {
        chat.handle(5, new Event.Command("start", ""));
      } catch (RuntimeException expected) {
        assertTrue(expected.getMessage().contains("disk says no"), expected.getMessage());
      }
      assertEquals(Stage.NEW, chat.state(5).stage());
      assertEquals(0, (int) db.read(tx -> tx.count("SELECT COUNT(*) FROM users")));
    }
  }
}
