package app.backcoach.content;

import java.util.List;

/**
 * The onboarding questions in order, the numbers the plan rules use, and the weekly check-in
 * questions.
 */
public record Onboarding(List<Question> questions, PlanRules plan, List<Question> checkin) {
  public Onboarding {
    questions = Lists.orEmpty(questions);
    checkin = Lists.orEmpty(checkin);
  }

  /**
   * Tunable numbers for the plan: how many fixes to show, and when a conversation counts as stale.
   */
  public record PlanRules(Integer topFixes, Integer resumeAfterHours) {}

  /** The question with this id, or null. */
  public Question question(String id) {
    return questions.stream().filter(q -> q != null && id.equals(q.id())).findFirst().orElse(null);
  }

  /** The question after {@code id}, or null when it is the last. */
  public Question after(String id) {
    for (int i = 0; i < questions.size() - 1; i++) {
      if (questions.get(i) != null && id.equals(questions.get(i).id())) {
        return questions.get(i + 1);
      }
    }
    return null;
  }
}
