package app.backcoach;

/**
 * The desk worker's answers as typed into the console (numbers pick buttons, so answers avoid bare
 * numbers).
 */
public final class ConsoleScript {
  private ConsoleScript() {}

  /** A desk worker who does not train: the intake skips the lifting questions (10 answers). */
  public static final String[] DESK_WORKER = {
    "I work at a desk",
    "about 9 hours",
    "0",
    "Berlin",
    "lower back",
    "mornings and after sitting",
    "3",
    "a few weeks",
    "none of these",
    "I slump in my chair"
  };

  /** A desk worker who trains in a gym: every one of the 20 intake questions is asked. */
  public static final String[] GYM_DESK_WORKER = {
    "I work at a desk",
    "about 9 hours",
    "3",
    "gym weights",
    "not yet",
    "dumbbells and a mat",
    "Berlin",
    "lower back",
    "mornings and after sitting",
    "3",
    "a few weeks",
    "none of these",
    "never",
    "I don't do pulling moves",
    "no",
    "Mostly free weights or bodyweight",
    "I don't track",
    "stop",
    "no",
    "I slump in my chair"
  };
}
