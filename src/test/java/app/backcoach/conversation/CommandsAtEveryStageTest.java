package app.backcoach.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.backcoach.TestContent;
import app.backcoach.content.Msg;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every command in the menu answers sensibly at every stage: it does its work, or says what to do
 * first; never "I don't know the command" and never nothing.
 */
class CommandsAtEveryStageTest {
  private static List<String> menu() {
    List<String> out = new ArrayList<>();
    for (String line : TestContent.bundle().text(Msg.COMMAND_MENU).split("\n")) {
      out.add(line.substring(0, line.indexOf(" - ")).strip());
    }
    return out;
  }

  /** One chat at each stage (and the pending confirmations a user can leave open). */
  private static Map<String, UserState> stages() {
    Map<String, UserState> out = new LinkedHashMap<>();
    out.put("new", UserState.fresh(1));
    ChatDriver consent = new ChatDriver(2);
    consent.say("/start");
    out.put("consent", consent.state);
    ChatDriver declined = new ChatDriver(3);
    declined.say("/start");
    declined.tap("No");
    out.put("declined", declined.state);
    ChatDriver asking = new ChatDriver(4).consented();
    asking.say(Personas.ALL_QUESTIONS[0]);
    out.put("asking", asking.state);
    ChatDriver idle = new ChatDriver(5).consented();
    idle.say("/cancel");
    out.put("idle", idle.state);
    ChatDriver ready = new ChatDriver(6).consented();
    while (ready.state.stage() == Stage.ASKING) {
      ready.say(Personas.answerTo(ready.state.questionId()));
    }
    out.put("ready, proposal open", ready.state);
    ready.say("/plan");
    out.put("ready", ready.state);
    ready.say("/timezone");
    out.put("ready, time zone asked", ready.state);
    ready.say("/cancel");
    ready.say("/delete");
    out.put("ready, delete asked", ready.state);
    ready.say("/cancel");
    ready.say("/checkin");
    out.put("checkin", ready.state);
    return out;
  }

  @Test
  void everyMenuCommandAnswersAtEveryStage() {
    Engine engine = new Engine(TestContent.bundle());
    String unknown = TestContent.bundle().text(Msg.UNKNOWN_COMMAND, "command", "");
    String unknownStart = unknown.substring(0, Math.min(15, unknown.length()));
    Map<String, UserState> stages = stages();
    assertEquals(10, stages.size());
    assertTrue(menu().size() >= 10, menu().toString());
    for (var stage : stages.entrySet()) {
      for (String command : menu()) {
        String where = "/" + command + " at " + stage.getKey();
        Outcome o =
            engine.handle(
                stage.getValue(),
                new Event.Command(command, null),
                ChatDriver.START.plusSeconds(600));
        assertTrue(o.effect() != null || !o.replies().isEmpty() || o.ack() != null, where);
        for (var r : o.replies()) {
          assertFalse(r.text().isBlank(), where);
          assertFalse(r.text().startsWith(unknownStart), where + ": " + r.text());
        }
      }
    }
  }
}
