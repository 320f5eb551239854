package app.backcoach.reminders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.backcoach.TestContent;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KindTest {
  @Test
  void everyKindHasItsTextsInTheBundleAndUniqueTypedNames() {
    var content = TestContent.bundle();
    Set<String> typed = new HashSet<>();
    for (Kind k : Kind.values()) {
      assertTrue(!content.text(k.shownName).isBlank(), k + " name");
      assertTrue(!content.text(k.countedName).isBlank(), k + " counted name");
      if (k.routine != null) {
        assertTrue(content.routine(k.routine) != null, k + " routine " + k.routine);
      }
      for (String w : k.typed) {
        assertTrue(typed.add(w), w + " names two kinds");
        assertEquals(k, Kind.typed(w));
      }
    }
    assertNull(Kind.typed("nap"));
  }

  @Test
  void aKindWithARoutineRotatesThroughItsSteps() {
    ReminderText text = new ReminderText(TestContent.bundle());
    for (Kind k : Kind.values()) {
      if (k.routine != null) {
        int steps = TestContent.bundle().routine(k.routine).steps().size();
        assertEquals(steps, text.items(k).size(), k.toString());
        assertTrue(text.reminder(k, 7, 1, null).text().contains(text.item(k, 1)), k.toString());
      }
    }
  }
}
