package app.backcoach.reminders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.backcoach.TestContent;
import app.backcoach.chat.ChatService;
import app.backcoach.conversation.Engine;
import app.backcoach.conversation.Event;
import app.backcoach.delivery.Outbox;
import app.backcoach.reply.Delivery;
import app.backcoach.storage.Database;
import java.nio.file.Path;
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
  @TempDir Path dir;

  app.backcoach.TestClock clock =
      new app.backcoach.TestClock("2026-03-02T06:00:00Z"); // Monday 07:00 in Berlin
  Database db;
  ReminderService service;
  ChatService chat;
  final Outbox outbox = new Outbox();

  @BeforeEach
  void open() {
    db = app.backcoach.TestDatabases.open(dir.resolve("r.db"), clock);
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

  /** Posture breaks every {@code every} minutes between {@code from} and {@code to}, every day. */
  static Reminder posture(long chatId, int every, String from, String to) {
    return new Reminder(
        0,
        chatId,
        Kind.POSTURE,
        true,
        null,
        Schedule.EVERY_DAY,
        every,
        LocalTime.parse(from),
        LocalTime.parse(to),
        false,
        null);
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
  void aFailedBatchQueuesNothingAndTheNextRunQueuesEveryReminderInFull() {
    for (long c = 1; c <= 3; c++) {
      user(c, "UTC");
      daily(c, Kind.MOBILITY, "09:00");
    }
    clock.set("2026-03-02T09:00:00Z");
    // The third reminder's log row cannot be written: the batch fails after its messages'
    // templates were made, and everything it did is rolled back.
    db.write(
        tx -> {
          app.backcoach.TestDatabases.failWhen(
              tx, "fail", "INSERT", "reminder_log", "NEW.chat_id = 3", "disk trouble");
          return null;
        });
    org.junit.jupiter.api.Assertions.assertThrows(
        app.backcoach.storage.DatabaseException.class, service::runDue);
    assertEquals(0, (int) db.<Integer>read(tx -> tx.count("SELECT COUNT(*) FROM outbox")));
    assertEquals(
        0, (int) db.<Integer>read(tx -> tx.count("SELECT COUNT(*) FROM outbox_templates")));

    db.write(
        tx -> {
          app.backcoach.TestDatabases.stopFailing(tx, "fail", "reminder_log");
          return null;
        });
    assertEquals(3, service.runDue().sent());
    for (long c = 1; c <= 3; c++) {
      List<Outbox.Item> q = queued(c);
      assertEquals(1, q.size(), "chat " + c);
      assertTrue(q.get(0).delivery().reply().text().length() > 20, "chat " + c);
    }
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

  /** A plan whose main section is these exercises (ids from the bundle) with their doses. */
  static app.backcoach.coaching.Plan plan(String... exerciseAndDose) {
    List<app.backcoach.coaching.Plan.Item> items = new java.util.ArrayList<>();
    for (int i = 0; i < exerciseAndDose.length; i += 2) {
      items.add(
          new app.backcoach.coaching.Plan.Item(exerciseAndDose[i], exerciseAndDose[i + 1], null));
    }
    return new app.backcoach.coaching.Plan(
        List.of(),
        List.of(
            new app.backcoach.coaching.Plan.Section(
                app.backcoach.coaching.Plan.SectionKind.MAIN, "r", items)),
        false,
        Instant.EPOCH,
        List.of());
  }

  @Test
  void aLargeClaimWritesEachReminderAsIfItWereWrittenAlone() {
    // More reminders than one multi-row statement holds, every kind, several rotations, two plans
    // and none, silent and not: each stored message must be exactly what rendering that reminder
    // on its own gives, with its own log id in its buttons.
    var plans =
        List.of(
            plan("bird_dog", "3 x 8 per side", "dead_bug", "3 x 10"), plan("cat_cow", "8 slow"));
    int users = 700;
    db.write(
        tx -> {
          // History: an erased user's log rows had the highest ids; their ids must not come back.
          tx.update(
              "INSERT INTO users (chat_id, created_at, updated_at, consented, time_zone) VALUES (9999, 'x', 'x', 1, 'UTC')");
          tx.update(
              "INSERT INTO reminder_log (id, chat_id, kind, due_at, local_date, outcome) VALUES (5000, 9999, 'POSTURE', 0, 'x', 'sent')");
          tx.idsUsed("reminder_log"); // as the claim does after its own ids (PostgreSQL)
          tx.update("DELETE FROM users WHERE chat_id = 9999");
          return null;
        });
    for (long c = 1; c <= users; c++) {
      user(c, "UTC");
      if (c % 3 != 0) {
        var p = plans.get((int) (c / 4 % 2));
        long chat = c;
        db.write(
            tx -> {
              tx.update(
                  "INSERT INTO plans (chat_id, created_at, body) VALUES (?, 'x', ?)",
                  chat,
                  app.backcoach.storage.Json.write(p));
              app.backcoach.coaching.PlanTexts.set(
                  tx, chat, app.backcoach.storage.Json.write(p.sections()));
              return null;
            });
      }
      oneReminder(c);
    }
    db.write(
        tx -> {
          tx.update(
              "UPDATE reminders SET next_due_at = ?",
              Instant.parse("2026-03-02T09:00:00Z").toEpochMilli());
          tx.update("UPDATE reminders SET rotation = chat_id % 7");
          return tx.update(
              "UPDATE users SET quiet_start = '08:00', quiet_end = '10:00', quiet_mode = 'SILENT'"
                  + " WHERE chat_id % 5 = 0");
        });
    clock.set("2026-03-02T09:00:00Z");
    assertEquals(users, service.runDue().sent());

    ReminderText text = new ReminderText(TestContent.bundle());
    var rows =
        db.read(
            tx ->
                tx.query(
                    "SELECT l.id, l.chat_id, l.kind, r.rotation - 1, t.sections, u.quiet_start"
                        + " FROM reminder_log l JOIN reminders r ON r.id = l.reminder_id"
                        + " JOIN users u ON u.chat_id = l.chat_id"
                        + " LEFT JOIN plan_sections s ON s.chat_id = l.chat_id"
                        + " LEFT JOIN plan_texts t ON t.id = s.text_id ORDER BY l.id",
                    rs ->
                        new Object[] {
                          rs.getLong(1),
                          rs.getLong(2),
                          Kind.valueOf(rs.getString(3)),
                          rs.getInt(4),
                          rs.getString(5),
                          "08:00".equals(rs.getString(6))
                        }));
    assertEquals(users, rows.size());
    assertTrue((long) rows.get(0)[0] > 5000, "log ids are never reused: " + rows.get(0)[0]);
    for (Object[] r : rows) {
      long logId = (long) r[0];
      long chatId = (long) r[1];
      Kind kind = (Kind) r[2];
      var reply =
          text.reminder(
              kind,
              logId,
              (int) r[3],
              ReminderText.needsPlan(kind) ? text.render((String) r[4]) : null);
      Delivery expected = (boolean) r[5] ? Delivery.sendSilently(reply) : Delivery.send(reply);
      List<Outbox.Item> q = queued(chatId);
      assertEquals(1, q.size(), "chat " + chatId);
      assertEquals(expected, q.get(0).delivery(), "chat " + chatId + ", " + kind);
      if (kind != Kind.CHECKIN) {
        assertTrue(
            q.get(0).delivery().reply().flatButtons().stream()
                .allMatch(b -> b.data().startsWith("rm:" + logId + ":")),
            "buttons of chat " + chatId);
      }
    }
    // Workouts (chats 2, 6, 10, 14, ...) show their own plan, or the default workout without one.
    String deadBug = TestContent.bundle().exercise("dead_bug").name();
    String catCow = TestContent.bundle().exercise("cat_cow").name();
    assertEquals(Kind.WORKOUT, Kind.values()[2]);
    String withFirst = queued(2).get(0).delivery().reply().text();
    String withSecond = queued(14).get(0).delivery().reply().text();
    String without = queued(6).get(0).delivery().reply().text();
    assertTrue(withFirst.contains(deadBug) && !withFirst.contains(catCow), withFirst);
    assertTrue(withSecond.contains(catCow) && !withSecond.contains(deadBug), withSecond);
    assertTrue(!without.equals(withFirst) && !without.equals(withSecond), without);
  }

  @Test
  void afterDowntimeLateOnesWithinGraceGoOutAndOlderOnesBecomeOneCatchUp() {
    user(1, "Europe/Berlin");
    daily(1, Kind.MOBILITY, "07:30");
    Reminder posture = posture(1, 30, "07:00", "12:00");
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
  void postureMovesRotateWithoutRepeatingTheLastFew() {
    user(1, "UTC");
    db.write(
        tx -> {
          new ReminderStore()
              .replace(
                  tx,
                  1,
                  List.of(posture(1, 30, "09:00", "17:00")),
                  ZoneOffset.UTC,
                  clock.instant());
          return null;
        });
    List<String> items = new java.util.ArrayList<>();
    for (int slot = 0; slot < 5; slot++) {
      clock.set(Instant.parse("2026-03-02T09:00:00Z").plusSeconds(1800L * (slot + 1)).toString());
      assertEquals(1, service.runDue().sent(), "slot " + slot);
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
    Reminder posture = posture(1, 30, "09:00", "17:00");
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

  @Test
  void aReminderRowThatDoesNotReadBackIsQuarantinedAndTheOthersGoOut() {
    for (long c = 1; c <= 3; c++) {
      user(c, "UTC");
      daily(c, Kind.MOBILITY, "09:00");
    }
    // As an upgrade that renamed a kind could leave it.
    db.write(tx -> tx.update("UPDATE reminders SET kind = 'NAP' WHERE chat_id = 2"));
    clock.set("2026-03-02T09:00:00Z");
    assertEquals(2, service.runDue().sent(), "one bad row does not abort the claim");
    assertEquals(1, queued(1).size());
    assertEquals(0, queued(2).size());
    assertEquals(1, queued(3).size());
    var entries = db.read(tx -> new app.backcoach.storage.Quarantine().open(tx));
    assertEquals(1, entries.size());
    assertEquals(app.backcoach.storage.Quarantine.Kind.REMINDER, entries.get(0).kind());
    assertEquals(2L, entries.get(0).chatId());
    assertTrue(entries.get(0).reason().contains("NAP"), entries.get(0).reason());
    clock.set("2026-03-03T09:00:00Z");
    assertEquals(2, service.runDue().sent(), "the next day the others go out again");
    assertEquals(
        1,
        (int) db.read(tx -> new app.backcoach.storage.Quarantine().openCount(tx)),
        "the bad one is not claimed again until it is replayed");
    assertEquals(1, service.counters().get(3).get());
  }

  @Test
  void aReminderMessageThatCouldNotGoOutInItsGraceWindowBecomesOneCatchUp() {
    user(1, "UTC");
    daily(1, Kind.MOBILITY, "09:00");
    clock.set("2026-03-02T09:00:00Z");
    assertEquals(1, service.runDue().sent());
    Outbox.Item item = queued(1).get(0);
    assertEquals(Instant.parse("2026-03-02T09:15:00Z").toEpochMilli(), item.dueBy());
    LateReminders late = new LateReminders(TestContent.bundle());
    // Telegram was down until 09:40: past the window, so the message is not sent late.
    long at = Instant.parse("2026-03-02T09:40:00Z").toEpochMilli();
    assertTrue((boolean) db.write(tx -> late.settle(tx, item, at)));
    List<Outbox.Item> left = queued(1);
    assertEquals(1, left.size(), "only the catch-up waits");
    assertTrue(left.get(0).delivery().reply().text().contains("missed"));
    assertEquals(null, left.get(0).dueBy(), "the catch-up itself has no deadline");
    assertEquals(
        "missed",
        db.read(
                tx ->
                    tx.one(
                        "SELECT outcome FROM reminder_log WHERE id = ?",
                        rs -> rs.getString(1),
                        item.logId()))
            .orElse(""));
  }

  @Test
  void aLateReminderWhoseWindowClosesInQuietHoursBecomesACatchUpHeldToTheirEnd() {
    user(1, "Europe/Berlin");
    daily(1, Kind.MOBILITY, "21:55");
    clock.set("2026-03-02T20:55:00Z"); // 21:55 local, before quiet hours (22:00-07:00)
    assertEquals(1, service.runDue().sent());
    Outbox.Item item = queued(1).get(0);
    LateReminders late = new LateReminders(TestContent.bundle());
    long at = Instant.parse("2026-03-02T21:05:00Z").toEpochMilli(); // 22:05 local, within grace
    assertTrue((boolean) db.write(tx -> late.settle(tx, item, at)), "not sent into quiet hours");
    List<Outbox.Item> left = queued(1);
    assertEquals(1, left.size(), "the reminder became a catch-up");
    assertTrue(left.get(0).delivery().reply().text().contains("missed"));
    long held = heldUntil(left.get(0).id());
    assertEquals(Instant.parse("2026-03-03T06:00:00Z").toEpochMilli(), held, "07:00 local");
    assertEquals(
        List.of(), db.read(tx -> new Outbox().due(tx, at, 10)), "nothing goes out in quiet hours");
    long morning = Instant.parse("2026-03-03T06:00:00Z").toEpochMilli();
    assertEquals(
        List.of(left.get(0).id()),
        db.read(tx -> new Outbox().due(tx, morning, 10)).stream().map(Outbox.Item::id).toList(),
        "the catch-up goes out when quiet hours end");
  }

  @Test
  void aLateReminderWhoseWindowOutlastsQuietHoursWaitsForTheirEndAndGoesOutAsItself() {
    user(1, "UTC");
    daily(1, Kind.MOBILITY, "21:58");
    clock.set("2026-03-02T21:58:00Z");
    assertEquals(1, service.runDue().sent());
    Outbox.Item item = queued(1).get(0); // its window closes at 22:13
    // Short quiet hours, set after the claim: 22:00 to 22:10.
    db.write(
        tx ->
            tx.update(
                "UPDATE users SET quiet_start = '22:00', quiet_end = '22:10' WHERE chat_id = 1"));
    LateReminders late = new LateReminders(TestContent.bundle());
    long at = Instant.parse("2026-03-02T22:01:00Z").toEpochMilli();
    assertTrue((boolean) db.write(tx -> late.settle(tx, item, at)), "not sent into quiet hours");
    assertEquals(
        List.of(item.id()), queued(1).stream().map(Outbox.Item::id).toList(), "not folded");
    long held = heldUntil(item.id());
    long end = Instant.parse("2026-03-02T22:10:00Z").toEpochMilli();
    assertEquals(end, held, "held to the end of quiet hours");
    assertTrue(!(boolean) db.write(tx -> late.settle(tx, item, end)), "sent then, in its window");
  }

  @Test
  void aMessageLateButWithinItsWindowAndOutsideQuietHoursIsSent() {
    user(1, "UTC");
    daily(1, Kind.MOBILITY, "09:00");
    clock.set("2026-03-02T09:00:00Z");
    service.runDue();
    Outbox.Item item = queued(1).get(0);
    long at = Instant.parse("2026-03-02T09:05:00Z").toEpochMilli();
    assertTrue(
        !(boolean) db.write(tx -> new LateReminders(TestContent.bundle()).settle(tx, item, at)));
    assertEquals(1, queued(1).size());
  }

  /** When an outbox row is held to ({@code next_attempt_at}, epoch ms). */
  long heldUntil(long outboxId) {
    return db.read(
            tx ->
                tx.one(
                    "SELECT next_attempt_at FROM outbox WHERE id = ?",
                    rs -> rs.getLong(1),
                    outboxId))
        .orElseThrow();
  }

  /**
   * Chat {@code c}'s one reminder, its kind by turn: posture breaks from 08:00, others at 09:00.
   */
  void oneReminder(long c) {
    Kind kind = Kind.values()[(int) (c % Kind.values().length)];
    if (kind == Kind.POSTURE) {
      Reminder r = posture(c, 60, "08:00", "18:00");
      db.write(
          tx -> {
            new ReminderStore().replace(tx, c, List.of(r), ZoneOffset.UTC, clock.instant());
            return null;
          });
    } else {
      daily(c, kind, "09:00");
    }
  }

  /**
   * One reminder for each of chats 1 to {@code users} (the kinds in turn), due one second apart
   * from 09:00 UTC, so they are claimed in chat order; the clock at 09:05, all within grace.
   */
  void dueOneSecondApart(int users) {
    for (long c = 1; c <= users; c++) {
      user(c, "UTC");
      oneReminder(c);
    }
    long nine = Instant.parse("2026-03-02T09:00:00Z").toEpochMilli();
    db.write(tx -> tx.update("UPDATE reminders SET next_due_at = ? + chat_id * 1000", nine));
    clock.set("2026-03-02T09:05:00Z");
  }

  /**
   * What the claim has committed so far, as another connection sees it: outbox rows, log rows,
   * reminders moved past now, reminders still due, chats with more than one message.
   */
  int[] committed() {
    long now = clock.millis();
    return db.read(
        tx ->
            new int[] {
              tx.count("SELECT COUNT(*) FROM outbox"),
              tx.count("SELECT COUNT(*) FROM reminder_log"),
              tx.count("SELECT COUNT(*) FROM reminders WHERE next_due_at > ?", now),
              tx.count("SELECT COUNT(*) FROM reminders WHERE next_due_at <= ?", now),
              tx.count(
                  "SELECT COUNT(*) FROM (SELECT chat_id FROM outbox GROUP BY chat_id"
                      + " HAVING COUNT(*) > 1) AS twice")
            });
  }

  @Test
  void aClaimOfMoreRemindersThanOneBatchCommitsBatchesOfAtMostItsSizeAndQueuesEachOnce() {
    // The claim holds one batch in memory: were it to read every due reminder at once, one commit
    // would carry them all. 3 batches of 40 and one of 17.
    int batch = 40;
    int users = 3 * batch + 17;
    dueOneSecondApart(users);
    List<int[]> commits = new java.util.ArrayList<>();
    ReminderService claim =
        new ReminderService(
            db,
            TestContent.bundle(),
            clock,
            Duration.ofMinutes(15),
            () -> commits.add(committed()),
            batch);
    assertEquals(users, claim.runDue().sent());

    assertEquals(4, commits.size(), "one commit per batch");
    int before = 0;
    for (int i = 0; i < commits.size(); i++) {
      int[] c = commits.get(i);
      int queued = c[0];
      assertTrue(queued - before > 0 && queued - before <= batch, "commit " + i + ": " + queued);
      assertEquals(queued, c[1], "commit " + i + ": a log row for each message");
      assertEquals(queued, c[2], "commit " + i + ": each queued reminder moved on");
      assertEquals(users - queued, c[3], "commit " + i + ": the rest still due");
      assertEquals(0, c[4], "commit " + i + ": no chat has two messages");
      before = queued;
    }
    assertEquals(users, before);
    for (long c = 1; c <= users; c++) {
      assertEquals(1, queued(c).size(), "chat " + c);
    }
    assertEquals(0, claim.runDue().sent(), "nothing is claimed twice");
    assertEquals(users, committed()[0]);
  }

  @Test
  void aBatchThatFailsLeavesTheBatchesBeforeItQueuedAndTheNextRunQueuesTheRestOnce() {
    // As a crash between batches would: the first batch (chats 1-40) is committed, the second
    // (41-80) fails at chat 60 and is rolled back whole, the third is never read.
    int batch = 40;
    int users = 3 * batch + 17;
    dueOneSecondApart(users);
    db.write(
        tx -> {
          app.backcoach.TestDatabases.failWhen(
              tx, "fail", "INSERT", "reminder_log", "NEW.chat_id = 60", "disk trouble");
          return null;
        });
    ReminderService claim =
        new ReminderService(
            db, TestContent.bundle(), clock, Duration.ofMinutes(15), () -> {}, batch);
    org.junit.jupiter.api.Assertions.assertThrows(
        app.backcoach.storage.DatabaseException.class, claim::runDue);
    int[] c = committed();
    assertEquals(batch, c[0], "only the first batch is queued");
    assertEquals(batch, c[1]);
    assertEquals(batch, c[2]);
    assertEquals(users - batch, c[3]);
    for (long chat = 1; chat <= users; chat++) {
      assertEquals(chat <= batch ? 1 : 0, queued(chat).size(), "chat " + chat);
    }

    db.write(
        tx -> {
          app.backcoach.TestDatabases.stopFailing(tx, "fail", "reminder_log");
          return null;
        });
    assertEquals(users - batch, claim.runDue().sent(), "the rest, and only the rest");
    c = committed();
    assertEquals(users, c[0]);
    assertEquals(users, c[1]);
    assertEquals(0, c[3]);
    assertEquals(0, c[4], "no chat has two messages");
    for (long chat = 1; chat <= users; chat++) {
      List<Outbox.Item> q = queued(chat);
      assertEquals(1, q.size(), "chat " + chat);
      assertTrue(q.get(0).delivery().reply().text().length() > 20, "chat " + chat);
    }
  }
}
