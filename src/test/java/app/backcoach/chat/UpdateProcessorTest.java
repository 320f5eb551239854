package app.backcoach.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.spy;

import app.backcoach.ConsoleScript;
import app.backcoach.TestContent;
import app.backcoach.content.Msg;
import app.backcoach.conversation.Engine;
import app.backcoach.conversation.Event;
import app.backcoach.conversation.Inputs;
import app.backcoach.delivery.Delivery;
import app.backcoach.storage.Database;
import app.backcoach.storage.Outbox;
import app.backcoach.storage.UpdateInbox;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UpdateProcessorTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-03-02T08:00:00Z"), ZoneOffset.UTC);
  @TempDir Path dir;

  /** Onboarding lines of {@code chats} chats, interleaved: update ids 1, 2, 3, ... */
  static List<Inbound> backlog(int chats) {
    List<String> lines = new ArrayList<>(List.of("/start", "yes"));
    lines.addAll(List.of(ConsoleScript.DESK_WORKER));
    List<Inbound> out = new ArrayList<>();
    long id = 1;
    for (String line : lines) {
      for (long chat = 1; chat <= chats; chat++) {
        out.add(new Inbound(id++, chat, true, Inputs.parse(line), Origin.NONE));
      }
    }
    return out;
  }

  static ChatService chatService(Database db) {
    return new ChatService(db, new Engine(TestContent.bundle()), TestContent.bundle(), CLOCK);
  }

  static List<Delivery> queued(Database db, long chat) {
    return db.read(tx -> new Outbox().pendingFor(tx, chat)).stream()
        .map(Outbox.Item::delivery)
        .toList();
  }

  static void store(Database db, List<Inbound> updates) {
    db.write(tx -> new UpdateInbox().store(tx, updates, CLOCK.instant()));
  }

  /** What applying the updates one at a time, each in its own transaction, leaves per chat. */
  static List<List<Delivery>> oneByOne(Path file, List<Inbound> updates, int chats) {
    try (Database db = Database.open(file, CLOCK)) {
      ChatService chat = chatService(db);
      for (Inbound u : updates) {
        chat.handle(u.chatId(), u.event());
      }
      List<List<Delivery>> out = new ArrayList<>();
      for (long c = 1; c <= chats; c++) {
        out.add(queued(db, c));
      }
      return out;
    }
  }

  @Test
  void aBacklogAppliedInGroupsEndsExactlyAsAppliedOneByOne() {
    int chats = 7;
    List<Inbound> updates = backlog(chats);
    try (Database db = Database.open(dir.resolve("bot.db"), CLOCK)) {
      store(db, updates);
      UpdateProcessor processor =
          new UpdateProcessor(db, chatService(db), TestContent.bundle(), CLOCK, () -> {});
      assertEquals(updates.size(), processor.applyPending());
      assertEquals(0, processor.applyPending(), "each update is applied once");
      assertEquals(0, (int) db.read(tx -> new UpdateInbox().pendingCount(tx)));
      List<List<Delivery>> expected = oneByOne(dir.resolve("replay.db"), updates, chats);
      for (long c = 1; c <= chats; c++) {
        assertEquals(expected.get((int) c - 1), queued(db, c), "chat " + c);
      }
    }
  }

  @Test
  void anUpdateThatFailsInAGroupGetsTheApologyAndTheOthersAreApplied() {
    int chats = 4;
    List<Inbound> updates = backlog(chats).subList(0, 3 * chats);
    try (Database db = Database.open(dir.resolve("bot.db"), CLOCK)) {
      store(db, updates);
      ChatService chat = spy(chatService(db));
      doThrow(new IllegalStateException("boom"))
          .when(chat)
          .apply(any(), eq(3L), any(Event.class), any(Origin.class));
      UpdateProcessor processor =
          new UpdateProcessor(db, chat, TestContent.bundle(), CLOCK, () -> {});
      assertEquals(updates.size(), processor.applyPending());
      List<String> errors =
          db.read(
              tx ->
                  tx.query(
                      "SELECT COALESCE(error, '-') FROM updates ORDER BY update_id",
                      rs -> rs.getString(1)));
      for (int i = 0; i < updates.size(); i++) {
        long c = updates.get(i).chatId();
        assertEquals(c == 3 ? "IllegalStateException" : "-", errors.get(i), "update " + (i + 1));
      }
      String sorry = TestContent.bundle().text(Msg.INTERNAL_ERROR);
      assertEquals(
          List.of(sorry, sorry, sorry), queued(db, 3).stream().map(d -> d.reply().text()).toList());
      List<Inbound> others = updates.stream().filter(u -> u.chatId() != 3).toList();
      List<List<Delivery>> expected = oneByOne(dir.resolve("replay.db"), others, chats);
      for (long c : new long[] {1, 2, 4}) {
        assertEquals(expected.get((int) c - 1), queued(db, c), "chat " + c);
      }
    }
  }
}
