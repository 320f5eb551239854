package app.backcoach.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.backcoach.TestContent;
import app.backcoach.conversation.Engine;
import app.backcoach.conversation.Event;
import app.backcoach.conversation.Stage;
import app.backcoach.delivery.Outbox;
import app.backcoach.reply.Button;
import app.backcoach.reply.Reply;
import app.backcoach.storage.Database;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChatServiceTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-03-02T08:00:00Z"), ZoneOffset.UTC);
  @TempDir Path dir;

  @Test
  void storesStateAndRepliesTogether() {
    try (Database db = app.backcoach.TestDatabases.open(dir.resolve("bot.db"), CLOCK)) {
      ChatService chat =
          new ChatService(db, new Engine(TestContent.bundle()), TestContent.bundle(), CLOCK);
      var outcome = chat.handle(5, new Event.Command("start", ""));
      assertEquals(Stage.CONSENT, chat.state(5).stage());
      var queued = db.read(tx -> new Outbox().pendingFor(tx, 5));
      // Welcome, the note and the consent question: three replies, one message ending with the
      // consent buttons.
      assertEquals(3, outcome.replies().size());
      assertEquals(1, queued.size());
      Reply sent = queued.get(0).delivery().reply();
      assertEquals(outcome.replies().stream().map(Reply::text).toList(), sent.parts());
      assertEquals(outcome.replies().get(2).buttons(), sent.buttons());
    }
  }

  @Test
  void repliesWithoutButtonsJoinTheReplyAfterThemWhileTheyFitOneMessage() {
    Reply a = Reply.text("Got it.");
    Reply b = Reply.text("Second\nline");
    Reply q = Reply.withButtons("Question\nWhich?", List.of(List.of(new Button("Yes", "y"))));
    Reply loc = new Reply("Share?", List.of(List.of(new Button("Here", "loc"))), true);

    List<Reply> one = ChatService.joined(List.of(a, b, q));
    assertEquals(1, one.size());
    assertEquals(List.of("Got it.", "Second\nline", "Question\nWhich?"), one.get(0).parts());
    assertEquals(q.buttons(), one.get(0).buttons());
    assertEquals("Got it.\n\nSecond\nline\n\nQuestion\nWhich?", one.get(0).shownText());

    // Buttons end a message; a last reply without buttons stays on its own; so does location.
    assertEquals(List.of(q, a), ChatService.joined(List.of(q, a)));
    List<Reply> withLocation = ChatService.joined(List.of(a, loc));
    assertEquals(1, withLocation.size());
    assertTrue(withLocation.get(0).requestLocation());
    assertEquals(List.of(q, q), ChatService.joined(List.of(q, q)));

    // Exactly 4096 characters once shown (a blank line for the break) still fit; one more does not.
    Reply long1 = Reply.text("x".repeat(2000));
    Reply fits = Reply.withButtons("y".repeat(4096 - 2002), q.buttons());
    assertEquals(1, ChatService.joined(List.of(long1, fits)).size());
    assertEquals(4096, ChatService.joined(List.of(long1, fits)).get(0).shownText().length());
    Reply tooLong = Reply.withButtons("y".repeat(4096 - 2001), q.buttons());
    assertEquals(List.of(long1, tooLong), ChatService.joined(List.of(long1, tooLong)));
  }

  @Test
  void chatsAreKeptApart() {
    try (Database db = app.backcoach.TestDatabases.open(dir.resolve("bot.db"), CLOCK)) {
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
    try (Database db = app.backcoach.TestDatabases.open(dir.resolve("bot.db"), CLOCK)) {
      ChatService chat =
          new ChatService(db, new Engine(TestContent.bundle()), TestContent.bundle(), CLOCK);
      // A trigger that makes the outbox insert fail after the user rows were written in the same
      // transaction.
      db.write(
          tx -> {
            app.backcoach.TestDatabases.failWhen(
                tx, "fail_outbox", "INSERT", "outbox", "TRUE", "disk says no");
            return null;
          });
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
