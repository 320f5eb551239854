package app.backcoach.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TxTest {
  @TempDir Path dir;

  @Test
  void updateRowsWritesEveryRowInOrderAcrossChunks() {
    Clock clock = Clock.fixed(Instant.parse("2026-03-02T09:00:00Z"), ZoneOffset.UTC);
    try (Database db = app.backcoach.TestDatabases.open(dir.resolve("t.db"), clock)) {
      for (int n : new int[] {0, 1, 3, 256, 257, 700}) {
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          rows.add(new Object[] {n * 10_000L + i, "x", 1, "body " + i});
        }
        int written =
            db.write(
                tx ->
                    tx.updateRows(
                        "INSERT INTO outbox (chat_id, created_at, priority, body) VALUES {rows}",
                        4,
                        rows));
        assertEquals(n, written);
        List<String> bodies =
            db.read(
                tx ->
                    tx.query(
                        "SELECT body FROM outbox WHERE chat_id BETWEEN ? AND ? ORDER BY id",
                        rs -> rs.getString(1),
                        n * 10_000L,
                        n * 10_000L + 9_999));
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          expected.add("body " + i);
        }
        assertEquals(expected, bodies, n + " rows keep their order in ids");
      }
      int updated =
          db.write(
              tx ->
                  tx.updateRows(
                      "UPDATE outbox SET attempts = v.column2 FROM (VALUES {rows}) AS v"
                          + " WHERE outbox.chat_id = v.column1",
                      2,
                      List.of(new Object[] {10_000L, 7}, new Object[] {30_002L, 9})));
      assertEquals(2, updated);
      assertEquals(
          List.of(7, 9),
          db.read(
              tx ->
                  tx.query(
                      "SELECT attempts FROM outbox WHERE attempts > 0 ORDER BY chat_id",
                      rs -> rs.getInt(1))));
    }
  }

  @Test
  void aRowOfTheWrongWidthIsRefusedAndNothingIsWritten() {
    Clock clock = Clock.fixed(Instant.parse("2026-03-02T09:00:00Z"), ZoneOffset.UTC);
    try (Database db = app.backcoach.TestDatabases.open(dir.resolve("t.db"), clock)) {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () ->
                  db.write(
                      tx ->
                          tx.updateRows(
                              "INSERT INTO outbox (chat_id, created_at, priority, body) VALUES {rows}",
                              4,
                              List.of(new Object[] {1L, "x", 1, "a"}, new Object[] {2L, "x"}))));
      assertEquals("row 1 has 2 values, expected 4", e.getMessage());
      assertEquals(0, (int) db.read(tx -> tx.count("SELECT COUNT(*) FROM outbox")));
    }
  }
}
