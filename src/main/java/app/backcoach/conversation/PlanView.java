package app.backcoach.conversation;

import app.backcoach.coaching.Plan;
import app.backcoach.content.Cards;
import app.backcoach.content.ContentBundle;
import app.backcoach.content.Exercise;
import app.backcoach.content.Mistake;
import app.backcoach.content.Msg;
import app.backcoach.content.Question;
import app.backcoach.content.RedFlag;
import app.backcoach.content.Urgency;
import app.backcoach.reply.Button;
import app.backcoach.reply.Callback;
import app.backcoach.reply.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns a stored plan, and the entries it links to, into replies; withholds exercise advice while a
 * red flag stands.
 */
final class PlanView {
  private final ContentBundle content;
  private final Cards cards;

  PlanView(ContentBundle content) {
    this.content = content;
    this.cards = new Cards(content);
  }

  List<Reply> plan(UserState s) {
    if (s.advicePaused()) {
      return List.of(withheld(s.redFlags()));
    }
    Plan plan = s.plan();
    if (plan == null) {
      return List.of(Reply.text(content.text(Msg.PLAN_NONE)));
    }
    return List.of(summary(plan, noWeights(s)), routine(plan));
  }

  /** Loaded kit (equipment tags): someone with none of it reads the no-kit wording of a fix. */
  private static final Set<String> WEIGHTS =
      Set.of("dumbbell", "barbell", "kettlebell", "cable", "machine");

  /**
   * Whether the user has no weights or machines: no answer gave such equipment or gym training (a
   * gym has them), or they do not train at all.
   */
  boolean noWeights(UserState s) {
    Set<String> tags = new java.util.HashSet<>();
    s.answers()
        .forEach(
            (qid, a) -> {
              Question q = content.onboarding().question(qid);
              for (String optionId : q == null ? List.<String>of() : a.options()) {
                Question.Option o = q.option(optionId);
                if (o != null) {
                  tags.addAll(o.tags());
                }
              }
            });
    return !tags.contains("gym") && tags.stream().noneMatch(WEIGHTS::contains);
  }

  private Reply summary(Plan plan, boolean noWeights) {
    StringBuilder text = new StringBuilder(content.text(Msg.PLAN_INTRO));
    if (plan.flaredUp()) {
      text.append("\n\n").append(content.text(Msg.PLAN_FLARED));
    }
    List<Button> buttons = new ArrayList<>();
    for (int i = 0; i < plan.fixes().size(); i++) {
      Mistake m = content.mistake(plan.fixes().get(i));
      if (m == null) {
        continue; // removed from the bundle since the plan was made
      }
      String n = String.valueOf(i + 1);
      List<String> fix = m.fixFor(noWeights);
      List<String> steps = fix.subList(0, Math.min(3, fix.size()));
      text.append("\n\n")
          .append(
              content.text(
                  Msg.PLAN_FIX,
                  "n",
                  n,
                  "title",
                  m.title(),
                  "why",
                  m.why(),
                  "steps",
                  Cards.numbered(steps)));
      buttons.add(
          Button.of(
              content.text(Msg.BTN_FIX_DETAILS, "n", n),
              new Callback.Card(Callback.CardKind.MISTAKE, m.id())));
    }
    return Reply.withButtons(text.toString(), Layout.chunk(buttons, 3));
  }

  private Reply routine(Plan plan) {
    List<String> parts = new ArrayList<>();
    for (Plan.Section section : plan.sections()) {
      List<String> lines = new ArrayList<>();
      for (Plan.Item item : section.items()) {
        lines.add(item.exercise() == null ? item.note() : line(item));
      }
      parts.add(
          content.text(Msg.PLAN_SECTION, "title", title(section), "items", Cards.numbered(lines)));
    }
    parts.add(content.text(Msg.PLAN_OPEN_HINT));
    List<Button> buttons = new ArrayList<>();
    for (String id : plan.exerciseIds()) {
      Exercise e = content.exercise(id);
      if (e != null) {
        buttons.add(Button.of(e.name(), new Callback.Card(Callback.CardKind.EXERCISE, id)));
      }
    }
    return Reply.withButtons(String.join("\n\n", parts), Layout.chunk(buttons, 2));
  }

  private String line(Plan.Item item) {
    Exercise e = content.exercise(item.exercise());
    String name = e == null ? item.exercise() : e.name();
    return item.dose() == null ? name : name + ": " + item.dose();
  }

  private String title(Plan.Section section) {
    String kind =
        content.text(
            switch (section.kind()) {
              case WARM_UP -> Msg.PLAN_SECTION_WARM_UP;
              case MAIN -> Msg.PLAN_SECTION_MAIN;
              case FIXES -> Msg.PLAN_SECTION_FIXES;
              case DAILY -> Msg.PLAN_SECTION_DAILY;
              case COOL_DOWN -> Msg.PLAN_SECTION_COOL_DOWN;
            });
    if (section.routineId() == null || content.routine(section.routineId()) == null) {
      return kind;
    }
    return kind + ": " + content.routine(section.routineId()).title();
  }

  /** The message shown instead of exercise advice while a red flag has not been cleared. */
  Reply withheld(Set<String> flags) {
    return Reply.withButtons(
        content.text(Msg.PLAN_WITHHELD, "flags", labels(flags)), Layout.single(clearedButton()));
  }

  private Button clearedButton() {
    return Button.of(
        content.text(Msg.BTN_CLEARED), new Callback.Clearance(Callback.ClearanceStep.ASK));
  }

  /** The referral, naming what the user described, with the way back once cleared. */
  Reply referral(Set<String> flags) {
    String text =
        content.safety().referrals().of(urgency(flags))
            + "\n\n"
            + content.text(Msg.REFERRAL_FLAGS, "flags", labels(flags));
    return Reply.withButtons(text, Layout.single(clearedButton()));
  }

  /** The most urgent of the flags; an id no longer in the bundle counts as an emergency. */
  Urgency urgency(Set<String> flagIds) {
    Urgency top = Urgency.SOON;
    for (String id : flagIds) {
      RedFlag f = content.safety().redFlag(id);
      Urgency u = f == null ? Urgency.EMERGENCY : f.urgency();
      top = u.compareTo(top) > 0 ? u : top;
    }
    return top;
  }

  String labels(Set<String> flagIds) {
    return content.safety().redFlags().stream()
        .filter(f -> flagIds.contains(f.id()))
        .map(RedFlag::label)
        .map(l -> "• " + l)
        .collect(Collectors.joining("\n"));
  }

  /**
   * A card for a fix, exercise or routine; null when the id is unknown (a forged or outdated
   * button).
   */
  Reply card(UserState s, Callback.CardKind kind, String id) {
    boolean advice = true;
    String text;
    List<List<Button>> buttons = List.of();
    switch (kind) {
      case MISTAKE -> {
        Mistake m = content.mistake(id);
        text = m == null ? null : cards.mistake(m, noWeights(s));
        if (m != null) {
          buttons =
              Layout.chunk(
                  m.exercises().stream()
                      .map(content::exercise)
                      .filter(java.util.Objects::nonNull)
                      .map(
                          e ->
                              Button.of(
                                  e.name(), new Callback.Card(Callback.CardKind.EXERCISE, e.id())))
                      .toList(),
                  2);
        }
      }
      case EXERCISE -> {
        Exercise e = content.exercise(id);
        text = e == null ? null : cards.exercise(e);
      }
      case GUIDANCE -> {
        text = content.guidance(id) == null ? null : cards.guidance(content.guidance(id));
        advice = false;
      }
      case ROUTINE -> {
        text = content.routine(id) == null ? null : cards.routine(content.routine(id));
      }
      default -> {
        text = null;
        advice = false;
      }
    }
    if (text == null) {
      return null;
    }
    if (advice && s.advicePaused()) {
      return withheld(s.redFlags());
    }
    return Reply.withButtons(text, buttons);
  }
}
