package app.backcoach.coaching;

import java.util.ArrayList;
import java.util.List;

/**
 * The weekly check-in rules on the pain trend. Protective rules come first and never lead to a
 * progression: pain at or above {@link #HIGH_PAIN}/10, a rise of {@link #JUMP} points or more since
 * the last check-in, or a rise two check-ins in a row steps back to the gentle routine and asks the
 * user to get the back checked. Otherwise stable or lower pain with most reminders done earns one
 * progression step; no improvement after about six weeks suggests a professional; a lighter deload
 * week is suggested every six weeks of training. docs/SAFETY.md states these rules.
 */
public final class CheckinRules {
  /** Share of reminders done that counts as "most". */
  static final double MOST = 0.6;

  /** Pain from which the user is asked to get it checked, whatever the trend (0-10 scale). */
  public static final int HIGH_PAIN = 7;

  /** A rise of this many points since the last check-in counts as rising sharply. */
  public static final int JUMP = 2;

  static final int WEEKS_FOR_REVIEW = 6;
  static final int DELOAD_EVERY = 6;

  private CheckinRules() {}

  /** What to change, in the order to tell the user. */
  public enum Adjustment {
    STEP_BACK,
    GET_CHECKED,
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
    boolean jump = n >= 2 && now.pain() - history.get(n - 2).pain() >= JUMP;
    boolean protect = risingTwice || jump || now.pain() >= HIGH_PAIN;
    boolean notWorse = n == 1 || now.pain() <= history.get(n - 2).pain();
    boolean diligent = now.adherence() != null ? now.adherence() >= MOST : now.sessions() >= 2;
    if (protect) {
      out.add(Adjustment.STEP_BACK);
      out.add(Adjustment.GET_CHECKED);
    } else if (notWorse && diligent) {
      out.add(Adjustment.PROGRESS);
    } else {
      out.add(Adjustment.HOLD);
    }
    CheckinRecord first = history.get(Math.max(0, n - 1 - WEEKS_FOR_REVIEW));
    if (!protect && n > WEEKS_FOR_REVIEW && first.pain() > 0 && now.pain() >= first.pain()) {
      out.add(Adjustment.SEE_PROFESSIONAL);
    }
    if (!protect && weeksSinceDeload(history) >= DELOAD_EVERY) {
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
