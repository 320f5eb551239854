package app.backcoach.coaching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import app.backcoach.storage.Database;
import app.backcoach.storage.Downgrade;
import app.backcoach.storage.Tx;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanTextsTest {
  @TempDir Path dir;

  private static final String A = "[{\"kind\":\"MAIN\",\"items\":[{\"exercise\":\"bird_dog\"}]}]";
  private static final String B = "[{\"kind\":\"MAIN\",\"items\":[{\"exercise\":\"cat_cow\"}]}]";

  private static void user(Tx tx, long chat) {
    tx.update(
        "INSERT INTO users (chat_id, created_at, updated_at, consented, time_zone)"
            + " VALUES (?, 'x', 'x', 1, 'UTC')",
        chat);
    tx.update("INSERT INTO plans (chat_id, created_at, body) VALUES (?, 'x', '{}')", chat);
  }

  private static List<String> texts(Database db) {
    return db.read(
        tx -> tx.query("SELECT sections FROM plan_texts ORDER BY id", rs -> rs.getString(1)));
  }

  @Test
  void equalSectionsAreStoredOnceAndATextGoesWhenNoPlanPointsAtIt() {
    try (Database db = Database.open(dir.resolve("p.db"), Clock.systemUTC())) {
      db.write(
          tx -> {
            for (long c = 1; c <= 3; c++) {
              user(tx, c);
            }
            PlanTexts.set(tx, 1, A);
            PlanTexts.set(tx, 2, A);
            PlanTexts.set(tx, 3, B);
            return null;
          });
      assertEquals(List.of(A, B), texts(db));
      long a = db.read(tx -> PlanTexts.textOf(tx, 1)).orElseThrow();
      assertEquals(Optional.of(a), db.read(tx -> PlanTexts.textOf(tx, 2)));
      assertEquals(Optional.of(A), db.read(tx -> PlanTexts.sections(tx, a)));
      assertEquals(Optional.of(B), db.read(tx -> PlanTexts.sectionsOf(tx, 3)));

      // Chat 1 moves to B: A is still chat 2's, so it stays.
      db.write(
          tx -> {
            PlanTexts.set(tx, 1, B);
            return null;
          });
      assertEquals(List.of(A, B), texts(db));
      // Chat 2 moves to B too: no one has A any more.
      db.write(
          tx -> {
            PlanTexts.set(tx, 2, B);
            return null;
          });
      assertEquals(List.of(B), texts(db));
      // Setting the same text again changes nothing.
      long b = db.read(tx -> PlanTexts.textOf(tx, 3)).orElseThrow();
      db.write(
          tx -> {
            PlanTexts.set(tx, 3, B);
            return null;
          });
      assertEquals(Optional.of(b), db.read(tx -> PlanTexts.textOf(tx, 3)));
      // Removing plans: the text goes with the last one.
      db.write(
          tx -> {
            PlanTexts.remove(tx, 1);
            PlanTexts.remove(tx, 2);
            return null;
          });
      assertEquals(List.of(B), texts(db));
      db.write(
          tx -> {
            PlanTexts.remove(tx, 3);
            return null;
          });
      assertEquals(List.of(), texts(db));
      assertEquals(Optional.empty(), db.read(tx -> PlanTexts.sectionsOf(tx, 3)));
      // Ids are never reused, so a rendering cached by id cannot show another plan.
      db.write(
          tx -> {
            PlanTexts.set(tx, 3, A);
            return null;
          });
      long again = db.read(tx -> PlanTexts.textOf(tx, 3)).orElseThrow();
      assertNotEquals(a, again);
      assertNotEquals(b, again);
    }
  }

  @Test
  void migrationV6StoresEachDistinctTextOfV5Once() {
    Path file = dir.resolve("v5.db");
    try (Database db = Database.open(file, Clock.systemUTC())) {
      // Back to the V5 layout, with three plans of which two are equal.
      db.write(
          tx -> {
            Downgrade.undoV9(tx);
            for (long c = 1; c <= 3; c++) {
              user(tx, c);
            }
            tx.update("DROP TABLE plan_sections");
            tx.update("DROP TABLE plan_texts");
            tx.update(
                "CREATE TABLE plan_sections (chat_id INTEGER PRIMARY KEY REFERENCES plans(chat_id)"
                    + " ON DELETE CASCADE, sections TEXT NOT NULL)");
            tx.update(
                "INSERT INTO plan_sections (chat_id, sections) VALUES (1, ?), (2, ?), (3, ?)",
                B,
                A,
                B);
            tx.update("DROP TABLE outbox_templates");
            return tx.update("DELETE FROM schema_version WHERE version >= 6");
          });
    }
    try (Database db = Database.open(file, Clock.systemUTC())) {
      assertEquals(List.of(B, A), texts(db), "each distinct text once, in chat order");
      assertEquals(Optional.of(B), db.read(tx -> PlanTexts.sectionsOf(tx, 1)));
      assertEquals(Optional.of(A), db.read(tx -> PlanTexts.sectionsOf(tx, 2)));
      assertEquals(Optional.of(B), db.read(tx -> PlanTexts.sectionsOf(tx, 3)));
      Optional<Long> first = db.read(tx -> PlanTexts.textOf(tx, 1));
      Optional<Long> third = db.read(tx -> PlanTexts.textOf(tx, 3));
      assertEquals(first, third);
      // The plan's foreign key still cascades.
      db.write(tx -> tx.update("DELETE FROM plans WHERE chat_id = 2"));
      assertEquals(Optional.empty(), db.read(tx -> PlanTexts.textOf(tx, 2)));
    }
  }
}
