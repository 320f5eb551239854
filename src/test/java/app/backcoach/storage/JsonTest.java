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

  @Test
  void instantTextIsWhatInstantToStringWrites() throws Exception {
    Random random = new Random(9);
    for (int i = 0; i < 50_000; i++) {
      // years 1 to 9999 (the fast path covers 1000 to 9999; the rest falls back)
      long seconds = random.nextLong(-62_135_596_800L, 253_402_300_800L);
      int nanos =
          switch (i % 5) {
            case 0 -> 0;
            case 1 -> random.nextInt(1000) * 1_000_000;
            case 2 -> random.nextInt(1_000_000) * 1_000;
            case 3 -> random.nextInt(10) * 100_000_000;
            default -> random.nextInt(1_000_000_000);
          };
      Instant at = Instant.ofEpochSecond(seconds, nanos);
      assertEquals(at.toString(), Json.text(at));
    }
    for (Instant edge :
        List.of(
            Instant.parse("1000-01-01T00:00:00Z"),
            Instant.parse("0999-12-31T23:59:59.999999999Z"),
            Instant.parse("9999-12-31T23:59:59.000000001Z"),
            Instant.parse("+10000-01-01T00:00:00Z"),
            Instant.EPOCH,
            Instant.MIN,
            Instant.MAX)) {
      assertEquals(edge.toString(), Json.text(edge));
    }
  }

  @Test
  void stringListsAreWrittenExactlyAsJacksonWritesThem() throws Exception {
    Random random = new Random(3);
    String pool = "aZ09 \"\\/<>&'\u00e9\u2029\u2028\u007f\ud83d\ude00";
    for (int i = 0; i < 20_000; i++) {
      List<String> list = new java.util.ArrayList<>();
      for (int k = random.nextInt(5); k > 0; k--) {
        StringBuilder b = new StringBuilder();
        for (int c = random.nextInt(12); c > 0; c--) {
          b.append(
              random.nextInt(3) == 0
                  ? (char) random.nextInt(0x20)
                  : pool.charAt(random.nextInt(pool.length())));
        }
        list.add(random.nextInt(50) == 0 ? null : b.toString());
      }
      String expected = Json.MAPPER.writeValueAsString(list);
      assertEquals(expected, Json.write(list), expected);
    }
    assertEquals("[]", Json.write(List.<String>of()));
  }
}
