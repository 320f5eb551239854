package app.backcoach.content;

import java.util.List;
import java.util.Map;

/**
 * Ids the code relies on, so a bundle without them fails the content check instead of failing a
 * user.
 */
final class Required {
  private Required() {}

  /** Routines the plan rules pick from. */
  public static final List<String> ROUTINES =
      List.of(
          "warm_up",
          "cool_down",
          "back_workout",
          "home_back_workout",
          "gentle_sore_back",
          "desk_breaks",
          "morning_mobility");

  /** Check-in questions the check-in rules read, with the type each must have. */
  public static final Map<String, Question.Type> CHECKIN =
      Map.of(
          "ck_pain", Question.Type.NUMBER,
          "ck_sessions", Question.Type.NUMBER,
          "ck_fit", Question.Type.CHOICE,
          "ck_red_flags", Question.Type.REDFLAGS);

  /** Questions the engine and plan rules read, with the type each must have. */
  public static final Map<String, Question.Type> QUESTIONS =
      Map.of(
          "timezone", Question.Type.ZONE,
          "pain_level", Question.Type.NUMBER,
          "equipment", Question.Type.MULTI,
          "red_flags", Question.Type.REDFLAGS);
}
