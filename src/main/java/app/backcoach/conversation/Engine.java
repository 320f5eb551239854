package app.backcoach.conversation;

import app.backcoach.content.ContentBundle;
import app.backcoach.content.Msg;
import app.backcoach.content.Question;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The conversation: a pure function from (state, event, now) to (next state, replies). Red flags
 * are checked first on every typed message; then commands, button taps and typed text are handled
 * by stage. See {@code conversation.mmd}.
 */
public final class Engine {
  private final ContentBundle content;
  private final RedFlagDetector redFlags;
  private final PlanView planView;
  private final QuestionFlow questions;
  private final Duration resumeAfter;

  public Engine(ContentBundle content) {
    this.content = content;
    this.redFlags = new RedFlagDetector(content.safety().redFlags());
    this.planView = new PlanView(content);
    this.questions = new QuestionFlow(content, planView);
    this.resumeAfter = Duration.ofHours(content.onboarding().plan().resumeAfterHours());
  }

  /**
   * Handles one event. Never throws for any input: unknown input gets a reply that says what to do.
   */
  public Outcome handle(UserState state, Event event, Instant now) {
    Outcome out = dispatch(state, event, now);
    return new Outcome(out.state().touchedAt(now), out.replies(), out.ack());
  }

  private Outcome dispatch(UserState s, Event event, Instant now) {
    if (event instanceof Event.Text t) {
      Set<String> flags = redFlags.detect(t.text());
      return flags.isEmpty() ? text(s, t.text(), now) : referral(s, flags, now);
    }
    if (event instanceof Event.Command c) {
      return command(s, c, now);
    }
    if (event instanceof Event.Tap tap) {
      return tap(s, tap.data() == null ? "" : tap.data(), now);
    }
    if (event instanceof Event.Location loc) {
      Outcome zone = s.stage() == Stage.ASKING ? questions.location(s, loc.longitude(), now) : null;
      return zone != null ? zone : unsupported(s, "location");
    }
    if (event instanceof Event.Unsupported u) {
      return unsupported(s, u.kind());
    }
    return open(s, now);
  }

  private Outcome open(UserState s, Instant now) {
    return switch (s.stage()) {
      case NEW, CONSENT -> begin(s);
      case ASKING ->
          stale(s, now) ? offerResume(s) : reply(s, questions.ask(s, questions.current(s)));
      case READY -> reply(s, buttons(Msg.WELCOME_BACK, planButton()));
      case IDLE, DECLINED -> reply(s, Reply.text(content.text(Msg.PLAN_NONE)));
    };
  }

  private Outcome text(UserState s, String text, Instant now) {
    return switch (s.stage()) {
      case NEW -> begin(s);
      case CONSENT -> {
        Boolean yes = questions.yesNo(text);
        if (yes == null) {
          yield new Outcome(
              s, List.of(Reply.text(content.text(Msg.INVALID_CHOICE)), consentQuestion()), null);
        }
        yield yes ? consent(s, Ack.NONE) : decline(s, Ack.NONE);
      }
      case DECLINED -> reply(s, Reply.text(content.text(Msg.CONSENT_NEEDED)));
      case ASKING -> questions.typed(s.withPending(null), text, now);
      case IDLE -> reply(s, Reply.text(content.text(Msg.PLAN_NONE)));
      case READY -> reply(s, buttons(Msg.NOT_UNDERSTOOD, planButton()));
    };
  }

  /**
   * Red flags win: the referral comes first, advice pauses, and onboarding carries on so the plan
   * is ready later.
   */
  private Outcome referral(UserState s, Set<String> flags, Instant now) {
    UserState flagged = s;
    if (s.consented()) {
      Set<String> all = new LinkedHashSet<>(s.redFlags());
      all.addAll(flags);
      flagged = s.withRedFlags(all);
    }
    Reply referral = planView.referral(flags);
    switch (s.stage()) {
      case NEW:
        Outcome begun = begin(flagged);
        return prepend(referral, begun);
      case CONSENT:
        return new Outcome(flagged, List.of(referral, consentQuestion()), null);
      case ASKING:
        Question q = questions.current(s);
        Reply goOn = Reply.text(content.text(Msg.ONBOARDING_CONTINUES));
        if (q.type() == Question.Type.REDFLAGS) {
          return questions.record(
              flagged.withPending(null),
              q,
              new Answer(List.copyOf(flags), null),
              List.of(referral, goOn),
              Ack.NONE,
              now);
        }
        return new Outcome(flagged, List.of(referral, goOn, questions.ask(flagged, q)), null);
      default:
        return reply(flagged, referral);
    }
  }

  private Outcome command(UserState s, Event.Command c, Instant now) {
    String name = c.name() == null ? "" : c.name();
    return switch (name) {
      case "start" -> start(s);
      case "help" -> reply(s, Reply.text(content.text(Msg.HELP)));
      case "plan" -> new Outcome(s.withPending(null), planView.plan(s), null);
      case "cancel" -> cancel(s);
      default -> {
        String shown = name.length() > 32 ? name.substring(0, 32) : name;
        yield reply(s, Reply.text(content.text(Msg.UNKNOWN_COMMAND, "command", shown)));
      }
    };
  }

  private Outcome start(UserState s) {
    return switch (s.stage()) {
      case NEW, CONSENT, DECLINED -> begin(s);
      case ASKING -> offerResume(s);
      case IDLE -> s.answers().isEmpty() ? restart(s) : offerResume(s);
      case READY ->
          new Outcome(
              s.withPending(Pending.RESTART),
              List.of(
                  Reply.withButtons(
                      content.text(Msg.RESTART_CONFIRM),
                      List.of(
                          List.of(
                              new Button(content.text(Msg.BTN_RESTART_YES), "rs:y"),
                              new Button(content.text(Msg.BTN_RESTART_NO), "rs:n"))))),
              null);
    };
  }

  private Outcome cancel(UserState s) {
    if (s.stage() == Stage.ASKING) {
      Stage back = s.plan() != null ? Stage.READY : Stage.IDLE;
      UserState stopped = s.withStage(back, s.questionId());
      return reply(stopped, Reply.text(content.text(Msg.CANCELLED)));
    }
    if (s.pending() != null) {
      return reply(s.withPending(null), Reply.text(content.text(Msg.CANCELLED)));
    }
    return reply(s, Reply.text(content.text(Msg.NOTHING_TO_CANCEL)));
  }

  /**
   * Greeting, the disclaimer once in a user's life, then consent (or the first question if already
   * given).
   */
  private Outcome begin(UserState s) {
    List<Reply> replies = new ArrayList<>();
    replies.add(Reply.text(content.text(Msg.GREETING)));
    UserState next = s;
    if (!s.disclaimerShown()) {
      replies.add(Reply.text(content.safety().disclaimer()));
      next = next.withDisclaimerShown();
    }
    if (s.consented()) {
      Outcome restarted = restart(next);
      replies.addAll(restarted.replies());
      return new Outcome(restarted.state(), replies, null);
    }
    replies.add(consentQuestion());
    return new Outcome(next.withStage(Stage.CONSENT, null), replies, null);
  }

  private Reply consentQuestion() {
    return Reply.withButtons(
        content.text(Msg.CONSENT_QUESTION),
        List.of(
            List.of(
                new Button(content.text(Msg.BTN_CONSENT_YES), "c:y"),
                new Button(content.text(Msg.BTN_CONSENT_NO), "c:n"))));
  }

  private Outcome consent(UserState s, Ack ack) {
    Outcome first = restart(s.withConsent(true));
    return new Outcome(first.state(), first.replies(), ack);
  }

  private Outcome decline(UserState s, Ack ack) {
    UserState declined = s.withConsent(false).withoutAnswers().withStage(Stage.DECLINED, null);
    return new Outcome(declined, List.of(Reply.text(content.text(Msg.CONSENT_DECLINED))), ack);
  }

  /**
   * A fresh onboarding from the first question; red flags stay until the user confirms clearance.
   */
  private Outcome restart(UserState s) {
    Question first = questions.first();
    UserState fresh = s.withoutAnswers().withStage(Stage.ASKING, first.id());
    return reply(fresh, questions.ask(fresh, first));
  }

  private boolean stale(UserState s, Instant now) {
    return s.lastActivity() != null
        && Duration.between(s.lastActivity(), now).compareTo(resumeAfter) > 0;
  }

  private Outcome offerResume(UserState s) {
    Question q = questions.current(s);
    return reply(
        s.withPending(Pending.RESUME),
        Reply.withButtons(
            content.text(Msg.RESUME_OFFER, "n", questions.number(q), "total", questions.total()),
            List.of(
                List.of(
                    new Button(content.text(Msg.BTN_CONTINUE), "g:c"),
                    new Button(content.text(Msg.BTN_START_OVER), "g:r")))));
  }

  private Outcome tap(UserState s, String data, Instant now) {
    String[] part = data.split(":", 3);
    String kind = part[0];
    String arg = part.length > 1 ? part[1] : "";
    String opt = part.length > 2 ? part[2] : "";
    switch (kind) {
      case "c":
        if (s.stage() != Stage.CONSENT) {
          break;
        }
        if (arg.equals("y")) {
          return consent(s, Ack.chosen(content.text(Msg.BTN_CONSENT_YES)));
        }
        if (arg.equals("n")) {
          return decline(s, Ack.chosen(content.text(Msg.BTN_CONSENT_NO)));
        }
        break;
      case "a", "m", "md":
        if (s.stage() != Stage.ASKING || !arg.equals(s.questionId())) {
          break;
        }
        Question q = questions.current(s);
        UserState active = s.withPending(null);
        if (kind.equals("m") && q.type() == Question.Type.MULTI) {
          return questions.toggle(active, q, opt);
        }
        if (kind.equals("md") && q.type() == Question.Type.MULTI) {
          return questions.done(active, q, now);
        }
        if (kind.equals("a") && q.type() == Question.Type.REDFLAGS) {
          return redFlagAnswer(active, q, opt, now);
        }
        if (kind.equals("a") && q.type() != Question.Type.MULTI) {
          return questions.tapped(active, q, opt, now);
        }
        break;
      case "rs":
        if (s.pending() != Pending.RESTART) {
          break;
        }
        if (arg.equals("y")) {
          return acked(restart(s.withPending(null)), content.text(Msg.BTN_RESTART_YES));
        }
        return new Outcome(
            s.withPending(null),
            List.of(Reply.text(content.text(Msg.RESTART_KEPT))),
            Ack.chosen(content.text(Msg.BTN_RESTART_NO)));
      case "g":
        if (s.pending() != Pending.RESUME) {
          break;
        }
        if (arg.equals("r")) {
          return acked(restart(s.withPending(null)), content.text(Msg.BTN_START_OVER));
        }
        UserState resumed = s.withStage(Stage.ASKING, questions.current(s).id());
        return new Outcome(
            resumed,
            List.of(questions.ask(resumed, questions.current(resumed))),
            Ack.chosen(content.text(Msg.BTN_CONTINUE)));
      case "cl":
        return clearance(s, arg);
      case "p":
        return new Outcome(s, planView.plan(s), null);
      case "f", "x", "r":
        Reply card = planView.card(s, kind, arg);
        if (card != null) {
          return reply(s, card);
        }
        break;
      default:
        break;
    }
    return new Outcome(s, List.of(), Ack.notice(content.text(Msg.STALE_BUTTON)));
  }

  private Outcome redFlagAnswer(UserState s, Question q, String flagId, Instant now) {
    if (flagId.equals(QuestionFlow.NONE)) {
      // A "none" here never dismisses a flag raised earlier: only the clearance confirmation does.
      return questions.record(
          s,
          q,
          Answer.of(QuestionFlow.NONE),
          List.of(),
          Ack.chosen(content.text(Msg.BTN_NONE_OF_THESE)),
          now);
    }
    boolean known = content.safety().redFlags().stream().anyMatch(f -> f.id().equals(flagId));
    if (!known) {
      return new Outcome(s, List.of(), Ack.notice(content.text(Msg.STALE_BUTTON)));
    }
    Outcome referred = referral(s, Set.of(flagId), now);
    String label =
        content.safety().redFlags().stream()
            .filter(f -> f.id().equals(flagId))
            .findFirst()
            .get()
            .label();
    return new Outcome(referred.state(), referred.replies(), Ack.chosen(label));
  }

  private Outcome clearance(UserState s, String arg) {
    if (!s.advicePaused()) {
      return new Outcome(s, List.of(), Ack.notice(content.text(Msg.STALE_BUTTON)));
    }
    switch (arg) {
      case "a":
        return reply(
            s.withPending(Pending.CLEARANCE),
            Reply.withButtons(
                content.text(Msg.CLEARANCE_CONFIRM),
                List.of(
                    List.of(
                        new Button(content.text(Msg.BTN_YES_CLEARED), "cl:y"),
                        new Button(content.text(Msg.BTN_NOT_YET), "cl:n")))));
      case "y":
        if (s.pending() != Pending.CLEARANCE) {
          break;
        }
        UserState cleared = s.withPending(null).withRedFlags(Set.of());
        List<Reply> replies = new ArrayList<>();
        replies.add(Reply.text(content.text(Msg.CLEARED)));
        if (cleared.plan() != null) {
          replies.addAll(planView.plan(cleared));
        }
        return new Outcome(cleared, replies, Ack.chosen(content.text(Msg.BTN_YES_CLEARED)));
      case "n":
        if (s.pending() != Pending.CLEARANCE) {
          break;
        }
        return new Outcome(
            s.withPending(null),
            List.of(Reply.text(content.text(Msg.NOT_CLEARED))),
            Ack.chosen(content.text(Msg.BTN_NOT_YET)));
      default:
        break;
    }
    return new Outcome(s, List.of(), Ack.notice(content.text(Msg.STALE_BUTTON)));
  }

  private Outcome unsupported(UserState s, String kind) {
    List<Reply> replies = new ArrayList<>();
    String shown = kind == null || kind.length() > 20 ? "message" : kind;
    replies.add(Reply.text(content.text(Msg.UNSUPPORTED_INPUT, "kind", shown)));
    if (s.stage() == Stage.ASKING) {
      replies.add(questions.ask(s, questions.current(s)));
    }
    return new Outcome(s, replies, null);
  }

  private Reply buttons(Msg msg, Button button) {
    return Reply.withButtons(content.text(msg), Layout.single(button));
  }

  private Button planButton() {
    return new Button(content.text(Msg.BTN_SHOW_PLAN), "p");
  }

  private static Outcome reply(UserState s, Reply r) {
    return new Outcome(s, List.of(r), null);
  }

  private static Outcome prepend(Reply first, Outcome o) {
    List<Reply> replies = new ArrayList<>();
    replies.add(first);
    replies.addAll(o.replies());
    return new Outcome(o.state(), replies, o.ack());
  }

  private static Outcome acked(Outcome o, String chosen) {
    return new Outcome(o.state(), o.replies(), Ack.chosen(chosen));
  }
}
