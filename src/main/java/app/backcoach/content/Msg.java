package app.backcoach.content;

import java.util.Set;

/** Every line of bot wording kept in {@code messages.yaml}, with the placeholders each may use. */
public enum Msg {
  GREETING,
  INTERNAL_ERROR,
  PRIVATE_ONLY,
  COMMAND_MENU,
  BTN_LOCATION_PROMPT,
  WORDS_YES,
  WORDS_NO,
  BTN_NONE_OF_THESE,
  CONSENT_QUESTION,
  BTN_CONSENT_YES,
  BTN_CONSENT_NO,
  CONSENT_DECLINED,
  CONSENT_NEEDED,
  QUESTION_HEADER("n", "total"),
  MULTI_HINT,
  BTN_DONE,
  MULTI_EMPTY,
  INVALID_CHOICE,
  AMBIGUOUS_CHOICE("options"),
  INVALID_NUMBER("min", "max"),
  INVALID_ZONE("input"),
  ZONE_SET("zone", "time"),
  ZONE_FROM_LOCATION("zone"),
  BTN_SEND_LOCATION,
  STALE_BUTTON,
  CHOSEN("answer"),
  PLAN_READY,
  PLAN_INTRO,
  PLAN_FLARED,
  PLAN_FIX("n", "title", "why", "steps"),
  PLAN_SECTION("title", "items"),
  PLAN_SECTION_WARM_UP,
  PLAN_SECTION_MAIN,
  PLAN_SECTION_FIXES,
  PLAN_SECTION_DAILY,
  PLAN_SECTION_COOL_DOWN,
  PLAN_OPEN_HINT,
  PLAN_NONE,
  PLAN_WITHHELD("flags"),
  BTN_FIX_DETAILS("n"),
  BTN_SHOW_PLAN,
  BTN_CLEARED,
  CLEARANCE_CONFIRM,
  BTN_YES_CLEARED,
  BTN_NOT_YET,
  CLEARED,
  NOT_CLEARED,
  REFERRAL_FLAGS("flags"),
  ONBOARDING_CONTINUES,
  EXERCISE_WITHHELD,
  HELP,
  UNKNOWN_COMMAND("command"),
  CANCELLED,
  NOTHING_TO_CANCEL,
  RESTART_CONFIRM,
  BTN_RESTART_YES,
  BTN_RESTART_NO,
  RESTART_KEPT,
  RESUME_OFFER("n", "total"),
  BTN_CONTINUE,
  BTN_START_OVER,
  WELCOME_BACK,
  NOT_UNDERSTOOD,
  UNSUPPORTED_INPUT("kind"),
  MISTAKE_CARD("title", "signs", "why", "fix", "exercises"),
  EXERCISE_CARD("name", "dose", "safety", "equipment", "steps", "cues", "avoid", "variations"),
  EXERCISE_SAFE_WHEN_SORE,
  EXERCISE_NOT_WHEN_SORE,
  EXERCISE_EASIER("name"),
  EXERCISE_HARDER("name"),
  EQUIPMENT_NONE,
  ROUTINE_CARD("title", "purpose", "minutes", "steps"),
  GUIDANCE_CARD("title", "text"),
  REMINDER_POSTURE("item"),
  REMINDER_MOBILITY("item"),
  REMINDER_WORKOUT("session", "hint"),
  REMINDER_CHECKIN,
  WORKOUT_HINT("name"),
  WORKOUT_HINT_NONE,
  CATCH_UP("missed", "item"),
  BTN_REMINDER_DONE,
  BTN_SNOOZE_10,
  BTN_SNOOZE_30,
  BTN_SNOOZE_60,
  BTN_SKIP_TODAY,
  BTN_START_CHECKIN,
  REMINDER_DONE,
  REMINDER_SNOOZED("minutes"),
  REMINDER_SKIPPED,
  REMINDER_ALREADY,
  STREAK("days"),
  KIND_POSTURE,
  KIND_MOBILITY,
  KIND_WORKOUT,
  KIND_CHECKIN;

  private final Set<String> placeholders;

  Msg(String... placeholders) {
    this.placeholders = Set.of(placeholders);
  }

  /** The key as written in messages.yaml. */
  public String key() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** Placeholders this message may use, written {@code {name}} in the text. */
  public Set<String> placeholders() {
    return placeholders;
  }
}
