package app.backcoach;

/**
 * The desk worker's answers as typed into the console (numbers pick buttons, so answers avoid bare
 * numbers).
 */
public final class ConsoleScript {
  private ConsoleScript() {}

  public static final String[] DESK_WORKER = {
    "I work at a desk",
    "about 9 hours",
    "0",
    "nothing really",
    "not yet",
    "no equipment",
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
