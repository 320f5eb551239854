package app.backcoach.reminders;

import app.backcoach.coaching.Plan;
import app.backcoach.content.Cards;
import app.backcoach.content.ContentBundle;
import app.backcoach.content.Exercise;
import app.backcoach.content.Msg;
import app.backcoach.content.Routine;
import app.backcoach.reply.Button;
import app.backcoach.reply.Callback;
import app.backcoach.reply.Reply;
import app.backcoach.storage.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes reminder messages, each saying what to do now with its dose: a posture break's one move
 * (rotated so the last few are not repeated), the daily mobility's moves and the workout from the
 * user's plan, the check-in's questions; with buttons.
 */
final class ReminderText {
  private final ContentBundle content;
  private final Cards cards;
  private final java.util.Map<Kind, List<String>> itemsByKind =
      new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * What reminders take from a plan: the workout's main session and the harder variants to hint at,
   * and the daily mobility moves. Compared by identity: one instance per distinct plan while it is
   * cached.
   */
  static final class FromPlan {
    final String session;
    final List<String> harder;
    final String mobility;

    FromPlan(String session, List<String> harder, String mobility) {
      this.session = session;
      this.harder = harder;
      this.mobility = mobility;
    }
  }

  /** How many distinct plans are kept rendered. */
  static final int PLANS_KEPT = 1_024;

  private static final com.fasterxml.jackson.core.type.TypeReference<List<Plan.Section>> SECTIONS =
      new com.fasterxml.jackson.core.type.TypeReference<>() {};

  /**
   * Rendered plans by plan text id ({@code plan_texts}, whose ids are never reused, so an id always
   * means the same text). Plans are built from the bundle's finite set of routines and fixes, so
   * many users share one text, and a fan-out of thousands of reminders parses and renders each
   * distinct plan once.
   */
  private final java.util.Map<Long, FromPlan> plans =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** What reminders say without a plan (the bundle's home workout and morning mobility). */
  private volatile FromPlan noPlan;

  /** Button labels, the same on every reminder. */
  private final String done;

  private final String snooze10;
  private final String snooze30;
  private final String snooze60;
  private final String skipToday;

  ReminderText(ContentBundle content) {
    this.content = content;
    this.cards = new Cards(content);
    this.done = content.text(Msg.BTN_REMINDER_DONE);
    this.snooze10 = content.text(Msg.BTN_SNOOZE_10);
    this.snooze30 = content.text(Msg.BTN_SNOOZE_30);
    this.snooze60 = content.text(Msg.BTN_SNOOZE_60);
    this.skipToday = content.text(Msg.BTN_SKIP_TODAY);
  }

  /** True for a kind whose plan part ({@link #plan}) its text needs. */
  static boolean needsPlan(Kind kind) {
    return kind == Kind.WORKOUT || kind == Kind.MOBILITY;
  }

  /**
   * Which of a kind's texts {@code rotation} picks: the index in the rotation list, or of the
   * workout's hint; 0 where there is one text. {@link #reminder} with this instead of the rotation
   * gives the same text. {@code plan} is the user's ({@link #plan}), needed where {@link
   * #needsPlan}.
   */
  int variant(Kind kind, int rotation, FromPlan plan) {
    int n = kind == Kind.WORKOUT ? plan.harder.size() : rotates(kind) ? items(kind).size() : 0;
    return n == 0 ? 0 : Math.floorMod(rotation, n);
  }

  /**
   * What a reminder asks for, as logged: a rotating kind's move, the mobility moves, else empty.
   */
  String item(Kind kind, int rotation, FromPlan plan) {
    if (kind == Kind.MOBILITY) {
      return plan.mobility;
    }
    List<String> items = rotates(kind) ? items(kind) : List.of();
    return items.isEmpty() ? "" : items.get(Math.floorMod(rotation, items.size()));
  }

  /** A kind with a routine of its own that is not drawn from the plan sends one of its moves. */
  private static boolean rotates(Kind kind) {
    return kind.routine != null && !needsPlan(kind);
  }

  /**
   * The rotation list of a kind: its routine's moves with their doses (a routine's notes are for
   * its card, not a thing to do now). Rendered once, since the bundle does not change while
   * running.
   */
  List<String> items(Kind kind) {
    return itemsByKind.computeIfAbsent(kind, k -> moves(k.routine));
  }

  /** The exercise steps of a routine, as "Chin tuck: 5 slow reps" lines. */
  private List<String> moves(String routineId) {
    Routine r = routineId == null ? null : content.routine(routineId);
    List<String> out = new ArrayList<>();
    for (Routine.Step st : r == null ? List.<Routine.Step>of() : r.steps()) {
      if (st.exercise() != null) {
        out.add(cards.step(st));
      }
    }
    return List.copyOf(out);
  }

  /**
   * @param plan the user's plan part ({@link #plan}), needed where {@link #needsPlan}
   */
  Reply reminder(Kind kind, long logId, int rotation, FromPlan plan) {
    if (kind == Kind.WORKOUT) {
      return Reply.withButtons(
          content.text(kind.message, "session", plan.session, "hint", hint(plan.harder, rotation)),
          buttons(logId));
    }
    if (kind == Kind.MOBILITY) {
      return Reply.withButtons(
          content.text(
              kind.message,
              "moves",
              plan.mobility,
              "minutes",
              content.routine(kind.routine).minutes()),
          buttons(logId));
    }
    if (kind == Kind.CHECKIN) {
      return Reply.withButtons(
          content.text(kind.message, "questions", content.onboarding().checkin().size()),
          List.of(
              List.of(
                  Button.of(content.text(Msg.BTN_START_CHECKIN), new Callback.StartCheckin()))));
    }
    // Every other kind rotates through its routine's moves.
    return Reply.withButtons(
        content.text(kind.message, "item", item(kind, rotation, plan)), buttons(logId));
  }

  /** The main part of the user's plan as a numbered list. */
  String session(List<Plan.Section> plan) {
    List<String> lines = new ArrayList<>();
    if (plan != null) {
      for (Plan.Section s : plan) {
        if (s.kind() == Plan.SectionKind.MAIN) {
          for (Plan.Item i : s.items()) {
            lines.add(line(i));
          }
        }
      }
    }
    if (lines.isEmpty()) {
      Routine fallback = content.routine("home_back_workout");
      fallback.steps().forEach(st -> lines.add(cards.step(st)));
    }
    return Cards.numbered(lines);
  }

  /**
   * The daily mobility moves as a numbered list: the exercises of the plan's copy of the mobility
   * routine (fitted to the user's kit and back), or the routine's own when the plan has none.
   */
  String mobility(List<Plan.Section> plan) {
    List<String> lines = new ArrayList<>();
    if (plan != null) {
      for (Plan.Section s : plan) {
        if (Kind.MOBILITY.routine.equals(s.routineId())) {
          for (Plan.Item i : s.items()) {
            if (i.exercise() != null) {
              lines.add(line(i));
            }
          }
        }
      }
    }
    if (lines.isEmpty()) {
      lines.addAll(moves(Kind.MOBILITY.routine));
    }
    return Cards.numbered(lines);
  }

  private String line(Plan.Item i) {
    Exercise e = i.exercise() == null ? null : content.exercise(i.exercise());
    return e == null ? i.note() : i.dose() == null ? e.name() : e.name() + ": " + i.dose();
  }

  /**
   * What reminders take from the plan text {@code textId} (null: no plan), rendered once per
   * distinct text; {@code load} reads a text not rendered yet.
   */
  FromPlan plan(Long textId, java.util.function.LongFunction<String> load) {
    if (textId == null) {
      FromPlan p = noPlan;
      if (p == null) {
        p = render(null);
        noPlan = p;
      }
      return p;
    }
    FromPlan p = plans.get(textId);
    if (p == null) {
      p = render(load.apply(textId));
      if (plans.size() >= PLANS_KEPT) {
        plans.clear(); // a simple bound: the common plans come straight back
      }
      plans.put(textId, p);
    }
    return p;
  }

  /** What reminders take from a plan's sections as stored (JSON; null: no plan), not cached. */
  FromPlan render(String sections) {
    List<Plan.Section> plan = sections == null ? null : Json.read(sections, SECTIONS);
    return new FromPlan(session(plan), harder(plan), mobility(plan));
  }

  /**
   * The one message that stands for reminders that could not go out on time: how many of each kind
   * were missed, and one posture move to do now.
   */
  Reply catchUp(List<Kind> missed) {
    java.util.Map<Kind, Integer> counts = new java.util.LinkedHashMap<>();
    missed.forEach(k -> counts.merge(k, 1, Integer::sum));
    List<String> what = new ArrayList<>();
    counts.forEach((k, n) -> what.add(content.text(k.countedName, "count", n)));
    return Reply.text(
        content.text(
            Msg.CATCH_UP, "missed", String.join(", ", what), "item", item(Kind.POSTURE, 0, null)));
  }

  /** Names of the harder variants of the plan's exercises, in plan order. */
  List<String> harder(List<Plan.Section> plan) {
    List<String> harder = new ArrayList<>();
    if (plan != null) {
      for (String id : Plan.exerciseIds(plan)) {
        Exercise e = content.exercise(id);
        if (e != null && e.harder() != null && content.exercise(e.harder()) != null) {
          harder.add(content.exercise(e.harder()).name());
        }
      }
    }
    return List.copyOf(harder);
  }

  String hint(List<String> harder, int rotation) {
    return harder.isEmpty()
        ? content.text(Msg.WORKOUT_HINT_NONE)
        : content.text(
            Msg.WORKOUT_HINT, "name", harder.get(Math.floorMod(rotation, harder.size())));
  }

  private List<List<Button>> buttons(long logId) {
    String p = "rm:" + logId + ":";
    return List.of(
        List.of(Button.of(done, new Callback.ReminderTap(logId, Callback.ReminderAction.DONE))),
        List.of(
            Button.of(snooze10, new Callback.ReminderTap(logId, Callback.ReminderAction.SNOOZE_10)),
            Button.of(snooze30, new Callback.ReminderTap(logId, Callback.ReminderAction.SNOOZE_30)),
            Button.of(
                snooze60, new Callback.ReminderTap(logId, Callback.ReminderAction.SNOOZE_60))),
        List.of(
            Button.of(
                skipToday, new Callback.ReminderTap(logId, Callback.ReminderAction.SKIP_TODAY))));
  }
}
