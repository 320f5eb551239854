package app.backcoach.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.telegram.telegrambots.meta.api.objects.MessageEntity;

class UpdateMapperTest {
  private static MessageEntity bold(int offset, int length) {
    return MessageEntity.builder().type("bold").offset(offset).length(length).build();
  }

  @Test
  void aBoldTitleAfterABlankLineStartsAPartAgain() {
    String text = "Sorry, no match.\n\nQuestion 1 of 20\nWhich?\n\nTip: tap\n\nQuestion 2\nMore";
    int q1 = text.indexOf("Question 1");
    int q2 = text.indexOf("Question 2");
    String parts =
        UpdateMapper.withParts(
            text,
            List.of(
                bold(q2, 10),
                bold(q1, 16),
                bold(0, 5),
                MessageEntity.builder()
                    .type("italic")
                    .offset(text.indexOf("Tip"))
                    .length(3)
                    .build()));
    assertEquals(
        "Sorry, no match.\u2029Question 1 of 20\nWhich?\n\nTip: tap\u2029Question 2\nMore", parts);
    assertEquals(text, UpdateMapper.withParts(text, null));
    assertEquals(text, UpdateMapper.withParts(text, List.of()));
    // Offsets past the end or without a blank line before them change nothing.
    assertEquals(text, UpdateMapper.withParts(text, List.of(bold(text.length() + 5, 1))));
    assertEquals(text, UpdateMapper.withParts(text, List.of(bold(3, 2))));
  }
}
