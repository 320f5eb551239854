package app.backcoach.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.spy;

import app.backcoach.ConsoleScript;
import app.backcoach.TestClock;
import app.backcoach.TestContent;
import app.backcoach.content.Msg;
import app.backcoach.conversation.Engine;
import app.backcoach.conversation.Event;
import app.backcoach.conversation.Inputs;
import app.backcoach.delivery.Outbox;
import app.backcoach.reply.Delivery;
import app.backcoach.storage.Database;
import app.backcoach.storage.Quarantine;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UpdateProcessorTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-03-02T08:00:00Z"), ZoneOffset.UTC);

  /** The fixed clock of these tests, for other tests of the package. */
  static final Clock CLOCK_FOR_TESTS = CLOCK;

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
    try (Database db = app.backcoach.TestDatabases.open(file, CLOCK)) {
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
    try (Database db = app.backcoach.TestDatabases.open(dir.resolve("bot.db"), CLOCK)) {
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
  void anUpdateThatKeepsFailingIsRetriedThenQuarantinedWithOneApologyWhileOtherChatsFlow() {
    int chats = 4;
    List<Inbound> updates = backlog(chats).subList(0, 3 * chats);
    TestClock clock = new TestClock(CLOCK.instant());
    try (Database db = app.backcoach.TestDatabases.open(dir.resolve("bot.db"), clock)) {
      store(db, updates);
      ChatService chat = spy(chatService(db));
      doThrow(new IllegalStateException("boom"))
          .when(chat)
          .apply(any(), eq(3L), eq(Inputs.parse("/start")), any(Origin.class));
      UpdateProcessor processor =
          new UpdateProcessor(db, chat, TestContent.bundle(), clock, () -> {});
      processor.applyPending();
      assertEquals(
          List.of(3L, 7L, 11L),
          pendingIds(db),
          "chat 3 waits for the retry, in order; the others were applied");
      assertEquals(List.of(), queued(db, 3), "no apology before the last attempt");

      clock.advance(Duration.ofMillis(999));
      assertEquals(0, processor.applyPending(), "the retry is not due yet");
      clock.advance(Duration.ofMillis(1));
      processor.applyPending(); // second attempt fails: 4 s more
      assertEquals(List.of(3L, 7L, 11L), pendingIds(db));
      clock.advance(Duration.ofSeconds(4));
      processor.applyPending(); // third attempt fails: quarantined; chat 3 flows again

      assertEquals(List.of(), pendingIds(db));
      var entries = db.read(tx -> new Quarantine().open(tx));
      assertEquals(1, entries.size());
      assertEquals(Quarantine.Kind.UPDATE, entries.get(0).kind());
      assertEquals(3L, entries.get(0).itemId());
      assertTrue(entries.get(0).reason().contains("boom"), entries.get(0).reason());
      String shown = db.read(tx -> new Quarantine().describe(tx, entries.get(0).id()));
      assertTrue(shown.contains("UpdateProcessor"), "the stack trace is kept: " + shown);
      assertEquals(1, processor.quarantinedCounter().get());
      assertEquals(2, processor.retriedCounter().get());
      String sorry = TestContent.bundle().text(Msg.INTERNAL_ERROR);
      List<String> toChat3 = queued(db, 3).stream().map(d -> d.reply().text()).toList();
      assertEquals(sorry, toChat3.get(0), "one apology, first");
      assertEquals(1, toChat3.stream().filter(sorry::equals).count(), "and only one");

      List<Inbound> others = updates.stream().filter(u -> u.chatId() != 3).toList();
      List<List<Delivery>> expected = oneByOne(dir.resolve("replay.db"), others, chats);
      for (long c : new long[] {1, 2, 4}) {
        assertEquals(expected.get((int) c - 1), queued(db, c), "chat " + c);
      }
    }
  }

  @Test
  void aStoredUpdateThatNoLongerDecodesIsQuarantinedAndTheRestFlow() {
    List<Inbound> updates = backlog(2).subList(0, 4);
    TestClock clock = new TestClock(CLOCK.instant());
    try (Database db = app.backcoach.TestDatabases.open(dir.resolve("bot.db"), clock)) {
      store(db, updates);
      db.write(tx -> tx.update("UPDATE updates SET body = '{\"updateId\": [' WHERE update_id = 1"));
      UpdateProcessor processor =
          new UpdateProcessor(db, chatService(db), TestContent.bundle(), clock, () -> {});
      for (int i = 0; i < 3; i++) {
        processor.applyPending();
        clock.advance(Duration.ofSeconds(5));
      }
      assertEquals(List.of(), pendingIds(db));
      assertEquals(1, (int) db.read(tx -> new Quarantine().openCount(tx)));
      assertEquals(
          "quarantined: DatabaseException",
          db.read(
              tx ->
                  tx.one("SELECT error FROM updates WHERE update_id = 1", rs -> rs.getString(1))
                      .orElse("")));
      assertEquals(
          TestContent.bundle().text(Msg.INTERNAL_ERROR),
          queued(db, 1).get(0).reply().text(),
          "its chat (known from the row) gets the apology");
      assertTrue(queued(db, 2).size() >= 2, "the other chat was answered");
    }
  }

  @Test
  void aStoreThatFailsForEveryoneHoldsUpdatesWithoutQuarantiningThem() throws Exception {
    List<Inbound> updates = backlog(2).subList(0, 4);
    try (Database db = app.backcoach.TestDatabases.open(dir.resolve("bot.db"), CLOCK)) {
      store(db, updates);
      ChatService chat = spy(chatService(db));
      doThrow(
              new app.backcoach.storage.DatabaseException(
                  "disk full",
                  new org.sqlite.SQLiteException("full", org.sqlite.SQLiteErrorCode.SQLITE_FULL)))
          .when(chat)
          .apply(any(), any(Long.class), any(Event.class), any(Origin.class));
      UpdateProcessor processor =
          new UpdateProcessor(db, chat, TestContent.bundle(), CLOCK, () -> {});
      for (int i = 0; i < 5; i++) {
        assertThrows(app.backcoach.storage.DatabaseException.class, processor::applyPending);
      }
      assertEquals(List.of(1L, 2L, 3L, 4L), pendingIds(db), "all held, none lost");
      assertEquals(0, (int) db.read(tx -> new Quarantine().openCount(tx)));
    }
  }

  private static List<Long> pendingIds(Database db) {
    return db.read(
        tx ->
            tx.query(
                "SELECT update_id FROM updates WHERE applied_at IS NULL ORDER BY update_id",
                rs -> rs.getLong(1)));
  }
}
