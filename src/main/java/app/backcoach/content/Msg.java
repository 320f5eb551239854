package app.backcoach.content;

import java.util.Set;

/** Every line of bot wording kept in {@code messages.yaml}, with the placeholders each may use. */
public enum Msg {
  GREETING,
  INTERNAL_ERROR,
  PRIVATE_ONLY,
  COMMAND_MENU,
  BOT_DESCRIPTION,
  BOT_SHORT_DESCRIPTION,
  BTN_LOCATION_PROMPT,
  WORDS_YES,
  WORDS_NO,
  BTN_NONE_OF_THESE,
  CONSENT_QUESTION,
  LINK_PRESET("answer"),
  BTN_CONSENT_YES,
  BTN_CONSENT_NO,
  CONSENT_DECLINED,
  CONSENT_NEEDED,
  QUESTION_HEADER("#n", "#total"),
  MULTI_HINT,
  BTN_DONE,
  MULTI_EMPTY,
  INVALID_CHOICE,
  AMBIGUOUS_CHOICE("options"),
  INVALID_NUMBER("#min", "#max"),
  INVALID_ZONE("input"),
  ZONE_SET("zone", "time"),
  ZONE_FROM_LOCATION("zone", "time"),
  ZONE_NEAR_BORDER("zone", "time", "other", "other_time"),
  ZONE_NEAREST_LAND("zone", "time"),
  ZONE_AT_SEA("zone", "time"),
  ZONE_ROUGH("zone", "time"),
  BTN_SEND_LOCATION,
  STALE_BUTTON,
  CHOSEN("answer"),
  PLAN_READY,
  PLAN_INTRO,
  PLAN_FLARED,
  PLAN_FIX("#n", "title", "why", "steps"),
  PLAN_SECTION("title", "items"),
  PLAN_SECTION_WARM_UP,
  PLAN_SECTION_MAIN,
  PLAN_SECTION_FIXES,
  PLAN_SECTION_DAILY,
  PLAN_SECTION_COOL_DOWN,
  PLAN_OPEN_HINT,
  PLAN_NONE,
  PLAN_WITHHELD("flags"),
  BTN_FIX_DETAILS("#n"),
  BTN_SHOW_PLAN,
  BTN_CLEARED,
  CLEARANCE_CONFIRM,
  BTN_YES_CLEARED,
  BTN_NOT_YET,
  CLEARED,
  NOT_CLEARED,
  REFERRAL_FLAGS("flags"),
  ONBOARDING_CONTINUES,
  HELP,
  UNKNOWN_COMMAND("command"),
  CANCELLED,
  NOTHING_TO_CANCEL,
  RESTART_CONFIRM,
  BTN_RESTART_YES,
  BTN_RESTART_NO,
  RESTART_KEPT,
  RESUME_OFFER("#n", "#total"),
  BTN_CONTINUE,
  BTN_START_OVER,
  WELCOME_BACK,
  UNSUPPORTED_INPUT("kind"),
  MISTAKE_CARD("title", "signs", "why", "fix", "exercises"),
  EXERCISE_CARD("name", "dose", "safety", "equipment", "steps", "cues", "avoid", "variations"),
  EXERCISE_SAFE_WHEN_SORE,
  EXERCISE_NOT_WHEN_SORE,
  EXERCISE_EASIER("name"),
  EXERCISE_HARDER("name"),
  EQUIPMENT_NONE,
  ROUTINE_CARD("title", "purpose", "#minutes", "steps"),
  GUIDANCE_CARD("title", "text"),
  REMINDER_POSTURE("item"),
  REMINDER_MOBILITY("moves", "#minutes"),
  REMINDER_WORKOUT("session", "hint"),
  REMINDER_CHECKIN("#questions"),
  WORKOUT_HINT("name"),
  WORKOUT_HINT_NONE,
  CATCH_UP("missed", "item"),
  BTN_REMINDER_DONE,
  BTN_SNOOZE_10,
  BTN_SNOOZE_30,
  BTN_SNOOZE_60,
  BTN_SKIP_TODAY,
  BTN_START_CHECKIN,
  REMINDER_SNOOZED("#minutes"),
  REMINDER_SKIPPED,
  REMINDER_ALREADY,
  STREAK("#days"),
  KIND_POSTURE("#count"),
  KIND_MOBILITY("#count"),
  KIND_WORKOUT("#count"),
  KIND_CHECKIN("#count"),
  REMINDERS_PROPOSAL("list"),
  BTN_ACCEPT_REMINDERS,
  BTN_LATER,
  REMINDERS_SET,
  REMINDERS_LATER,
  REMINDERS_LIST("list", "quiet", "paused", "help"),
  REMINDERS_NONE,
  REMINDER_LINE("name", "when", "next"),
  REMINDER_LINE_OFF("name", "when"),
  WHEN_DAILY("time", "days"),
  WHEN_POSTURE("#every", "from", "to", "days"),
  DAYS_EVERY,
  DAYS_WEEKDAYS,
  QUIET_LINE("start", "end", "mode"),
  QUIET_MOVE,
  QUIET_SILENT,
  PAUSED_LINE("until"),
  PAUSED_LINE_FOREVER,
  SETTINGS_HELP,
  BTN_TURN_ON("name"),
  BTN_TURN_OFF("name"),
  BTN_QUIET_MODE,
  SETTING_SAVED("what"),
  NAME_POSTURE,
  NAME_MOBILITY,
  NAME_WORKOUT,
  NAME_CHECKIN,
  TIMEZONE_ASK,
  PAUSE_ASK,
  BTN_PAUSE_TODAY,
  BTN_PAUSE_WEEK,
  BTN_PAUSE_FOREVER,
  PAUSED("until"),
  PAUSED_FOREVER,
  RESUMED,
  NOT_PAUSED,
  DESK_STARTED("#every", "until"),
  DESK_ENDED,
  NEEDS_PLAN,
  CHECKIN_INTRO("#questions"),
  CHECKIN_THANKS("#pain", "#sessions"),
  CHECKIN_STEP_BACK,
  CHECKIN_PROGRESS("change"),
  CHECKIN_PROGRESS_MORE,
  CHECKIN_HOLD,
  CHECKIN_SEE_PRO,
  CHECKIN_DELOAD,
  CHECKIN_GET_CHECKED("#pain"),
  CHECKIN_UPDATED,
  CHECKIN_FIT_TOO_MANY,
  CHECKIN_FIT_TOO_FEW,
  CHECKIN_FIT_TIMES,
  CHECKIN_ONLY_WHILE_PAUSED,
  REMINDERS_ADVICE_PAUSED,
  BTN_CHANGE_ANSWER,
  CHANGE_WHICH,
  PLAN_CHANGES("changes"),
  CHANGE_PROGRESS("from", "to"),
  CHANGE_STEP_BACK,
  PROGRESS_TEXT("weeks", "share", "#streak"),
  PROGRESS_WEEK("week", "pain", "#done", "#total"),
  PROGRESS_NO_PAIN,
  PROGRESS_EMPTY,
  CHART_CAPTION,
  CHART_TITLE,
  CHART_WEEK_AXIS,
  CHART_PAIN,
  CHART_ADHERENCE,
  CHART_PAIN_AXIS,
  CHART_ADHERENCE_AXIS,
  CHART_EMPTY,
  CHART_SAVED("path"),
  ASK_NO_MATCH,
  ASK_FLARED_NOTE,
  ASK_NO_KIT("name"),
  PRIVACY,
  DELETE_CONFIRM,
  BTN_DELETE_YES,
  BTN_DELETE_NO,
  DELETED,
  DELETE_KEPT,
  EXPORT_CAPTION,
  STATS(
      "#users",
      "#active",
      "#sent",
      "#done",
      "#checkins",
      "pain_now",
      "pain_before",
      "#quarantined",
      "#quarantined_today");

  private final Set<String> placeholders;
  private final Set<String> counts;
  private final String key;

  /** Placeholder names; one written {@code "#days"} takes a number, so may choose a plural form. */
  Msg(String... placeholders) {
    Set<String> all = new java.util.LinkedHashSet<>();
    Set<String> numbers = new java.util.LinkedHashSet<>();
    for (String p : placeholders) {
      String name = p.startsWith("#") ? p.substring(1) : p;
      all.add(name);
      if (!name.equals(p)) {
        numbers.add(name);
      }
    }
    this.placeholders = Set.copyOf(all);
    this.counts = Set.copyOf(numbers);
    this.key = name().toLowerCase(java.util.Locale.ROOT);
  }

  /** The key as written in messages.yaml. */
  public String key() {
    return key;
  }

  /** Placeholders this message may use, written {@code {name}} in the text. */
  public Set<String> placeholders() {
    return placeholders;
  }

  /**
   * The placeholders that take a number (a count, or a position like "question 2 of 7"): only these
   * may choose a plural form, written {@code {days, plural, one {# day} other {# days}}}.
   */
  public Set<String> counts() {
    return counts;
  }
}
