package app.backcoach.chat;

import app.backcoach.coaching.CheckinRecord;
import app.backcoach.coaching.Plan;
import app.backcoach.coaching.PlanTexts;
import app.backcoach.conversation.Answer;
import app.backcoach.conversation.Coaching;
import app.backcoach.conversation.Pending;
import app.backcoach.conversation.Stage;
import app.backcoach.conversation.UserState;
import app.backcoach.reminders.ReminderStore;
import app.backcoach.reminders.Schedule;
import app.backcoach.storage.Json;
import app.backcoach.storage.Tx;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Loads and saves a user's whole state (profile, conversation, answers, plan) across its tables.
 */
public final class UserRepository {
  private static final String SELECT_USER =
      "SELECT u.consented, u.disclaimer_shown, u.red_flags, c.stage, c.question_id, c.pending, c.selection,"
          + " c.last_activity, u.quiet_start, u.quiet_end, u.quiet_mode, u.paused_until, u.time_zone"
          + " FROM users u JOIN conversations c ON c.chat_id = u.chat_id WHERE u.chat_id = ?";
  private static final String SELECT_CHECKINS =
      "SELECT week_of, pain, sessions, adherence, decision FROM (SELECT * FROM checkins WHERE chat_id = ?"
          + " ORDER BY id DESC LIMIT 12) AS recent ORDER BY id";
  private static final String ADHERENCE =
      "SELECT SUM(CASE WHEN outcome = 'done' THEN 1 ELSE 0 END) AS done, COUNT(*) AS total"
          + " FROM reminder_log WHERE chat_id = ? AND due_at >= ?"
          + " AND kind <> 'CHECKIN'";
  private final ReminderStore reminders = new ReminderStore();
  private static final String SELECT_ANSWERS =
      "SELECT question_id, options, value FROM answers WHERE chat_id = ? ORDER BY ";
  private static final String SELECT_PLAN = "SELECT body FROM plans WHERE chat_id = ?";
  private static final String UPSERT_USER =
      "INSERT INTO users (chat_id, created_at, updated_at, consented, disclaimer_shown, time_zone, red_flags)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (chat_id) DO UPDATE SET updated_at = excluded.updated_at,"
          + " consented = excluded.consented, disclaimer_shown = excluded.disclaimer_shown,"
          + " time_zone = excluded.time_zone, red_flags = excluded.red_flags, active = 1";
  private static final String UPSERT_CONVERSATION =
      "INSERT INTO conversations (chat_id, stage, question_id, pending, selection, last_activity)"
          + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (chat_id) DO UPDATE SET stage = excluded.stage,"
          + " question_id = excluded.question_id, pending = excluded.pending, selection = excluded.selection,"
          + " last_activity = excluded.last_activity";

  /** The stored state, or a fresh one for a chat we have never seen. */
  public UserState load(Tx tx, long chatId) {
    return load(tx, chatId, Instant.EPOCH);
  }

  /**
   * The stored state; in a check-in, with the share of reminders done in the 7 days before {@code
   * now}.
   */
  public UserState load(Tx tx, long chatId, Instant now) {
    return tx.one(SELECT_USER, rs -> row(tx, chatId, rs, now), chatId)
        .orElse(UserState.fresh(chatId));
  }

  private UserState row(Tx tx, long chatId, java.sql.ResultSet rs, Instant now)
      throws java.sql.SQLException {
    boolean consented = rs.getInt("consented") == 1;
    boolean disclaimer = rs.getInt("disclaimer_shown") == 1;
    List<String> flags = Json.strings(rs.getString("red_flags"));
    Stage stage = Stage.valueOf(rs.getString("stage"));
    String question = rs.getString("question_id");
    String pendingName = rs.getString("pending");
    Pending pending = pendingName == null ? null : Pending.valueOf(pendingName);
    List<String> selection = Json.strings(rs.getString("selection"));
    String lastActivity = rs.getString("last_activity");
    Instant last = lastActivity == null ? null : Json.instant(lastActivity);
    LocalTime quietStart = app.backcoach.reminders.Schedule.time(rs.getString("quiet_start"));
    LocalTime quietEnd = app.backcoach.reminders.Schedule.time(rs.getString("quiet_end"));
    boolean silent = "SILENT".equals(rs.getString("quiet_mode"));
    Long paused = rs.getObject("paused_until") == null ? null : rs.getLong("paused_until");
    List<CheckinRecord> checkins = tx.query(SELECT_CHECKINS, UserRepository::checkin, chatId);
    // Only a check-in reads the week's share of reminders done; the query reads every log row of
    // the chat (a few hundred after a month of posture breaks), so other messages skip it.
    Double adherence = stage == Stage.CHECKIN ? adherence(tx, chatId, now) : null;
    Coaching coaching =
        new Coaching(
            reminders.forChat(tx, chatId),
            quietStart,
            quietEnd,
            silent,
            paused,
            checkins,
            adherence);
    Map<String, Answer> answers = new LinkedHashMap<>();
    tx.query(
        SELECT_ANSWERS + tx.insertionOrder(),
        a ->
            answers.put(
                a.getString("question_id"),
                new Answer(Json.strings(a.getString("options")), a.getString("value"))),
        chatId);
    Plan plan =
        tx.one(SELECT_PLAN, p -> Json.read(p.getString("body"), Plan.class), chatId).orElse(null);
    return new UserState(
        chatId,
        stage,
        question,
        pending,
        answers,
        selection,
        consented,
        disclaimer,
        new LinkedHashSet<>(flags),
        plan,
        last,
        coaching);
  }

  /** The share of the chat's reminders done in the 7 days before {@code now}; null if none. */
  private static Double adherence(Tx tx, long chatId, Instant now) {
    long since = now.minus(Duration.ofDays(7)).toEpochMilli();
    return tx.one(
            ADHERENCE,
            a -> a.getInt("total") == 0 ? null : a.getInt("done") / (double) a.getInt("total"),
            chatId,
            since)
        .orElse(null);
  }

  /** A check-in row: {@code week_of, pain, sessions, adherence, decision}. */
  private static CheckinRecord checkin(java.sql.ResultSet c) throws java.sql.SQLException {
    return new CheckinRecord(
        LocalDate.parse(c.getString("week_of")),
        c.getInt("pain"),
        c.getInt("sessions"),
        c.getObject("adherence") == null ? null : c.getDouble("adherence"),
        c.getString("decision"));
  }

  private static void saveLatestCheckin(
      Tx tx, long chatId, List<CheckinRecord> checkins, Instant now) {
    if (checkins.isEmpty()) {
      return;
    }
    CheckinRecord latest = checkins.get(checkins.size() - 1);
    CheckinRecord stored =
        tx.one(
                "SELECT week_of, pain, sessions, adherence, decision FROM checkins WHERE chat_id = ? ORDER BY id DESC"
                    + " LIMIT 1",
                UserRepository::checkin,
                chatId)
            .orElse(null);
    if (!latest.equals(stored)) {
      tx.update(
          "INSERT INTO checkins (chat_id, week_of, pain, sessions, adherence, decision, created_at)"
              + " VALUES (?, ?, ?, ?, ?, ?, ?)",
          chatId,
          latest.weekOf().toString(),
          latest.pain(),
          latest.sessions(),
          latest.adherence(),
          latest.decision(),
          now.toString());
    }
  }

  /**
   * Writes the whole state; answers and plan are replaced, so what is stored is exactly what the
   * state holds.
   */
  public void save(Tx tx, UserState s, Instant now) {
    save(tx, null, s, now);
  }

  /**
   * Writes what changed since {@code before} (everything when it is null): the per-event path
   * writes only the rows an event touched, which keeps commits short.
   */
  public void save(Tx tx, UserState before, UserState s, Instant now) {
    Answer zone = s.answers().get("timezone");
    String storedZone =
        before != null
            ? before.zone()
            : tx.one(
                    "SELECT time_zone FROM users WHERE chat_id = ?",
                    rs -> rs.getString("time_zone"),
                    s.chatId())
                .orElse(null);
    String at = Json.text(now);
    tx.update(
        UPSERT_USER,
        s.chatId(),
        at,
        at,
        s.consented() ? 1 : 0,
        s.disclaimerShown() ? 1 : 0,
        zone == null ? null : zone.value(),
        Json.write(s.redFlags()));
    tx.update(
        UPSERT_CONVERSATION,
        s.chatId(),
        s.stage().name(),
        s.questionId(),
        s.pending() == null ? null : s.pending().name(),
        Json.write(s.selection()),
        s.lastActivity() == null
            ? null
            : s.lastActivity().equals(now) ? at : Json.text(s.lastActivity()));
    saveAnswers(tx, before == null ? null : before.answers(), s);
    Coaching c = s.coaching();
    Coaching was = before == null ? null : before.coaching();
    if (was == null
        || !c.quietStart().equals(was.quietStart())
        || !c.quietEnd().equals(was.quietEnd())
        || c.quietSilent() != was.quietSilent()
        || !java.util.Objects.equals(c.pausedUntil(), was.pausedUntil())) {
      tx.update(
          "UPDATE users SET quiet_start = ?, quiet_end = ?, quiet_mode = ?, paused_until = ? WHERE chat_id = ?",
          c.quietStart().toString(),
          c.quietEnd().toString(),
          c.quietSilent() ? "SILENT" : "DEFER",
          c.pausedUntil(),
          s.chatId());
    }
    ZoneId userZone = Schedule.zone(s.zone());
    if (was == null || !c.reminders().equals(was.reminders())) {
      reminders.replace(tx, s.chatId(), c.reminders(), userZone, now);
    }
    if (!java.util.Objects.equals(storedZone, s.zone())) {
      reminders.reschedule(tx, s.chatId(), userZone, now);
    }
    if (was == null || !c.checkins().equals(was.checkins())) {
      saveLatestCheckin(tx, s.chatId(), c.checkins(), now);
    }
    if (before != null && java.util.Objects.equals(before.plan(), s.plan())) {
      return;
    }
    if (s.plan() == null) {
      PlanTexts.remove(tx, s.chatId());
      tx.update("DELETE FROM plans WHERE chat_id = ?", s.chatId());
    } else {
      tx.update(
          "INSERT INTO plans (chat_id, created_at, body) VALUES (?, ?, ?) ON CONFLICT (chat_id) DO UPDATE"
              + " SET created_at = excluded.created_at, body = excluded.body",
          s.chatId(),
          s.plan().createdAt().toString(),
          Json.write(s.plan()));
      // For workout reminders (ReminderService), which need the sections alone.
      PlanTexts.set(tx, s.chatId(), Json.write(s.plan().sections()));
    }
  }

  private static void saveAnswers(Tx tx, java.util.Map<String, Answer> before, UserState s) {
    if (before == null) {
      tx.update("DELETE FROM answers WHERE chat_id = ?", s.chatId());
      before = java.util.Map.of();
    }
    for (String q : before.keySet()) {
      if (!s.answers().containsKey(q)) {
        tx.update("DELETE FROM answers WHERE chat_id = ? AND question_id = ?", s.chatId(), q);
      }
    }
    for (var e : s.answers().entrySet()) {
      if (!e.getValue().equals(before.get(e.getKey()))) {
        tx.update(
            "INSERT INTO answers (chat_id, question_id, options, value) VALUES (?, ?, ?, ?)"
                + " ON CONFLICT (chat_id, question_id) DO UPDATE SET options = excluded.options,"
                + " value = excluded.value",
            s.chatId(),
            e.getKey(),
            Json.write(e.getValue().options()),
            e.getValue().value());
      }
    }
  }
}
