package app.backcoach.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class JsonTest {
  @Test
  void stringsReadsStoredLists() {
    assertEquals(List.of(), Json.strings("[]"));
    assertEquals(
        List.of("desk", "a \"quoted\" é"), Json.strings("[\"desk\",\"a \\\"quoted\\\" é\"]"));
    assertThrows(DatabaseException.class, () -> Json.strings("{\"not\":\"a list\"}"));
  }
}
