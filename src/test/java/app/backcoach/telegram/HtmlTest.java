package app.backcoach.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;

import app.backcoach.reply.Reply;
import org.junit.jupiter.api.Test;

class HtmlTest {
  @Test
  void eachPartOfAJoinedMessageKeepsItsOwnBoldTitle() {
    Reply joined =
        Reply.text("Got it: Europe/Berlin <3")
            .then(Reply.text("Question 8 of 20\nWhere does it hurt & when?"));
    assertEquals(
        "Got it: Europe/Berlin &lt;3\n\n<b>Question 8 of 20</b>\nWhere does it hurt &amp; when?",
        Html.render(joined));
    assertEquals("<b>Title</b>\nbody", Html.render(Reply.text("Title\nbody")));
    assertEquals("one line", Html.render(Reply.text("one line")));
  }
}
