package app.backcoach.coaching;

import java.util.ArrayList;
import java.util.List;

/**
 * The weekly check-in rules on the pain trend: pain up two check-ins in a row steps back; stable or
 * lower pain with most reminders done earns one progression step; no improvement after about six
 * weeks suggests a professional; a lighter deload week is suggested every six weeks of training.
 */
public final class CheckinRules {
  /** Share of reminders done that counts as "most". */
  static final double MOST = 0.6;

  static final int WEEKS_FOR_REVIEW = 6;
  static final int DELOAD_EVERY = 6;

  private CheckinRules() {}

  /** What to change, in the order to tell the user. */
  public enum Adjustment {
    STEP_BACK,
    PROGRESS,
    HOLD,
    SEE_PROFESSIONAL,
    DELOAD
  }

  /** Decides from the history, oldest first, whose last entry is the check-in just made. */
  public static List<Adjustment> decide(List<CheckinRecord> history) {
    List<Adjustment> out = new ArrayList<>();
    int n = history.size();
    CheckinRecord now = history.get(n - 1);
    boolean risingTwice =
        n >= 3
            && now.pain() > history.get(n - 2).pain()
            && history.get(n - 2).pain() > history.get(n - 3).pain();
    boolean notWorse = n == 1 || now.pain() <= history.get(n - 2).pain();
    boolean diligent = now.adherence() != null ? now.adherence() >= MOST : now.sessions() >= 2;
    if (risingTwice) {
      out.add(Adjustment.STEP_BACK);
    } else if (notWorse && diligent) {
      out.add(Adjustment.PROGRESS);
    } else {
      out.add(Adjustment.HOLD);
    }
    CheckinRecord first = history.get(Math.max(0, n - 1 - WEEKS_FOR_REVIEW));
    if (n > WEEKS_FOR_REVIEW && first.pain() > 0 && now.pain() >= first.pain()) {
      out.add(Adjustment.SEE_PROFESSIONAL);
    }
    if (!risingTwice && weeksSinceDeload(history) >= DELOAD_EVERY) {
      out.add(Adjustment.DELOAD);
    }
    return out;
  }

  private static int weeksSinceDeload(List<CheckinRecord> history) {
    int weeks = 0;
    for (int i = history.size() - 2; i >= 0; i--) {
      String d = history.get(i).decision();
      if (d != null && d.contains("DELOAD")) {
        break;
      }
      weeks++;
    }
    return weeks + 1;
  }
}
