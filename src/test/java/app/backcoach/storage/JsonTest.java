package app.backcoach.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class JsonTest {
  @Test
  void instantReadsWhatInstantWritesExactlyAsInstantParseDoes() {
    Random random = new Random(7);
    for (int i = 0; i < 20_000; i++) {
      long seconds = random.nextLong(-62_135_596_800L, 253_402_300_799L); // years 1 to 9999
      int nanos =
          switch (i % 4) {
            case 0 -> 0;
            case 1 -> random.nextInt(1000) * 1_000_000;
            case 2 -> random.nextInt(1_000_000) * 1_000;
            default -> random.nextInt(1_000_000_000);
          };
      String text = Instant.ofEpochSecond(seconds, nanos).toString();
      assertEquals(Instant.parse(text), Json.instant(text), text);
    }
    for (String other :
        List.of(
            "2026-03-02T09:00:00.5Z", "2026-03-02T09:00:00.123456789Z", "+10000-01-01T00:00:00Z")) {
      assertEquals(Instant.parse(other), Json.instant(other), other);
    }
  }

  @Test
  void instantAgreesWithInstantParseOnOddInput() {
    int rejected = 0;
    for (String odd :
        List.of(
            "",
            "yesterday",
            "2026-02-30T09:00:00Z",
            "2026-03-02T24:00:00Z",
            "2026-03-02T09:00:00.Z",
            "2026-03-02T09:00:00.1234567891Z",
            "2026-03-02T09:00:0xZ",
            "2026-03-02T09:60:00Z",
            "2026-13-02T09:00:00Z",
            "2026-03-02 09:00:00Z",
            "2026-03-02T09:00:00",
            "2026-03-02T09:00:00+01:00")) {
      Instant expected;
      try {
        expected = Instant.parse(odd);
      } catch (DateTimeParseException e) {
        assertThrows(DateTimeParseException.class, () -> Json.instant(odd), odd);
        rejected++;
        continue;
      }
      assertEquals(expected, Json.instant(odd), odd);
    }
    assertTrue(rejected >= 8, "most of these are not instants: " + rejected);
  }

  @Test
  void stringsReadsStoredLists() {
    assertEquals(List.of(), Json.strings("[]"));
    assertEquals(
        List.of("desk", "a \"quoted\" é"), Json.strings("[\"desk\",\"a \\\"quoted\\\" é\"]"));
    assertThrows(DatabaseException.class, () -> Json.strings("{\"not\":\"a list\"}"));
  }
}
