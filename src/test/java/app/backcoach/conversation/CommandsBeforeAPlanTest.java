package app.backcoach.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import app.backcoach.TestContent;
import app.backcoach.content.Msg;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CommandsBeforeAPlanTest {
  @ParameterizedTest
  @ValueSource(strings = {"/progress", "/export", "/checkin", "/reminders"})
  void aCommandFromTheMenuBeforeAPlanSaysHowToGetOneNotThatItIsUnknown(String command) {
    ChatDriver chat = new ChatDriver(41);
    chat.say(command);
    assertEquals(TestContent.bundle().text(Msg.NEEDS_PLAN), chat.firstText());
    assertFalse(chat.firstText().contains("don't know the command"));
  }
}
