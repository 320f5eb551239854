package app.backcoach.reminders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.backcoach.TestContent;
import app.backcoach.chat.ChatService;
import app.backcoach.conversation.Engine;
import app.backcoach.conversation.Event;
import app.backcoach.delivery.Delivery;
import app.backcoach.storage.Database;
import app.backcoach.storage.Outbox;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReminderServiceTest {
  /** A clock the test moves by hand. */
  static final class MutableClock extends Clock {
    Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }

    void set(String iso) {
      now = Instant.parse(iso);
    }
  }

  @TempDir Path dir;
  MutableClock clock =
      new MutableClock(Instant.parse("2026-03-02T06:00:00Z")); // Monday 07:00 in Berlin
  Database db;
  ReminderService service;
  ChatService chat;
  final Outbox outbox = new Outbox();

  @BeforeEach
  void open() {
    db = Database.open(dir.resolve("r.db"), clock);
    service =
        new ReminderService(db, TestContent.bundle(), clock, Duration.ofMinutes(15), () -> {});
    chat = new ChatService(db, new Engine(TestContent.bundle()), TestContent.bundle(), clock);
  }

  @AfterEach
  void close() {
    db.close();
  }

  void user(long chatId, String zone) {
    db.write(
        tx ->
            tx.update(
                "INSERT INTO users (chat_id, created_at, updated_at, consented, time_zone) VALUES (?, 'x', 'x', 1, ?)",
                chatId,
                zone));
  }

  void daily(long chatId, Kind kind, String time) {
    Reminder r =
        new Reminder(
            0,
            chatId,
            kind,
            true,
            LocalTime.parse(time),
            Schedule.EVERY_DAY,
            null,
            null,
            null,
            false,
            null);
    db.write(
        tx -> {
          new ReminderStore().replace(tx, chatId, List.of(r), zone(tx, chatId), clock.instant());
          return null;
        });
  }

  static ZoneId zone(app.backcoach.storage.Tx tx, long chatId) {
    return ZoneId.of(
        tx.one("SELECT time_zone FROM users WHERE chat_id = ?", rs -> rs.getString(1), chatId)
            .orElseThrow());
  }

  List<Outbox.Item> queued(long chatId) {
    return db.read(tx -> outbox.pendingFor(tx, chatId));
  }

  void clearOutbox() {
    db.write(tx -> tx.update("UPDATE outbox SET sent_at = 'x'"));
  }

  @Test
  void dueReminderIsQueuedOnceWithButtonsAndRescheduledForTomorrow() {
    user(1, "Europe/Berlin");
    daily(1, Kind.MOBILITY, "07:30");
    assertEquals(0, service.runDue().sent());
    clock.set("2026-03-02T06:30:00Z");
    assertEquals(1, service.runDue().sent());
    assertEquals(0, service.runDue().sent(), "nothing fires twice");
    List<Outbox.Item> q = queued(1);
    assertEquals(1, q.size());
    Delivery d = q.get(0).delivery();
    assertTrue(d.reply().text().startsWith("Your daily mobility"), d.reply().text());
    assertEquals(5, d.reply().flatButtons().size());
    long next =
        db.read(
            tx -> tx.one("SELECT next_due_at FROM reminders", rs -> rs.getLong(1)).orElseThrow());
    assertEquals(Instant.parse("2026-03-03T06:30:00Z").toEpochMilli(), next);
  }

  @Test
  void afterDowntimeLateOnesWithinGraceGoOutAndOlderOnesBecomeOneCatchUp() {
    user(1, "Europe/Berlin");
    daily(1, Kind.MOBILITY, "07:30");
    Reminder posture =
        new Reminder(
            0,
            1,
            Kind.POSTURE,
            true,
            null,
            Schedule.EVERY_DAY,
            30,
            LocalTime.parse("07:00"),
            LocalTime.parse("12:00"),
            false,
            null);
    db.write(
        tx -> {
          var all = new java.util.ArrayList<>(new ReminderStore().forChat(tx, 1));
          all.add(posture);
          new ReminderStore().replace(tx, 1, all, ZoneId.of("Europe/Berlin"), clock.instant());
          return null;
        });
    // The bot was down from 07:00 to 09:10 local: mobility at 07:30 and posture 07:30..09:00 are
    // long overdue.
    clock.set("2026-03-02T08:10:00Z");
    ReminderService.Run run = service.runDue();
    assertEquals(0, run.sent());
    assertEquals(2, run.missed(), "each reminder is claimed once, not once per missed slot");
    assertEquals(1, run.catchUps());
    assertEquals(1, queued(1).size(), "one catch-up message per user");
    assertTrue(queued(1).get(0).delivery().reply().text().contains("missed"));
    // Back to normal: the next posture slot 09:30 local fires on time, the backlog does not.
    clock.set("2026-03-02T08:30:00Z");
    assertEquals(1, service.runDue().sent());
    // A reminder 10 minutes late (within grace) still goes out as usual.
    clock.set("2026-03-02T09:10:00Z");
    assertEquals(1, service.runDue().sent());
  }

  @Test
  void quietHoursMoveTheReminderToTheirEnd() {
    user(1, "Europe/Berlin");
    daily(1, Kind.MOBILITY, "06:30");
    clock.set("2026-03-03T05:31:00Z"); // Tuesday 06:31 local, inside 22:00-07:00
    assertEquals(0, service.runDue().sent());
    assertEquals(0, queued(1).size());
    clock.set("2026-03-03T06:00:00Z"); // 07:00 local
    assertEquals(1, service.runDue().sent());
    assertTrue(!queued(1).get(0).delivery().silent());
  }

  @Test
  void quietHoursCanDeliverSilentlyInstead() {
    user(1, "Europe/Berlin");
    db.write(tx -> tx.update("UPDATE users SET quiet_mode = 'SILENT'"));
    daily(1, Kind.MOBILITY, "06:30");
    clock.set("2026-03-03T05:31:00Z");
    assertEquals(1, service.runDue().sent());
    assertTrue(queued(1).get(0).delivery().silent());
  }

  @Test
  void quietHoursThatDoNotWrapMidnightAlsoApply() {
    user(1, "UTC");
    db.write(tx -> tx.update("UPDATE users SET quiet_start = '12:00', quiet_end = '14:00'"));
    daily(1, Kind.MOBILITY, "13:00");
    clock.set("2026-03-02T13:00:00Z");
    assertEquals(0, service.runDue().sent());
    clock.set("2026-03-02T14:00:00Z");
    assertEquals(1, service.runDue().sent());
  }

  @Test
  void pausedBlockedAndRedFlaggedUsersGetNothing() {
    user(1, "UTC");
    user(2, "UTC");
    user(3, "UTC");
    for (long c = 1; c <= 3; c++) {
      daily(c, Kind.MOBILITY, "09:00");
    }
    db.write(
        tx -> {
          tx.update(
              "UPDATE users SET paused_until = ? WHERE chat_id = 1",
              Instant.parse("2026-03-09T00:00:00Z").toEpochMilli());
          tx.update("UPDATE users SET active = 0 WHERE chat_id = 2");
          tx.update("UPDATE users SET red_flags = '[\"fever\"]' WHERE chat_id = 3");
          return null;
        });
    clock.set("2026-03-02T09:00:00Z");
    ReminderService.Run run = service.runDue();
    assertEquals(0, run.sent());
    assertEquals(3, run.skipped());
    assertEquals(0, queued(1).size() + queued(2).size() + queued(3).size());
  }

  @Test
  void checkInStillComesWhileExerciseAdviceIsPaused() {
    user(3, "UTC");
    daily(3, Kind.CHECKIN, "09:00");
    db.write(tx -> tx.update("UPDATE users SET red_flags = '[\"fever\"]' WHERE chat_id = 3"));
    clock.set("2026-03-02T09:00:00Z");
    assertEquals(1, service.runDue().sent());
  }

  @Test
  void itemsRotateWithoutRepeatingTheLastFew() {
    user(1, "UTC");
    daily(1, Kind.MOBILITY, "09:00");
    List<String> items = new java.util.ArrayList<>();
    for (int day = 2; day <= 6; day++) {
      clock.set("2026-03-0" + day + "T09:00:00Z");
      service.runDue();
      items.add(
          db.read(
              tx ->
                  tx.one("SELECT item FROM reminder_log ORDER BY id DESC", rs -> rs.getString(1))
                      .orElseThrow()));
    }
    for (int i = 1; i < items.size(); i++) {
      assertTrue(!items.get(i).equals(items.get(i - 1)), "repeated " + items.get(i));
    }
    assertTrue(new java.util.HashSet<>(items.subList(0, 3)).size() == 3, items.toString());
  }

  long sendOne() {
    user(1, "UTC");
    daily(1, Kind.MOBILITY, "09:00");
    clock.set("2026-03-02T09:00:00Z");
    service.runDue();
    clearOutbox();
    return db.read(tx -> tx.one("SELECT id FROM reminder_log", rs -> rs.getLong(1)).orElseThrow());
  }

  @Test
  void doneIsStoredAndCannotBeTappedTwice() {
    long log = sendOne();
    var outcome = chat.handle(1, new Event.Tap("rm:" + log + ":d"));
    assertEquals("✅ Done", outcome.ack().chosen());
    assertEquals(
        "done",
        db.read(
            tx -> tx.one("SELECT outcome FROM reminder_log", rs -> rs.getString(1)).orElseThrow()));
    var again = chat.handle(1, new Event.Tap("rm:" + log + ":d"));
    assertTrue(again.ack().notice() != null);
  }

  @Test
  void snoozeFiresOnceAfterTheChosenMinutes() {
    long log = sendOne();
    chat.handle(1, new Event.Tap("rm:" + log + ":s30"));
    clock.set("2026-03-02T09:29:00Z");
    assertEquals(0, service.runDue().sent());
    clock.set("2026-03-02T09:30:00Z");
    assertEquals(1, service.runDue().sent());
    clock.set("2026-03-02T10:30:00Z");
    assertEquals(0, service.runDue().sent(), "a snooze fires once");
    assertEquals(1, (int) db.read(tx -> tx.count("SELECT COUNT(*) FROM reminders")));
  }

  @Test
  void skipTodayOnPostureSilencesTheRestOfTheDay() {
    user(1, "UTC");
    Reminder posture =
        new Reminder(
            0,
            1,
            Kind.POSTURE,
            true,
            null,
            Schedule.EVERY_DAY,
            30,
            LocalTime.parse("09:00"),
            LocalTime.parse("17:00"),
            false,
            null);
    db.write(
        tx -> {
          new ReminderStore().replace(tx, 1, List.of(posture), ZoneOffset.UTC, clock.instant());
          return null;
        });
    clock.set("2026-03-02T09:30:00Z");
    service.runDue();
    long log =
        db.read(tx -> tx.one("SELECT id FROM reminder_log", rs -> rs.getLong(1)).orElseThrow());
    chat.handle(1, new Event.Tap("rm:" + log + ":k"));
    long next =
        db.read(
            tx -> tx.one("SELECT next_due_at FROM reminders", rs -> rs.getLong(1)).orElseThrow());
    assertEquals(Instant.parse("2026-03-03T09:30:00Z").toEpochMilli(), next);
  }

  @Test
  void anotherUsersReminderButtonIsRefused() {
    long log = sendOne();
    user(2, "UTC");
    var outcome = chat.handle(2, new Event.Tap("rm:" + log + ":d"));
    assertTrue(outcome.ack().notice() != null);
    assertEquals(
        "sent",
        db.read(
            tx -> tx.one("SELECT outcome FROM reminder_log", rs -> rs.getString(1)).orElseThrow()));
  }

  @Test
  void restartingTheServiceDoesNotRefire() {
    user(1, "UTC");
    daily(1, Kind.MOBILITY, "09:00");
    clock.set("2026-03-02T09:00:00Z");
    assertEquals(1, service.runDue().sent());
    ReminderService fresh =
        new ReminderService(db, TestContent.bundle(), clock, Duration.ofMinutes(15), () -> {});
    assertEquals(0, fresh.runDue().sent());
  }

  @Test
  void streakCountsDaysInARow() {
    var today = java.time.LocalDate.parse("2026-03-10");
    assertEquals(
        3,
        Streaks.streak(
            List.of(today, today.minusDays(1), today.minusDays(2), today.minusDays(4)), today));
    assertEquals(
        2,
        Streaks.streak(List.of(today.minusDays(1), today.minusDays(2)), today),
        "today not done yet");
    assertEquals(0, Streaks.streak(List.of(today.minusDays(3)), today));
  }
}
