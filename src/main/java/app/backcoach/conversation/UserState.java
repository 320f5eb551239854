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
    return new UserState(
        chatId,
        s,
        question,
        null,
        answers,
        List.of(),
        consented,
        disclaimerShown,
        redFlags,
        plan,
        lastActivity,
        coaching);
  }

  UserState withPending(Pending p) {
    return new UserState(
        chatId,
        stage,
        questionId,
        p,
        answers,
        selection,
        consented,
        disclaimerShown,
        redFlags,
        plan,
        lastActivity,
        coaching);
  }

  UserState withAnswer(String question, Answer answer) {
    Map<String, Answer> next = new LinkedHashMap<>(answers);
    if (answer == null) {
      next.remove(question);
    } else {
      next.put(question, answer);
    }
    return new UserState(
        chatId,
        stage,
        questionId,
        pending,
        next,
        List.of(),
        consented,
        disclaimerShown,
        redFlags,
        plan,
        lastActivity,
        coaching);
  }

  UserState withSelection(List<String> s) {
    return new UserState(
        chatId,
        stage,
        questionId,
        pending,
        answers,
        s,
        consented,
        disclaimerShown,
        redFlags,
        plan,
        lastActivity,
        coaching);
  }

  UserState withConsent(boolean c) {
    return new UserState(
        chatId,
        stage,
        questionId,
        pending,
        answers,
        selection,
        c,
        disclaimerShown,
        redFlags,
        plan,
        lastActivity,
        coaching);
  }

  UserState withDisclaimerShown() {
    return new UserState(
        chatId,
        stage,
        questionId,
        pending,
        answers,
        selection,
        consented,
        true,
        redFlags,
        plan,
        lastActivity,
        coaching);
  }

  UserState withRedFlags(Set<String> flags) {
    return new UserState(
        chatId,
        stage,
        questionId,
        pending,
        answers,
        selection,
        consented,
        disclaimerShown,
        flags,
        plan,
        lastActivity,
        coaching);
  }

  UserState withPlan(Plan p) {
    return new UserState(
        chatId,
        stage,
        questionId,
        pending,
        answers,
        selection,
        consented,
        disclaimerShown,
        redFlags,
        p,
        lastActivity,
        coaching);
  }

  UserState withCoaching(Coaching c) {
    return new UserState(
        chatId,
        stage,
        questionId,
        pending,
        answers,
        selection,
        consented,
        disclaimerShown,
        redFlags,
        plan,
        lastActivity,
        c);
  }

  /** Forgets the onboarding answers and plan for a fresh start; red flags and reminders stay. */
  UserState withoutAnswers() {
    return new UserState(
        chatId,
        stage,
        questionId,
        pending,
        Map.of(),
        List.of(),
        consented,
        disclaimerShown,
        redFlags,
        null,
        lastActivity,
        coaching);
  }

  UserState touchedAt(Instant now) {
    return new UserState(
        chatId,
        stage,
        questionId,
        pending,
        answers,
        selection,
        consented,
        disclaimerShown,
        redFlags,
        plan,
        now,
        coaching);
  }
}
