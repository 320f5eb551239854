package app.backcoach.conversation;

import app.backcoach.coaching.Plan;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything the engine knows about one user. Immutable: the engine returns a changed copy.
 *
 * @param redFlags red flags raised and not yet cleared by the user's confirmation; while non-empty,
 *     no exercise advice
 * @param selection options ticked so far in a multiple-choice question
 */
public record UserState(
    long chatId,
    Stage stage,
    String questionId,
    Pending pending,
    Map<String, Answer> answers,
    List<String> selection,
    boolean consented,
    boolean disclaimerShown,
    Set<String> redFlags,
    Plan plan,
    Instant lastActivity,
    Coaching coaching) {

  public UserState {
    answers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(answers));
    selection = List.copyOf(selection);
    redFlags = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(redFlags));
    coaching = coaching == null ? Coaching.defaults() : coaching;
  }

  /** A user we have never heard from. */
  public static UserState fresh(long chatId) {
    return new UserState(
        chatId,
        Stage.NEW,
        null,
        null,
        Map.of(),
        List.of(),
        false,
        false,
        Set.of(),
        null,
        null,
        Coaching.defaults());
  }

  public boolean advicePaused() {
    return !redFlags.isEmpty();
  }

  /** The user's time zone from their answer, or null before they gave one. */
  public String zone() {
    Answer a = answers.get("timezone");
    return a == null ? null : a.value();
  }

  UserState withStage(Stage s, String question) {
    return edit(
        d -> {
          d.stage = s;
          d.questionId = question;
          d.pending = null;
          d.selection = List.of();
        });
  }

  UserState withPending(Pending p) {
    return edit(d -> d.pending = p);
  }

  /** The same state with one answer set, or removed when {@code answer} is null. */
  UserState withAnswer(String question, Answer answer) {
    return edit(
        d -> {
          if (answer == null) {
            d.answers.remove(question);
          } else {
            d.answers.put(question, answer);
          }
          d.selection = List.of();
        });
  }

  UserState withSelection(List<String> s) {
    return edit(d -> d.selection = s);
  }

  UserState withConsent(boolean c) {
    return edit(d -> d.consented = c);
  }

  UserState withDisclaimerShown() {
    return edit(d -> d.disclaimerShown = true);
  }

  UserState withRedFlags(Set<String> flags) {
    return edit(d -> d.redFlags = flags);
  }

  UserState withPlan(Plan p) {
    return edit(d -> d.plan = p);
  }

  UserState withCoaching(Coaching c) {
    return edit(d -> d.coaching = c);
  }

  /** Forgets the onboarding answers and plan for a fresh start; red flags and reminders stay. */
  UserState withoutAnswers() {
    return edit(
        d -> {
          d.answers.clear();
          d.selection = List.of();
          d.plan = null;
        });
  }

  UserState touchedAt(Instant now) {
    return edit(d -> d.lastActivity = now);
  }

  /** A changed copy: the change states only the fields it sets. */
  private UserState edit(java.util.function.Consumer<Draft> change) {
    Draft d = new Draft(this);
    change.accept(d);
    return new UserState(
        chatId,
        d.stage,
        d.questionId,
        d.pending,
        d.answers,
        d.selection,
        d.consented,
        d.disclaimerShown,
        d.redFlags,
        d.plan,
        d.lastActivity,
        d.coaching);
  }

  /** The mutable fields of a copy being made. */
  private static final class Draft {
    Stage stage;
    String questionId;
    Pending pending;
    Map<String, Answer> answers;
    List<String> selection;
    boolean consented;
    boolean disclaimerShown;
    Set<String> redFlags;
    Plan plan;
    Instant lastActivity;
    Coaching coaching;

    Draft(UserState s) {
      stage = s.stage;
      questionId = s.questionId;
      pending = s.pending;
      answers = new LinkedHashMap<>(s.answers);
      selection = s.selection;
      consented = s.consented;
      disclaimerShown = s.disclaimerShown;
      redFlags = s.redFlags;
      plan = s.plan;
      lastActivity = s.lastActivity;
      coaching = s.coaching;
    }
  }
}
