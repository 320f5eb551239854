package app.backcoach.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import app.backcoach.TestContent;
import app.backcoach.coaching.PlanTexts;
import app.backcoach.conversation.Engine;
import app.backcoach.conversation.Event;
import app.backcoach.conversation.Inputs;
import app.backcoach.conversation.Stage;
import app.backcoach.conversation.UserState;
import app.backcoach.storage.Database;
import app.backcoach.storage.Downgrade;
import app.backcoach.storage.Json;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserRepositoryTest {
  private static final java.time.Clock CLOCK =
      java.time.Clock.fixed(
          java.time.Instant.parse("2026-03-02T08:00:00Z"), java.time.ZoneOffset.UTC);

  @TempDir Path dir;
  private final UserRepository users = new UserRepository();

  static java.util.List<app.backcoach.coaching.Plan.Section> storedSections(Database db) {
    String json = db.read(tx -> PlanTexts.sectionsOf(tx, 42)).orElseThrow();
    return Json.read(
        json,
        new com.fasterxml.jackson.core.type.TypeReference<
            java.util.List<app.backcoach.coaching.Plan.Section>>() {});
  }

  @Test
  void unknownChatLoadsAsFresh() {
    try (Database db = app.backcoach.TestDatabases.open(dir.resolve("bot.db"), CLOCK)) {
      assertEquals(UserState.fresh(42), db.read(tx -> users.load(tx, 42)));
    }
  }

  @Test
  void wholeStateWithAnswersFlagsAndPlanSurvivesARoundTrip() {
    Engine engine = new Engine(TestContent.bundle());
    Instant now = Instant.parse("2026-03-02T08:00:00Z");
    UserState s = UserState.fresh(42);
    String[] script = {
      "/start",
      "yes",
      "desk",
      "9",
      "0",
      "none",
      "not yet",
      "nothing",
      "Berlin",
      "lower back",
      "mornings",
      "4",
      "a few weeks",
      "none",
      "never",
      "no",
      "no",
      "a mix",
      "yes, same numbers",
      "stop",
      "no",
      "none"
    };
    for (String line : script) {
      s = engine.handle(s, Inputs.parse(line), now).state();
    }
    s = engine.handle(s, new Event.Text("my leg goes numb"), now).state();
    assertEquals(Stage.READY, s.stage());
    UserState saved = s;
    try (Database db = app.backcoach.TestDatabases.open(dir.resolve("bot.db"), CLOCK)) {
      db.write(
          tx -> {
            users.save(tx, saved, now);
            return null;
          });
      assertEquals(saved, db.read(tx -> users.load(tx, 42)));
      assertEquals(saved.plan().sections(), storedSections(db), "sections kept for reminders");
    }
    if (app.backcoach.TestDatabases.postgres()) {
      return; // below: SQLite's schema history (a PostgreSQL database starts at the current one)
    }
    // A database made before plan_sections existed gets them from its plans (migrations V5, V6).
    try (Database db = app.backcoach.TestDatabases.open(dir.resolve("bot.db"), CLOCK)) {
      db.write(
          tx -> {
            Downgrade.undoV9(tx);
            tx.update("DROP TABLE plan_sections");
            tx.update("DROP TABLE plan_texts");
            tx.update("DROP TABLE outbox_templates");
            return tx.update("DELETE FROM schema_version WHERE version >= 5");
          });
    }
    try (Database db = app.backcoach.TestDatabases.open(dir.resolve("bot.db"), CLOCK)) {
      assertEquals(saved.plan().sections(), storedSections(db), "sections after migration V5");
      assertEquals(
          "Europe/Berlin",
          db.read(
              tx ->
                  tx.one("SELECT time_zone FROM users WHERE chat_id = 42", rs -> rs.getString(1))
                      .orElseThrow()));
    }
  }

  @Test
  void theWeeksShareOfRemindersDoneIsReadForACheckInOnly() {
    try (Database db = app.backcoach.TestDatabases.open(dir.resolve("bot.db"), CLOCK)) {
      Instant now = CLOCK.instant();
      db.write(
          tx -> {
            users.save(tx, UserState.fresh(42), now);
            String[][] log = {
              {"POSTURE", "done", "1"},
              {"POSTURE", "done", "2"},
              {"MOBILITY", "missed", "3"},
              {"POSTURE", "done", "9"},
              {"CHECKIN", "missed", "1"}
            };
            for (String[] l : log) {
              long due = now.minus(java.time.Duration.ofDays(Long.parseLong(l[2]))).toEpochMilli();
              tx.update(
                  "INSERT INTO reminder_log (chat_id, kind, due_at, local_date, outcome)"
                      + " VALUES (42, ?, ?, '2026-03-01', ?)",
                  l[0],
                  due,
                  l[1]);
            }
            return null;
          });
      assertEquals(null, db.read(tx -> users.load(tx, 42, now)).coaching().adherence());
      db.write(tx -> tx.update("UPDATE conversations SET stage = 'CHECKIN' WHERE chat_id = 42"));
      // Within the week: two done of three; the one 9 days ago and the check-in itself not counted.
      assertEquals(2 / 3.0, db.read(tx -> users.load(tx, 42, now)).coaching().adherence(), 1e-9);
    }
  }
}
