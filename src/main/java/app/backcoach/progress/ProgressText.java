package app.backcoach.progress;

import app.backcoach.content.ContentBundle;
import app.backcoach.content.Msg;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The /progress wording: a summary short enough to be the chart's caption, and the chart's labels,
 * with counts in the right singular or plural.
 */
final class ProgressText {
  private final ContentBundle content;

  ProgressText(ContentBundle content) {
    this.content = content;
  }

  /**
   * Three lines: how pain moved between the first and the last check-in of {@code weeks}, the share
   * of reminders done, and the streak.
   */
  String summary(List<WeekPoint> weeks, int done, int total, int streak) {
    List<WeekPoint> checkins = weeks.stream().filter(w -> w.pain() != null).toList();
    String pain;
    if (checkins.isEmpty()) {
      pain = content.text(Msg.PROGRESS_PAIN_NONE);
    } else if (checkins.size() == 1) {
      pain = content.text(Msg.PROGRESS_PAIN_ONCE, "pain", checkins.get(0).pain());
    } else {
      WeekPoint first = checkins.get(0);
      WeekPoint last = checkins.get(checkins.size() - 1);
      int span = (int) ChronoUnit.WEEKS.between(first.weekOf(), last.weekOf());
      pain =
          content.text(
              Msg.PROGRESS_PAIN_TREND,
              "from",
              first.pain(),
              "to",
              last.pain(),
              "weeks",
              weeks(span));
    }
    String reminders =
        total == 0
            ? content.text(Msg.PROGRESS_DONE_NONE)
            : content.text(
                Msg.PROGRESS_DONE,
                "percent",
                Math.round(100.0 * done / total),
                "done",
                done,
                "total",
                total);
    return String.join("\n", pain, reminders, streak(streak));
  }

  /** "Streak: 3 days in a row", or what to do when there is none. */
  String streak(int days) {
    return days == 0
        ? content.text(Msg.PROGRESS_STREAK_NONE)
        : content.text(Msg.PROGRESS_STREAK, "days", days(days));
  }

  String days(int n) {
    return n == 1
        ? content.text(Msg.PROGRESS_DAYS_ONE)
        : content.text(Msg.PROGRESS_DAYS_OTHER, "n", n);
  }

  String weeks(int n) {
    return n == 1
        ? content.text(Msg.PROGRESS_WEEKS_ONE)
        : content.text(Msg.PROGRESS_WEEKS_OTHER, "n", n);
  }

  /** The chart's labels, the streak as its subtitle. */
  ProgressChart.Labels labels(int streak) {
    return new ProgressChart.Labels(
        content.text(Msg.CHART_TITLE),
        streak == 0 ? content.text(Msg.CHART_NO_STREAK) : streak(streak),
        content.text(Msg.CHART_PAIN),
        content.text(Msg.CHART_PAIN_HINT),
        content.text(Msg.CHART_ADHERENCE),
        content.text(Msg.CHART_NO_PAIN),
        content.text(Msg.CHART_NO_REMINDERS));
  }
}
