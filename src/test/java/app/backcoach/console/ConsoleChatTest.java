package app.backcoach.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.backcoach.TestContent;
import app.backcoach.chat.ChatService;
import app.backcoach.conversation.Engine;
import app.backcoach.delivery.Outbox;
import app.backcoach.storage.Database;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConsoleChatTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-03-02T08:00:00Z"), ZoneOffset.UTC);
  @TempDir Path dir;

  private String chat(Database db, String input) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ChatService chat =
        new ChatService(db, new Engine(TestContent.bundle()), TestContent.bundle(), CLOCK);
    int code =
        new ConsoleChat(
                chat,
                db,
                CLOCK,
                new BufferedReader(new StringReader(input)),
                new PrintStream(bytes, true, StandardCharsets.UTF_8),
                1,
                "Chart saved to {path}")
            .run();
    assertEquals(0, code);
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void buttonsCanBeChosenByNumberOrByText() throws Exception {
    try (Database db = Database.open(dir.resolve("c.db"), CLOCK)) {
      String out = chat(db, "yes, store my answers\n1\n");
      assertTrue(out.contains("Question 2 of"), out);
    }
  }

  @Test
  void everyDecidedReplyIsPrintedAndMarkedSent() throws Exception {
    try (Database db = Database.open(dir.resolve("c.db"), CLOCK)) {
      chat(db, "1\ndesk\n/help\n");
      assertEquals(0, (int) db.read(tx -> new Outbox().depth(tx)));
    }
  }

  @Test
  void staleButtonNumberPrintsANotice() throws Exception {
    try (Database db = Database.open(dir.resolve("c.db"), CLOCK)) {
      // "2" on the consent message declines; the next "1" taps "yes" on a message that is no longer
      // current.
      String out = chat(db, "2\n1\n");
      assertTrue(out.contains("(That button belongs to an earlier message"), out);
    }
  }

  @Test
  void aTypedNumberIsAValueWhereTheOptionsAreNumbersNotAButtonIndex() throws Exception {
    try (Database db = Database.open(dir.resolve("c.db"), CLOCK)) {
      // consent, desk, 9 hours, then "4" training days: the fourth button would be "5 or more".
      chat(db, "1\n1\n9\n4\n");
      var answers =
          db.read(
              tx ->
                  tx.query(
                      "SELECT options FROM answers WHERE chat_id = 1 AND question_id ="
                          + " 'training_days'",
                      r -> r.getString("options")));
      assertTrue(answers.toString().contains("d3_4"), answers.toString());
    }
  }
}
