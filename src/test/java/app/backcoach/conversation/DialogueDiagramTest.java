package app.backcoach.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.backcoach.TestContent;
import app.backcoach.reply.Callback;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** conversation.mmd draws the dialogue as the code has it: nothing missing, nothing extra. */
class DialogueDiagramTest {
  static final Path DIAGRAM = Path.of("src/main/java/app/backcoach/conversation/conversation.mmd");

  static String diagram() throws Exception {
    return Files.readString(DIAGRAM);
  }

  @Test
  void everyStageChangeIsAnArrowAndEveryArrowIsAStageChange() throws Exception {
    Set<String> drawn = new TreeSet<>();
    Matcher m = Pattern.compile("(?m)^\\s*([A-Z]+)\\s*-->\\s*([A-Z]+)").matcher(diagram());
    while (m.find()) {
      if (!m.group(1).equals(m.group(2))) {
        drawn.add(m.group(1) + " --> " + m.group(2));
      }
    }
    Set<String> coded = new TreeSet<>();
    Transitions.ALLOWED.forEach((from, tos) -> tos.forEach(to -> coded.add(from + " --> " + to)));
    assertEquals(coded, drawn);
  }

  @Test
  void everyStageAndPendingConfirmationIsDrawn() throws Exception {
    String d = diagram();
    for (Stage s : Stage.values()) {
      assertTrue(Pattern.compile("\\b" + s.name() + "\\b").matcher(d).find(), "stage " + s);
    }
    for (Pending p : Pending.values()) {
      assertTrue(Pattern.compile("(?m)^\\s*" + p.name() + ":").matcher(d).find(), "pending " + p);
    }
  }

  @Test
  void everyCommandIsDrawn() throws Exception {
    String d = diagram();
    for (String c : new Engine(TestContent.bundle()).commandNames()) {
      assertTrue(Pattern.compile("/" + c + "\\b").matcher(d).find(), "command /" + c);
    }
  }

  @Test
  void everyTapAndEffectIsDrawn() throws Exception {
    String d = diagram();
    for (Class<?> tap : Callback.class.getPermittedSubclasses()) {
      assertTrue(
          Pattern.compile("\\b" + tap.getSimpleName() + "\\b").matcher(d).find(),
          "tap " + tap.getSimpleName());
    }
    for (Class<?> effect : Effect.class.getPermittedSubclasses()) {
      assertTrue(
          Pattern.compile("\\b" + effect.getSimpleName() + "\\b").matcher(d).find(),
          "effect " + effect.getSimpleName());
    }
  }
}
