package app.backcoach.progress;

import app.backcoach.content.ContentBundle;
import app.backcoach.content.Msg;

/** The /progress wording: the chart's labels, with counts in the right singular or plural. */
final class ProgressText {
  private final ContentBundle content;

  ProgressText(ContentBundle content) {
    this.content = content;
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
