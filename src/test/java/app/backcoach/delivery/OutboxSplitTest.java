package app.backcoach.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.backcoach.reply.Button;
import app.backcoach.reply.Delivery;
import app.backcoach.reply.Reply;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutboxSplitTest {
  @Test
  void shortMessageStaysWhole() {
    Delivery d = Delivery.send(Reply.text("hello"));
    assertEquals(List.of(d), Outbox.split(d));
  }

  @Test
  void longMessageSplitsAtParagraphsWithButtonsOnTheLastPart() {
    String para = "word ".repeat(300).strip(); // 1,499 characters
    String text = String.join("\n\n", para, para, para, para); // about 6,000
    Reply r = Reply.withButtons(text, List.of(List.of(new Button("OK", "p"))));
    List<Delivery> parts = Outbox.split(Delivery.send(r));
    assertEquals(2, parts.size());
    assertTrue(parts.stream().allMatch(p -> p.reply().text().length() <= Outbox.MAX_TEXT));
    assertEquals(String.join("\n\n", para, para), parts.get(0).reply().text());
    assertTrue(parts.get(0).reply().buttons().isEmpty());
    assertEquals(r.buttons(), parts.get(1).reply().buttons());
  }

  @Test
  void unbrokenTextIsCutHardWithoutSplittingAnEmoji() {
    String text = "a" + "\uD83D\uDE00".repeat(3000); // 6,001 UTF-16 units
    List<String> parts = TextSplitter.split(text, 4096);
    assertEquals(text, String.join("", parts));
    assertTrue(parts.stream().allMatch(p -> p.length() <= 4096));
    assertTrue(parts.stream().noneMatch(p -> Character.isHighSurrogate(p.charAt(p.length() - 1))));
  }
}
