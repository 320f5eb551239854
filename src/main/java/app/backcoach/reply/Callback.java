package app.backcoach.reply;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * What a button does, as the data Telegram sends back when it is tapped: every kind of button is
 * one record here, encoded and decoded in this one file. Data that matches no record exactly (a
 * button from an older version, forged data) decodes to {@link Stale}. Telegram allows {@value
 * #MAX_BYTES} bytes; the content validator keeps question and option ids short enough.
 */
public sealed interface Callback {
  /** Telegram's limit on a button's callback data, in UTF-8 bytes. */
  int MAX_BYTES = 64;

  /** The data to put on the button. */
  String encode();

  /**
   * Agrees (or not) to storing answers.
   *
   * @param link the deep link the user came with ({@code desk}), or null
   */
  record Consent(boolean yes, String link) implements Callback {
    public Consent(boolean yes) {
      this(yes, null);
    }

    public String encode() {
      return "c:" + yn(yes) + (link == null ? "" : ":" + link);
    }
  }

  /** Answers a one-choice question with an option. */
  record Answer(String question, String option) implements Callback {
    public String encode() {
      return "a:" + question + ":" + option;
    }
  }

  /** Ticks or unticks an option of a multiple-choice question. */
  record Tick(String question, String option) implements Callback {
    public String encode() {
      return "m:" + question + ":" + option;
    }
  }

  /** Done ticking a multiple-choice question. */
  record DoneTicking(String question) implements Callback {
    public String encode() {
      return "md:" + question;
    }
  }

  /** Start over (or keep the plan) after /start. */
  record Restart(boolean yes) implements Callback {
    public String encode() {
      return "rs:" + yn(yes);
    }
  }

  /** Continue where we left off, or start over. */
  record Resume(boolean carryOn) implements Callback {
    public String encode() {
      return carryOn ? "g:c" : "g:r";
    }
  }

  /** The steps of confirming a clinician's clearance. */
  enum ClearanceStep {
    ASK("a"),
    YES("y"),
    NO("n");

    final String code;

    ClearanceStep(String code) {
      this.code = code;
    }
  }

  /** "A clinician has cleared me", then the confirmation. */
  record Clearance(ClearanceStep step) implements Callback {
    public String encode() {
      return "cl:" + step.code;
    }
  }

  /** Shows the plan. */
  record ShowPlan() implements Callback {
    public String encode() {
      return "p";
    }
  }

  /** The kinds of detail card a button opens. */
  enum CardKind {
    MISTAKE("f"),
    EXERCISE("x"),
    ROUTINE("r"),
    GUIDANCE("gd");

    final String code;

    CardKind(String code) {
      this.code = code;
    }
  }

  /** Opens the detail card of a mistake, exercise, routine or guidance fact. */
  record Card(CardKind kind, String id) implements Callback {
    public String encode() {
      return kind.code + ":" + id;
    }
  }

  /** Accepts (or not) the reminders proposed after the plan. */
  record Proposal(boolean yes) implements Callback {
    public String encode() {
      return "rp:" + yn(yes);
    }
  }

  /** Turns one kind of reminder on or off ({@code kind} is the reminder kind's name). */
  record ToggleReminder(String kind) implements Callback {
    public String encode() {
      return "rt:" + kind;
    }
  }

  /** Switches quiet hours between "wait" and "silent". */
  record QuietMode() implements Callback {
    public String encode() {
      return "rq";
    }
  }

  /** How long reminders pause. */
  enum PauseSpan {
    DAY("d"),
    WEEK("w"),
    UNTIL_RESUMED("f");

    final String code;

    PauseSpan(String code) {
      this.code = code;
    }
  }

  /** Pauses reminders. */
  record Pause(PauseSpan span) implements Callback {
    public String encode() {
      return "pz:" + span.code;
    }
  }

  /** Confirms (or not) erasing everything stored. */
  record Delete(boolean yes) implements Callback {
    public String encode() {
      return "del:" + yn(yes);
    }
  }

  /** Changes one answer: the list of questions (null), or one of them. */
  record Edit(String question) implements Callback {
    public String encode() {
      return question == null ? "ed" : "ed:" + question;
    }
  }

  /** Starts the weekly check-in. */
  record StartCheckin() implements Callback {
    public String encode() {
      return "ck:start";
    }
  }

  /** What a reminder's buttons do. */
  enum ReminderAction {
    DONE("d", 0),
    SNOOZE_10("s10", 10),
    SNOOZE_30("s30", 30),
    SNOOZE_60("s60", 60),
    SKIP_TODAY("k", 0);

    final String code;

    /** Minutes for a snooze, 0 otherwise. */
    public final int minutes;

    ReminderAction(String code, int minutes) {
      this.code = code;
      this.minutes = minutes;
    }
  }

  /** A button on a sent reminder, naming its reminder log row. */
  record ReminderTap(long logId, ReminderAction action) implements Callback {
    public String encode() {
      return "rm:" + logId + ":" + action.code;
    }
  }

  /** The location-sharing prompt's button (the reply keyboard sends a location, not this). */
  record ShareLocation() implements Callback {
    public String encode() {
      return "loc";
    }
  }

  /** Data no button of this version makes: from an old message, or forged. */
  record Stale(String data) implements Callback {
    public String encode() {
      return data;
    }
  }

  /** The button's meaning; {@link Stale} for anything that is not exactly what a button makes. */
  static Callback decode(String data) {
    if (data == null || data.isEmpty() || bytes(data) > MAX_BYTES) {
      return new Stale(data == null ? "" : data);
    }
    String[] p = data.split(":", -1);
    Callback c = decode(p);
    // Only the canonical form counts, so one tap has one meaning.
    return c != null && c.encode().equals(data) ? c : new Stale(data);
  }

  private static Callback decode(String[] p) {
    String head = p[0];
    int n = p.length;
    switch (head) {
      case "c":
        if (n == 3 && p[1].equals("y") && p[2].matches("[a-z]{1,16}")) {
          return new Consent(true, p[2]);
        }
        return n == 2 ? yesNo(p[1], Consent::new) : null;
      case "a":
        return n == 3 && id(p[1]) && id(p[2]) ? new Answer(p[1], p[2]) : null;
      case "m":
        return n == 3 && id(p[1]) && id(p[2]) ? new Tick(p[1], p[2]) : null;
      case "md":
        return n == 2 && id(p[1]) ? new DoneTicking(p[1]) : null;
      case "rs":
        return n == 2 ? yesNo(p[1], Restart::new) : null;
      case "g":
        return n == 2 && (p[1].equals("c") || p[1].equals("r"))
            ? new Resume(p[1].equals("c"))
            : null;
      case "cl":
        ClearanceStep step = n == 2 ? byCode(ClearanceStep.values(), p[1], s -> s.code) : null;
        return step == null ? null : new Clearance(step);
      case "p":
        return n == 1 ? new ShowPlan() : null;
      case "rp":
        return n == 2 ? yesNo(p[1], Proposal::new) : null;
      case "rt":
        return n == 2 && !p[1].isEmpty() && p[1].equals(p[1].toUpperCase(Locale.ROOT))
            ? new ToggleReminder(p[1])
            : null;
      case "rq":
        return n == 1 ? new QuietMode() : null;
      case "pz":
        PauseSpan span = n == 2 ? byCode(PauseSpan.values(), p[1], s -> s.code) : null;
        return span == null ? null : new Pause(span);
      case "del":
        return n == 2 ? yesNo(p[1], Delete::new) : null;
      case "ed":
        return n == 1 ? new Edit(null) : n == 2 && id(p[1]) ? new Edit(p[1]) : null;
      case "ck":
        return n == 2 && p[1].equals("start") ? new StartCheckin() : null;
      case "rm":
        ReminderAction action =
            n == 3 && p[1].matches("\\d{1,18}")
                ? byCode(ReminderAction.values(), p[2], a -> a.code)
                : null;
        return action == null ? null : new ReminderTap(Long.parseLong(p[1]), action);
      case "loc":
        return n == 1 ? new ShareLocation() : null;
      default:
        CardKind kind = byCode(CardKind.values(), head, k -> k.code);
        return kind != null && n == 2 && id(p[1]) ? new Card(kind, p[1]) : null;
    }
  }

  /** The value whose code this is, or null. */
  private static <E> E byCode(E[] values, String code, java.util.function.Function<E, String> of) {
    for (E v : values) {
      if (of.apply(v).equals(code)) {
        return v;
      }
    }
    return null;
  }

  /** The size Telegram counts. */
  static int bytes(String data) {
    return data.getBytes(StandardCharsets.UTF_8).length;
  }

  private static boolean id(String s) {
    return !s.isEmpty();
  }

  private static Callback yesNo(String s, java.util.function.Function<Boolean, Callback> make) {
    return s.equals("y") ? make.apply(true) : s.equals("n") ? make.apply(false) : null;
  }

  private static String yn(boolean yes) {
    return yes ? "y" : "n";
  }
}
