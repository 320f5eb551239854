package app.backcoach.progress;

import app.backcoach.content.ContentBundle;
import app.backcoach.content.Msg;
import app.backcoach.reminders.ReminderTaps;
import app.backcoach.reminders.Streaks;
import app.backcoach.reply.Delivery;
import app.backcoach.reply.Reply;
import app.backcoach.storage.Tx;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * /progress: the chart of pain and reminders done over the last 8 weeks, with a summary and the
 * streak as its caption, in one message.
 */
public final class ProgressService {
  static final int WEEKS = 8;

  /** Telegram's limit on a photo caption, in UTF-16 units after entity parsing. */
  static final int MAX_CAPTION = 1024;

  private final ContentBundle content;
  private final ProgressText words;

  public ProgressService(ContentBundle content) {
    this.content = content;
    this.words = new ProgressText(content);
  }

  /** The weeks with data, oldest first, from the stored check-ins and reminder outcomes. */
  public List<WeekPoint> weeks(Tx tx, long chatId, ZoneId zone, Instant now) {
    return new History(tx, chatId, zone, now).points();
  }

  /** The chart with the summary as its caption, or a short text when there is nothing to chart. */
  public List<Delivery> progress(Tx tx, long chatId, ZoneId zone, Instant now) {
    History h = new History(tx, chatId, zone, now);
    List<WeekPoint> weeks = h.points();
    if (weeks.isEmpty()) {
      return List.of(Delivery.send(Reply.text(content.text(Msg.PROGRESS_EMPTY))));
    }
    int done = 0;
    int total = 0;
    for (int[] c : h.reminders.values()) {
      done += c[0];
      total += c[1];
    }
    int streak =
        Streaks.streak(ReminderTaps.doneDates(tx, chatId, zone), now.atZone(zone).toLocalDate());
    byte[] png = ProgressChart.png(weeks, words.labels(streak));
    return deliveries(
        words.summary(weeks, done, total, streak), png, content.text(Msg.CHART_CAPTION));
  }

  /**
   * One photo with the summary as its caption, so the chart and its words arrive as one message; a
   * summary too long for a caption (a long translation) goes first as a message of its own.
   */
  static List<Delivery> deliveries(String summary, byte[] png, String shortCaption) {
    if (summary.length() <= MAX_CAPTION) {
      return List.of(Delivery.photo(png, summary));
    }
    return List.of(Delivery.send(Reply.text(summary)), Delivery.photo(png, shortCaption));
  }

  /**
   * The last eight weeks read once: pain per check-in week, and reminders done and sent per week.
   */
  private static final class History {
    final LocalDate from;
    final LocalDate thisWeek;
    final Map<LocalDate, Integer> pain = new TreeMap<>();
    final Map<LocalDate, int[]> reminders = new TreeMap<>();

    History(Tx tx, long chatId, ZoneId zone, Instant now) {
      thisWeek =
          now.atZone(zone).toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
      from = thisWeek.minusWeeks(WEEKS - 1);
      tx.query(
          "SELECT week_of, pain FROM checkins WHERE chat_id = ? AND week_of >= ? ORDER BY id",
          rs -> pain.put(LocalDate.parse(rs.getString("week_of")), rs.getInt("pain")),
          chatId,
          from.toString());
      tx.query(
          "SELECT local_date, outcome FROM reminder_log WHERE chat_id = ? AND local_date >= ?"
              + " AND kind <> 'CHECKIN'",
          rs -> {
            LocalDate week =
                LocalDate.parse(rs.getString("local_date"))
                    .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            int[] c = reminders.computeIfAbsent(week, w -> new int[2]);
            c[1]++;
            if ("done".equals(rs.getString("outcome"))) {
              c[0]++;
            }
            return null;
          },
          chatId,
          from.toString());
    }

    List<WeekPoint> points() {
      List<WeekPoint> out = new ArrayList<>();
      for (LocalDate w = from; !w.isAfter(thisWeek); w = w.plusWeeks(1)) {
        int[] c = reminders.get(w);
        if (pain.containsKey(w) || c != null) {
          out.add(new WeekPoint(w, pain.get(w), c == null ? null : c[0] / (double) c[1]));
        }
      }
      return out;
    }
  }
}
