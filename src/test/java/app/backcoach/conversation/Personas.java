package app.backcoach.conversation;

/**
 * Three users from the brief, answering in their own words, as scripts for the engine and the
 * console.
 */
final class Personas {
  private Personas() {}

  /**
   * A desk worker with morning stiffness who does not train (the lifting questions are skipped).
   */
  static final String[] DESK_WORKER = app.backcoach.ConsoleScript.DESK_WORKER;

  /** The same desk worker, training in a gym: answers all 20 questions, in order. */
  static final String[] ALL_QUESTIONS = app.backcoach.ConsoleScript.GYM_DESK_WORKER;

  /** The ALL_QUESTIONS answer to each question, by question id. */
  static String answerTo(String questionId) {
    var qs = app.backcoach.TestContent.bundle().onboarding().questions();
    for (int i = 0; i < qs.size(); i++) {
      if (qs.get(i).id().equals(questionId)) {
        return ALL_QUESTIONS[i];
      }
    }
    throw new IllegalArgumentException("no question " + questionId);
  }

  /** Answers whatever question is asked, as ALL_QUESTIONS would, until the plan is ready. */
  static void finish(ChatDriver chat) {
    for (int guard = 0; chat.state.stage() == Stage.ASKING && guard < 40; guard++) {
      chat.say(answerTo(chat.state.questionId()));
    }
  }

  /** A gym lifter whose lower back hurts after deadlifts. */
  static final String[] DEADLIFTER = {
    "a mix of both", "6", "4", "weights and deadlifts", "3 years", "full gym", "New York",
        "lower back",
    "after lifting, especially deadlifts", "4", "a few days", "no", "sometimes", "no", "no",
        "a mix",
    "yes, same numbers", "push through it", "yes, often", "I lean on a lifting belt"
  };

  /** A gym puller whose grip gives out and whose arms do the pulling. */
  static final String[] PULLER = {
    "mostly on my feet",
    "3",
    "5",
    "gym",
    "more than 3 years",
    "full gym",
    "London",
    "upper back",
    "It doesn't",
    "1",
    "I have no pain",
    "none of these",
    "always",
    "yes, my arms give up first",
    "yes, grip goes first",
    "yes, mostly machines",
    "no, they go up",
    "lighten",
    "no",
    "none"
  };
}
