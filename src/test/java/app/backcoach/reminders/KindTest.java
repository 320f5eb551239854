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
      assertTrue(content.text(k.countedName, "count", 2).startsWith("2 "), k + " counted name");
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
  void aRotatingKindSendsOneMoveOfItsRoutineAtATimeAndSkipsItsNotes() {
    ReminderText text = new ReminderText(TestContent.bundle());
    for (Kind k : Kind.values()) {
      if (k.routine != null && !ReminderText.needsPlan(k)) {
        var moves =
            TestContent.bundle().routine(k.routine).steps().stream()
                .filter(st -> st.exercise() != null)
                .count();
        assertEquals(moves, text.items(k).size(), k.toString());
        assertTrue(
            text.reminder(k, 7, 1, null).text().contains(text.item(k, 1, null)), k.toString());
      }
    }
  }
}
