package app.backcoach.conversation;

import app.backcoach.coaching.CheckinRecord;
import app.backcoach.coaching.CheckinRules;
import app.backcoach.coaching.Plan;
import app.backcoach.coaching.PlanBuilder;
import app.backcoach.coaching.Profile;
import app.backcoach.content.ContentBundle;
import app.backcoach.content.Msg;
import app.backcoach.content.Question;
import app.backcoach.reply.Ack;
import app.backcoach.reply.Button;
import app.backcoach.reply.Reply;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Finishes a weekly check-in: stores it, applies the trend rules, and changes the plan where they
 * say so.
 */
final class Checkins {
  static final List<String> IDS = List.of("ck_pain", "ck_sessions", "ck_fit", "ck_red_flags");
  private final ContentBundle content;
  private final PlanBuilder planner;
  private final PlanView planView;
  private final SettingsFlow settings;

  Checkins(ContentBundle content, PlanView planView, SettingsFlow settings) {
    this.content = content;
    this.planner = new PlanBuilder(content);
    this.planView = planView;
    this.settings = settings;
  }

  Outcome finish(UserState s, List<Reply> replies, Ack ack, Instant now, Profile profile) {
    int pain = number(s, "ck_pain");
    int sessions = number(s, "ck_sessions");
    LocalDate week =
        now.atZone(SettingsFlow.zone(s))
            .toLocalDate()
            .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    List<CheckinRecord> history = new ArrayList<>(s.coaching().checkins());
    // One check-in per week counts: a second one updates it and may only protect, not progress.
    boolean again = !history.isEmpty() && history.get(history.size() - 1).weekOf().equals(week);
    if (again) {
      history.remove(history.size() - 1);
    }
    CheckinRecord draft = new CheckinRecord(week, pain, sessions, s.coaching().adherence(), null);
    history.add(draft);
    List<CheckinRules.Adjustment> decided = new ArrayList<>(CheckinRules.decide(history));
    if (again) {
      decided.removeIf(
          a -> a == CheckinRules.Adjustment.PROGRESS || a == CheckinRules.Adjustment.DELOAD);
    }
    String decision = decided.stream().map(Enum::name).collect(Collectors.joining(","));
    CheckinRecord record = new CheckinRecord(week, pain, sessions, draft.adherence(), decision);

    UserState next = s;
    for (String id : IDS) {
      next = next.withAnswer(id, null);
    }
    next =
        next.withStage(s.plan() == null ? Stage.IDLE : Stage.READY, null)
            .withCoaching(s.coaching().withCheckin(record));
    List<Reply> out = new ArrayList<>(replies);
    out.add(Reply.text(content.text(Msg.CHECKIN_THANKS, "pain", pain, "sessions", sessions)));
    if (again) {
      out.add(Reply.text(content.text(Msg.CHECKIN_UPDATED)));
    }
    if (decided.contains(CheckinRules.Adjustment.GET_CHECKED)) {
      out.add(Reply.text(content.text(Msg.CHECKIN_GET_CHECKED, "pain", pain)));
    }
    if (next.advicePaused() || next.plan() == null) {
      return new Outcome(next, out, ack); // no plan changes while exercise advice is paused
    }
    Plan plan = next.plan();
    for (CheckinRules.Adjustment a : decided) {
      switch (a) {
        case STEP_BACK -> {
          plan =
              planner
                  .stepBack(plan, profile, now)
                  .withChange(week + ": " + content.text(Msg.CHANGE_STEP_BACK));
          out.add(Reply.text(content.text(Msg.CHECKIN_STEP_BACK)));
        }
        case PROGRESS -> {
          PlanBuilder.Progression p = planner.progress(plan, profile);
          if (p == null) {
            out.add(Reply.text(content.text(Msg.CHECKIN_PROGRESS_MORE)));
          } else {
            String change = content.text(Msg.CHANGE_PROGRESS, "from", p.from(), "to", p.to());
            plan = p.plan().withChange(week + ": " + change);
            out.add(Reply.text(content.text(Msg.CHECKIN_PROGRESS, "change", change)));
          }
        }
        case HOLD -> out.add(Reply.text(content.text(Msg.CHECKIN_HOLD)));
        case GET_CHECKED -> {} // said above, also while advice is paused
        case SEE_PROFESSIONAL -> out.add(Reply.text(content.text(Msg.CHECKIN_SEE_PRO)));
        case DELOAD -> out.add(Reply.text(content.text(Msg.CHECKIN_DELOAD)));
      }
    }
    next = next.withPlan(plan);
    Reply fit = fit(s, next);
    if (fit != null) {
      out.add(fit);
    }
    return new Outcome(next, out, ack);
  }

  /** Acts on "how did the reminders fit": an offer to turn some off, on, or move them. */
  private Reply fit(UserState answered, UserState next) {
    Answer a = answered.answers().get("ck_fit");
    String fit = a == null || a.options().isEmpty() ? "" : a.options().get(0);
    return switch (fit) {
      case "too_many" -> offer(Msg.CHECKIN_FIT_TOO_MANY, settings.toggles(next, true));
      case "too_few" -> offer(Msg.CHECKIN_FIT_TOO_FEW, settings.toggles(next, false));
      case "bad_times" -> Reply.text(content.text(Msg.CHECKIN_FIT_TIMES));
      default -> null;
    };
  }

  private Reply offer(Msg msg, List<List<Button>> buttons) {
    return buttons.isEmpty() ? null : Reply.withButtons(content.text(msg), buttons);
  }

  /** A check-in number: the typed value, else the low end of the chosen option's range. */
  private int number(UserState s, String id) {
    Answer a = s.answers().get(id);
    if (a == null) {
      return 0;
    }
    if (a.value() != null) {
      try {
        return (int) Math.round(Double.parseDouble(a.value()));
      } catch (NumberFormatException e) {
        // fall through to the option
      }
    }
    Question q =
        content.onboarding().checkin().stream()
            .filter(x -> x.id().equals(id))
            .findFirst()
            .orElse(null);
    Question.Option o = q == null || a.options().isEmpty() ? null : q.option(a.options().get(0));
    return o == null || o.range().isEmpty() ? 0 : o.range().get(0);
  }

  List<Reply> planChanges(Plan plan) {
    return plan == null || plan.changes().isEmpty()
        ? List.of()
        : List.of(
            Reply.text(
                content.text(
                    Msg.PLAN_CHANGES,
                    "changes",
                    plan.changes().stream().map(c -> "• " + c).collect(Collectors.joining("\n")))));
  }
}
