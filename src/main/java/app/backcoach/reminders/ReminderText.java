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
 * Writes reminder messages: one concrete thing to do now, rotated so the last few are not repeated,
 * with buttons.
 */
final class ReminderText {
  private final ContentBundle content;
  private final Cards cards;
  private final java.util.Map<Kind, List<String>> itemsByKind =
      new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * What a workout reminder takes from a plan: the main session, and harder variants to hint at.
   * Compared by identity: one instance per distinct plan while it is cached.
   */
  static final class Workout {
    final String session;
    final List<String> harder;

    Workout(String session, List<String> harder) {
      this.session = session;
      this.harder = harder;
    }
  }

  /** How many distinct plans' workouts are kept rendered. */
  static final int WORKOUTS_KEPT = 1_024;

  private static final com.fasterxml.jackson.core.type.TypeReference<List<Plan.Section>> SECTIONS =
      new com.fasterxml.jackson.core.type.TypeReference<>() {};

  /**
   * Rendered workouts by plan text id ({@code plan_texts}, whose ids are never reused, so an id
   * always means the same text). Plans are built from the bundle's finite set of routines and
   * fixes, so many users share one text, and a fan-out of thousands of workout reminders parses and
   * renders each distinct plan once.
   */
  private final java.util.Map<Long, Workout> workouts =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** The workout without a plan (the bundle's home workout). */
  private volatile Workout noPlan;

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

  /**
   * Which of a kind's texts {@code rotation} picks: the index in the rotation list, or of the
   * workout's hint; 0 where there is one text. {@link #reminder} with this instead of the rotation
   * gives the same text. {@code workout} is the plan's ({@link #workout}), needed for a workout
   * only.
   */
  int variant(Kind kind, int rotation, Workout workout) {
    int n =
        kind == Kind.WORKOUT
            ? workout.harder.size()
            : kind.routine != null ? items(kind).size() : 0;
    return n == 0 ? 0 : Math.floorMod(rotation, n);
  }

  /** The thing to do now for a kind, the {@code rotation}-th of its list. */
  String item(Kind kind, int rotation) {
    List<String> items = items(kind);
    return items.isEmpty() ? "" : items.get(Math.floorMod(rotation, items.size()));
  }

  /** The rotation list of a kind; rendered once, since the bundle does not change while running. */
  List<String> items(Kind kind) {
    return itemsByKind.computeIfAbsent(
        kind,
        k -> {
          Routine r = k.routine == null ? null : content.routine(k.routine);
          List<String> out = new ArrayList<>();
          for (Routine.Step st : r == null ? List.<Routine.Step>of() : r.steps()) {
            out.add(cards.step(st));
          }
          return List.copyOf(out);
        });
  }

  /**
   * @param workout the plan's workout ({@link #workout}), needed for a workout reminder only
   */
  Reply reminder(Kind kind, long logId, int rotation, Workout workout) {
    if (kind == Kind.WORKOUT) {
      return Reply.withButtons(
          content.text(
              kind.message, "session", workout.session, "hint", hint(workout.harder, rotation)),
          buttons(logId));
    }
    if (kind == Kind.CHECKIN) {
      return Reply.withButtons(
          content.text(kind.message),
          List.of(
              List.of(
                  Button.of(content.text(Msg.BTN_START_CHECKIN), new Callback.StartCheckin()))));
    }
    // Every other kind rotates through its routine's steps.
    return Reply.withButtons(
        content.text(kind.message, "item", item(kind, rotation)), buttons(logId));
  }

  /** The main part of the user's plan as a numbered list. */
  String session(List<Plan.Section> plan) {
    List<String> lines = new ArrayList<>();
    if (plan != null) {
      for (Plan.Section s : plan) {
        if (s.kind() == Plan.SectionKind.MAIN) {
          for (Plan.Item i : s.items()) {
            Exercise e = i.exercise() == null ? null : content.exercise(i.exercise());
            lines.add(
                e == null ? i.note() : i.dose() == null ? e.name() : e.name() + ": " + i.dose());
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
   * The workout of the plan text {@code textId} (null: no plan), rendered once per distinct text;
   * {@code load} reads a text not rendered yet.
   */
  Workout workout(Long textId, java.util.function.LongFunction<String> load) {
    if (textId == null) {
      Workout w = noPlan;
      if (w == null) {
        w = render(null);
        noPlan = w;
      }
      return w;
    }
    Workout w = workouts.get(textId);
    if (w == null) {
      w = render(load.apply(textId));
      if (workouts.size() >= WORKOUTS_KEPT) {
        workouts.clear(); // a simple bound: the common plans come straight back
      }
      workouts.put(textId, w);
    }
    return w;
  }

  /** The workout of a plan's sections as stored (JSON; null: no plan), not cached. */
  Workout render(String sections) {
    List<Plan.Section> plan = sections == null ? null : Json.read(sections, SECTIONS);
    return new Workout(session(plan), harder(plan));
  }

  /** The one message that stands for reminders that could not go out on time. */
  app.backcoach.reply.Reply catchUp(java.util.List<Kind> missed) {
    String what =
        missed.stream()
            .collect(
                java.util.stream.Collectors.groupingBy(
                    k -> k, java.util.LinkedHashMap::new, java.util.stream.Collectors.counting()))
            .entrySet()
            .stream()
            .map(k -> k.getValue() + " × " + kindName(k.getKey()))
            .collect(java.util.stream.Collectors.joining(", "));
    return app.backcoach.reply.Reply.text(
        content.text(
            app.backcoach.content.Msg.CATCH_UP, "missed", what, "item", item(Kind.POSTURE, 0)));
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

  String kindName(Kind kind) {
    return content.text(kind.countedName);
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
