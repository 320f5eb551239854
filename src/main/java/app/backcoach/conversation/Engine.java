package app.backcoach.conversation;

import app.backcoach.coaching.Plan;
import app.backcoach.coaching.PlanBuilder;
import app.backcoach.content.ContentBundle;
import app.backcoach.content.Msg;
import app.backcoach.content.Question;
import app.backcoach.reply.Ack;
import app.backcoach.reply.Button;
import app.backcoach.reply.Callback;
import app.backcoach.reply.Reply;
import app.backcoach.safety.RedFlagScreen;
import app.backcoach.safety.Screener;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The conversation: a pure function from (state, event, now) to (next state, replies). Red flags
 * are checked first on every typed message; then commands, button taps and typed text are handled
 * by stage. See {@code conversation.mmd}.
 */
public final class Engine {
  private final ContentBundle content;
  private final Screener redFlags;
  private final PlanView planView;
  private final QuestionFlow questions;
  private final QuestionFlow checkin;
  private final SettingsFlow settings;
  private final Checkins checkins;
  private final PlanBuilder planner;
  private final AskView ask;
  private final Duration resumeAfter;
  private final Map<String, CommandHandler> commands;
  private final ZoneFinder zones;

  /** An engine without question search (free text gets the honest "I don't know"). */
  public Engine(ContentBundle content) {
    this(content, Search.NONE);
  }

  public Engine(ContentBundle content, Search search) {
    this(content, search, RedFlagScreen.forBundle(content));
  }

  /**
   * @param redFlags the red-flag screen every typed message goes through first
   */
  public Engine(ContentBundle content, Search search, Screener redFlags) {
    this(content, search, redFlags, ZoneFinder.BY_LONGITUDE);
  }

  /**
   * @param redFlags the red-flag screen every typed message goes through first
   * @param zones finds the time zone of a shared location
   */
  public Engine(ContentBundle content, Search search, Screener redFlags, ZoneFinder zones) {
    this.content = content;
    this.zones = zones;
    this.redFlags = redFlags;
    this.planView = new PlanView(content);
    this.planner = new PlanBuilder(content);
    this.questions =
        new QuestionFlow(
            content, content.onboarding().questions(), Stage.ASKING, this::finishOnboarding);
    this.settings = new SettingsFlow(content, questions);
    this.checkins = new Checkins(content, planView, settings);
    this.checkin =
        new QuestionFlow(
            content, content.onboarding().checkin(), Stage.CHECKIN, this::finishCheckin);
    this.ask = new AskView(content, search, planView, questions);
    this.resumeAfter = Duration.ofHours(content.onboarding().plan().resumeAfterHours());
    this.commands = commands();
    DeepLink.check(content);
  }

  /**
   * Handles one event. Never throws for any input: unknown input gets a reply that says what to do.
   */
  public Outcome handle(UserState state, Event event, Instant now) {
    Outcome out = dispatch(state, event, now);
    assert Transitions.allowed(state.stage(), out.state().stage())
        : state.stage() + " -> " + out.state().stage() + " is not in Transitions (nor the diagram)";
    return new Outcome(out.state().touchedAt(now), out.replies(), out.ack(), out.effect());
  }

  private Outcome dispatch(UserState s, Event event, Instant now) {
    if (event instanceof Event.Text t) {
      Set<String> flags = redFlags.screen(t.text()).ids();
      return flags.isEmpty() ? text(s, t.text(), now) : referral(s, flags, now);
    }
    if (event instanceof Event.Command c) {
      return command(s, c, now);
    }
    if (event instanceof Event.Tap tap) {
      return tap(s, Callback.decode(tap.data()), now);
    }
    if (event instanceof Event.Location loc) {
      return location(s, loc, now);
    }
    if (event instanceof Event.Unsupported u) {
      return unsupported(s, u.kind());
    }
    return open(s, now);
  }

  private QuestionFlow flow(UserState s) {
    return s.stage() == Stage.CHECKIN ? checkin : questions;
  }

  private Outcome open(UserState s, Instant now) {
    return switch (s.stage()) {
      case NEW, CONSENT -> begin(s);
      case ASKING ->
          stale(s, now) ? offerResume(s) : reply(s, questions.ask(s, questions.current(s)));
      case CHECKIN -> reply(s, checkin.ask(s, checkin.current(s)));
      case READY -> reply(s, buttons(Msg.WELCOME_BACK, planButton()));
      case IDLE, DECLINED -> reply(s, Reply.text(content.text(Msg.PLAN_NONE)));
    };
  }

  private Outcome text(UserState s, String text, Instant now) {
    if (s.pending() == Pending.ZONE) {
      ZoneId zone = questions.zone(text);
      if (zone != null) {
        return settings.zoneGiven(s, zone, Msg.ZONE_SET, now);
      }
      String shown = text.length() > 40 ? text.substring(0, 40) + "\u2026" : text;
      return reply(s, Reply.text(content.text(Msg.INVALID_ZONE, "input", shown)));
    }
    if (s.pending() == Pending.PROPOSAL && hasPlan(s)) {
      Boolean yes = questions.yesNo(text); // "yes" typed instead of tapped
      if (yes != null) {
        return settings.proposalAnswer(s, yes, now);
      }
    }
    return switch (s.stage()) {
      case NEW -> begin(s);
      case CONSENT -> {
        Boolean yes = questions.yesNo(text);
        if (yes == null) {
          yield new Outcome(
              s, List.of(Reply.text(content.text(Msg.INVALID_CHOICE)), consentQuestion()), null);
        }
        yield yes ? consent(s, Ack.NONE, null) : decline(s, Ack.NONE);
      }
      case DECLINED -> ask.answer(s, text);
      case ASKING -> questions.typed(s.withPending(null), text, now);
      case CHECKIN -> checkin.typed(s.withPending(null), text, now);
      case IDLE, READY -> {
        Outcome changed = s.consented() ? settings.typed(s, text) : null;
        if (changed != null) {
          yield changed;
        }
        yield ask.answer(s, text);
      }
    };
  }

  private Outcome location(UserState s, Event.Location loc, Instant now) {
    if (!(Math.abs(loc.latitude()) <= 90) || !(Math.abs(loc.longitude()) <= 180)) {
      return unsupported(s, "location");
    }
    boolean wanted =
        s.pending() == Pending.ZONE || (s.stage() == Stage.ASKING && questions.asksZone(s));
    if (!wanted) {
      return unsupported(s, "location");
    }
    ZoneFinder.Located found = zones.find(loc.latitude(), loc.longitude());
    if (s.pending() == Pending.ZONE) {
      return settings.zoneLocated(s, found, now);
    }
    return questions.location(s, found, now);
  }

  /**
   * Red flags win: the referral comes first, advice pauses, and the questions carry on so the plan
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
        return prepend(referral, begin(flagged));
      case CONSENT:
        return new Outcome(flagged, List.of(referral, consentQuestion()), null);
      case ASKING:
      case CHECKIN:
        QuestionFlow flow = flow(s);
        Question q = flow.current(s);
        Reply goOn = Reply.text(content.text(Msg.ONBOARDING_CONTINUES));
        if (q.type() == Question.Type.REDFLAGS) {
          return flow.record(
              flagged.withPending(null),
              q,
              new Answer(List.copyOf(flags), null),
              List.of(referral, goOn),
              Ack.NONE,
              now);
        }
        return new Outcome(flagged, List.of(referral, goOn, flow.ask(flagged, q)), null);
      default:
        return reply(flagged, referral);
    }
  }

  /** What a command does, given the state and the time. */
  @FunctionalInterface
  private interface CommandHandler {
    /**
     * @param arg what followed the command ("/start desk"), or null
     */
    Outcome handle(UserState s, String arg, Instant now);
  }

  /**
   * THE DIALOGUE, part 1: every command and its handler. Part 2 is {@link #tapped}, every button.
   * conversation.mmd draws both, and DialogueDiagramTest keeps it true.
   */
  private Map<String, CommandHandler> commands() {
    Map<String, CommandHandler> c = new LinkedHashMap<>();
    c.put("start", (s, arg, now) -> start(s, DeepLink.of(arg)));
    c.put("help", (s, arg, now) -> reply(s, Reply.text(content.text(Msg.HELP))));
    c.put("plan", (s, arg, now) -> new Outcome(s.withPending(null), planWithChanges(s), null));
    c.put("cancel", (s, arg, now) -> cancel(s));
    c.put(
        "reminders",
        (s, arg, now) -> hasPlan(s) ? settings.overview(s.withPending(null), now) : needsPlan(s));
    c.put("settings", c.get("reminders"));
    c.put("timezone", (s, arg, now) -> s.consented() ? settings.askZone(s) : needsPlan(s));
    c.put("pause", (s, arg, now) -> hasPlan(s) ? settings.askPause(s) : needsPlan(s));
    c.put("resume", (s, arg, now) -> settings.resume(s, now));
    c.put("desk", (s, arg, now) -> hasPlan(s) ? settings.desk(s, now) : needsPlan(s));
    c.put("checkin", (s, arg, now) -> hasPlan(s) ? startCheckin(s) : needsPlan(s));
    c.put(
        "progress",
        (s, arg, now) ->
            s.plan() != null ? Outcome.effect(s, new Effect.ShowProgress()) : needsPlan(s));
    c.put(
        "export",
        (s, arg, now) ->
            s.stage() != Stage.NEW ? Outcome.effect(s, new Effect.Export()) : needsPlan(s));
    c.put("stats", (s, arg, now) -> Outcome.effect(s, new Effect.Stats()));
    c.put("privacy", (s, arg, now) -> reply(s, Reply.text(content.text(Msg.PRIVACY))));
    c.put(
        "delete",
        (s, arg, now) ->
            reply(
                s.withPending(Pending.DELETE),
                Reply.withButtons(
                    content.text(Msg.DELETE_CONFIRM),
                    List.of(
                        List.of(
                            Button.of(content.text(Msg.BTN_DELETE_YES), new Callback.Delete(true)),
                            Button.of(
                                content.text(Msg.BTN_DELETE_NO), new Callback.Delete(false)))))));
    return Map.copyOf(c);
  }

  /** The commands the engine knows (DialogueDiagramTest checks the diagram names each). */
  java.util.Set<String> commandNames() {
    return commands.keySet();
  }

  private boolean hasPlan(UserState s) {
    return s.plan() != null && s.consented();
  }

  private Outcome command(UserState s, Event.Command c, Instant now) {
    String name = c.name() == null ? "" : c.name();
    CommandHandler handler = commands.get(name);
    if (handler != null) {
      return handler.handle(s, c.arg(), now);
    }
    String shown = name.length() > 32 ? name.substring(0, 32) : name;
    return reply(s, Reply.text(content.text(Msg.UNKNOWN_COMMAND, "command", shown)));
  }

  private Outcome needsPlan(UserState s) {
    return reply(s, Reply.text(content.text(Msg.NEEDS_PLAN)));
  }

  private List<Reply> planWithChanges(UserState s) {
    List<Reply> out = new ArrayList<>(planView.plan(s));
    if (!s.advicePaused()) {
      out.addAll(checkins.planChanges(s.plan()));
    }
    return out;
  }

  private Outcome startCheckin(UserState s) {
    Question first = checkin.first();
    UserState asking = s.withStage(Stage.CHECKIN, first.id());
    return new Outcome(
        asking,
        List.of(
            Reply.text(content.text(Msg.CHECKIN_INTRO, "questions", checkin.total(asking))),
            checkin.ask(asking, first)),
        null);
  }

  private Outcome start(UserState s) {
    return start(s, null);
  }

  /** /start, maybe from a deep link; a path link only counts before onboarding has begun. */
  private Outcome start(UserState s, DeepLink link) {
    if (link == DeepLink.CHECKIN && hasPlan(s) && s.stage() == Stage.READY) {
      return startCheckin(s.withPending(null));
    }
    return switch (s.stage()) {
      case NEW, CONSENT, DECLINED -> begin(s, link == DeepLink.CHECKIN ? null : link);
      case ASKING -> offerResume(s);
      case IDLE -> s.answers().isEmpty() ? restart(s) : offerResume(s);
      case READY, CHECKIN ->
          new Outcome(
              s.withPending(Pending.RESTART),
              List.of(
                  Reply.withButtons(
                      content.text(Msg.RESTART_CONFIRM),
                      List.of(
                          List.of(
                              Button.of(
                                  content.text(Msg.BTN_RESTART_YES), new Callback.Restart(true)),
                              Button.of(
                                  content.text(Msg.BTN_RESTART_NO),
                                  new Callback.Restart(false)))))),
              null);
    };
  }

  private Outcome cancel(UserState s) {
    if (s.stage() == Stage.ASKING || s.stage() == Stage.CHECKIN) {
      Stage back = s.plan() != null ? Stage.READY : Stage.IDLE;
      UserState stopped = s.withStage(back, s.stage() == Stage.ASKING ? s.questionId() : null);
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
    return begin(s, null);
  }

  private Outcome begin(UserState s, DeepLink link) {
    List<Reply> replies = new ArrayList<>();
    replies.add(Reply.text(content.text(Msg.GREETING)));
    UserState next = s;
    if (!s.disclaimerShown()) {
      replies.add(Reply.text(content.safety().disclaimer()));
      next = next.withDisclaimerShown();
    }
    if (s.consented()) {
      Outcome restarted = restart(next, link);
      replies.addAll(restarted.replies());
      return new Outcome(restarted.state(), replies, null);
    }
    replies.add(consentQuestion(link));
    return new Outcome(next.withStage(Stage.CONSENT, null), replies, null);
  }

  private Reply consentQuestion() {
    return consentQuestion(null);
  }

  private Reply consentQuestion(DeepLink link) {
    return Reply.withButtons(
        content.text(Msg.CONSENT_QUESTION),
        List.of(
            List.of(
                Button.of(
                    content.text(Msg.BTN_CONSENT_YES),
                    new Callback.Consent(true, link == null ? null : link.payload())),
                Button.of(content.text(Msg.BTN_CONSENT_NO), new Callback.Consent(false)))));
  }

  private Outcome consent(UserState s, Ack ack, DeepLink link) {
    Outcome first = restart(s.withConsent(true), link);
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
    return restart(s, null);
  }

  /** The same, with the answers a deep link chose already given (and said so). */
  private Outcome restart(UserState s, DeepLink link) {
    UserState fresh = s.withoutAnswers();
    List<Reply> replies = new ArrayList<>();
    if (link != null) {
      for (var preset : link.preset().entrySet()) {
        Question q = questions.question(preset.getKey());
        fresh = fresh.withAnswer(q.id(), new Answer(preset.getValue(), null));
        String chosen =
            String.join(", ", preset.getValue().stream().map(o -> q.option(o).label()).toList());
        replies.add(Reply.text(content.text(Msg.LINK_PRESET, "answer", chosen)));
      }
    }
    Question first = questions.firstOpen(fresh);
    fresh = fresh.withStage(Stage.ASKING, first.id());
    replies.add(questions.ask(fresh, first));
    return new Outcome(fresh, replies, null);
  }

  /**
   * After the last onboarding answer: the plan, then (with advice on and no reminders yet) the
   * reminder proposal.
   */
  private Outcome finishOnboarding(UserState answered, List<Reply> before, Ack ack, Instant now) {
    Plan plan = planner.build(questions.profile(answered.answers()), now);
    UserState ready = answered.withStage(Stage.READY, null).withPlan(plan);
    List<Reply> replies = new ArrayList<>(before);
    if (!ready.advicePaused()) {
      replies.add(Reply.text(content.text(Msg.PLAN_READY)));
    }
    replies.addAll(planView.plan(ready));
    boolean noReminders = ready.coaching().reminders().stream().allMatch(r -> r.once());
    if (!ready.advicePaused() && noReminders) {
      replies.add(settings.proposal(ready, now));
      ready = ready.withPending(Pending.PROPOSAL);
    } else if (ready.advicePaused() && noReminders) {
      // Nothing else would ever follow up: the weekly check-in re-asks the safety questions.
      ready = settings.checkinOnly(ready);
      replies.add(Reply.text(content.text(Msg.CHECKIN_ONLY_WHILE_PAUSED)));
    }
    return new Outcome(ready, replies, ack);
  }

  private Outcome finishCheckin(UserState answered, List<Reply> before, Ack ack, Instant now) {
    return checkins.finish(answered, before, ack, now, questions.profile(answered.answers()));
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
            content.text(
                Msg.RESUME_OFFER, "n", questions.number(s, q), "total", questions.total(s)),
            List.of(
                List.of(
                    Button.of(content.text(Msg.BTN_CONTINUE), new Callback.Resume(true)),
                    Button.of(content.text(Msg.BTN_START_OVER), new Callback.Resume(false))))));
  }

  private Outcome tap(UserState s, Callback callback, Instant now) {
    Outcome handled = tapped(s, callback, now);
    return handled != null
        ? handled
        : new Outcome(s, List.of(), Ack.notice(content.text(Msg.STALE_BUTTON)));
  }

  /**
   * THE DIALOGUE, part 2: every button and its handler; null when the button is stale (its question
   * was answered, its confirmation is no longer pending), forged or unknown.
   */
  private Outcome tapped(UserState s, Callback cb, Instant now) {
    boolean hasPlan = hasPlan(s);
    if (cb instanceof Callback.Consent c) {
      if (s.stage() != Stage.CONSENT) {
        return null;
      }
      return c.yes()
          ? consent(s, Ack.chosen(content.text(Msg.BTN_CONSENT_YES)), DeepLink.of(c.link()))
          : decline(s, Ack.chosen(content.text(Msg.BTN_CONSENT_NO)));
    }
    if (cb instanceof Callback.Answer a) {
      return answerTap(s, cb, a.question(), a.option(), now);
    }
    if (cb instanceof Callback.Tick t) {
      return answerTap(s, cb, t.question(), t.option(), now);
    }
    if (cb instanceof Callback.DoneTicking d) {
      return answerTap(s, cb, d.question(), "", now);
    }
    if (cb instanceof Callback.Restart r) {
      if (s.pending() != Pending.RESTART) {
        return null;
      }
      if (r.yes()) {
        return acked(restart(s.withPending(null)), content.text(Msg.BTN_RESTART_YES));
      }
      return new Outcome(
          s.withPending(null),
          List.of(Reply.text(content.text(Msg.RESTART_KEPT))),
          Ack.chosen(content.text(Msg.BTN_RESTART_NO)));
    }
    if (cb instanceof Callback.Resume r) {
      if (s.pending() != Pending.RESUME) {
        return null;
      }
      if (!r.carryOn()) {
        return acked(restart(s.withPending(null)), content.text(Msg.BTN_START_OVER));
      }
      UserState resumed = s.withStage(Stage.ASKING, questions.current(s).id());
      return new Outcome(
          resumed,
          List.of(questions.ask(resumed, questions.current(resumed))),
          Ack.chosen(content.text(Msg.BTN_CONTINUE)));
    }
    if (cb instanceof Callback.Clearance c) {
      return clearance(s, c.step(), now);
    }
    if (cb instanceof Callback.ShowPlan) {
      return new Outcome(s, planWithChanges(s), null);
    }
    if (cb instanceof Callback.Card c) {
      Reply card = planView.card(s, c.kind(), c.id());
      return card == null ? null : reply(s, card);
    }
    if (cb instanceof Callback.Proposal p) {
      return s.pending() == Pending.PROPOSAL && hasPlan
          ? settings.proposalAnswer(s, p.yes(), now)
          : null;
    }
    if (cb instanceof Callback.ToggleReminder t) {
      return hasPlan ? settings.toggle(s, t.kind(), now) : null;
    }
    if (cb instanceof Callback.QuietMode) {
      return hasPlan ? settings.toggleQuietMode(s, now) : null;
    }
    if (cb instanceof Callback.Pause p) {
      return hasPlan ? settings.pause(s, p.span(), now) : null;
    }
    if (cb instanceof Callback.Delete d) {
      if (s.pending() != Pending.DELETE) {
        return null;
      }
      return d.yes()
          ? Outcome.effect(s, new Effect.Erase())
          : new Outcome(
              s.withPending(null),
              List.of(Reply.text(content.text(Msg.DELETE_KEPT))),
              Ack.chosen(content.text(Msg.BTN_DELETE_NO)));
    }
    if (cb instanceof Callback.Edit e) {
      return hasPlan && s.stage() == Stage.READY
          ? edit(s, e.question() == null ? "" : e.question())
          : null;
    }
    if (cb instanceof Callback.StartCheckin) {
      return hasPlan && s.stage() == Stage.READY
          ? acked(startCheckin(s), content.text(Msg.BTN_START_CHECKIN))
          : null;
    }
    if (cb instanceof Callback.ReminderTap r) {
      return Outcome.effect(s, new Effect.ReminderTap(r.logId(), r.action()));
    }
    return null; // Stale, and the location prompt's button (its keyboard sends a location)
  }

  /**
   * Changing one answer: the list of questions asked, then the chosen one asked again; the answer
   * rebuilds the plan, after any question it newly brings in (training now, so what kind).
   */
  private Outcome edit(UserState s, String qid) {
    List<Question> asked = questions.asked(s.answers());
    if (qid.isEmpty()) {
      List<Button> buttons = new ArrayList<>();
      for (Question q : asked) {
        if (q.type() != Question.Type.REDFLAGS && q.name() != null) {
          buttons.add(Button.of(q.name(), new Callback.Edit(q.id())));
        }
      }
      return new Outcome(
          s,
          List.of(Reply.withButtons(content.text(Msg.CHANGE_WHICH), Layout.chunk(buttons, 2))),
          Ack.chosen(content.text(Msg.BTN_CHANGE_ANSWER)));
    }
    Question q = questions.question(qid);
    if (q == null || !asked.contains(q) || q.type() == Question.Type.REDFLAGS) {
      return null;
    }
    UserState asking = s.withPending(null).withStage(Stage.ASKING, q.id());
    Answer old = s.answers().get(q.id());
    if (q.type() == Question.Type.MULTI && old != null) {
      asking = asking.withSelection(old.options()); // the current ticks, to change
    }
    return new Outcome(asking, List.of(questions.ask(asking, q)), Ack.chosen(q.name()));
  }

  private Outcome answerTap(UserState s, Callback kind, String qid, String opt, Instant now) {
    boolean asking = s.stage() == Stage.ASKING || s.stage() == Stage.CHECKIN;
    if (!asking || !qid.equals(s.questionId())) {
      return null;
    }
    QuestionFlow flow = flow(s);
    Question q = flow.current(s);
    UserState active = s.withPending(null);
    if (kind instanceof Callback.Tick && q.type() == Question.Type.MULTI) {
      return flow.toggle(active, q, opt, now);
    }
    if (kind instanceof Callback.DoneTicking && q.type() == Question.Type.MULTI) {
      return flow.done(active, q, now);
    }
    if (kind instanceof Callback.Answer && q.type() == Question.Type.REDFLAGS) {
      return redFlagAnswer(active, flow, q, opt, now);
    }
    if (kind instanceof Callback.Answer && q.type() != Question.Type.MULTI) {
      return flow.tapped(active, q, opt, now);
    }
    return null;
  }

  private Outcome redFlagAnswer(
      UserState s, QuestionFlow flow, Question q, String flagId, Instant now) {
    if (flagId.equals(QuestionFlow.NONE)) {
      // A "none" here never dismisses a flag raised earlier: only the clearance confirmation does.
      return flow.record(
          s,
          q,
          Answer.of(QuestionFlow.NONE),
          List.of(),
          Ack.chosen(content.text(Msg.BTN_NONE_OF_THESE)),
          now);
    }
    var flag = content.safety().redFlag(flagId);
    if (flag == null) {
      return null;
    }
    Outcome referred = referral(s, Set.of(flagId), now);
    return new Outcome(referred.state(), referred.replies(), Ack.chosen(flag.label()));
  }

  private Outcome clearance(UserState s, Callback.ClearanceStep step, Instant now) {
    if (!s.advicePaused()) {
      return null;
    }
    switch (step) {
      case ASK:
        return reply(
            s.withPending(Pending.CLEARANCE),
            Reply.withButtons(
                content.text(Msg.CLEARANCE_CONFIRM),
                List.of(
                    List.of(
                        Button.of(
                            content.text(Msg.BTN_YES_CLEARED),
                            new Callback.Clearance(Callback.ClearanceStep.YES)),
                        Button.of(
                            content.text(Msg.BTN_NOT_YET),
                            new Callback.Clearance(Callback.ClearanceStep.NO))))));
      case YES:
        if (s.pending() != Pending.CLEARANCE) {
          return null;
        }
        UserState cleared = s.withPending(null).withRedFlags(Set.of());
        List<Reply> replies = new ArrayList<>();
        replies.add(Reply.text(content.text(Msg.CLEARED)));
        if (cleared.plan() != null) {
          replies.addAll(planView.plan(cleared));
          boolean onlyCheckin =
              cleared.coaching().reminders().stream()
                  .allMatch(r -> r.once() || r.kind() == app.backcoach.reminders.Kind.CHECKIN);
          if (onlyCheckin && cleared.consented()) {
            replies.add(settings.proposal(cleared, now));
            cleared = cleared.withPending(Pending.PROPOSAL);
          }
        }
        return new Outcome(cleared, replies, Ack.chosen(content.text(Msg.BTN_YES_CLEARED)));
      case NO:
        if (s.pending() != Pending.CLEARANCE) {
          return null;
        }
        return new Outcome(
            s.withPending(null),
            List.of(Reply.text(content.text(Msg.NOT_CLEARED))),
            Ack.chosen(content.text(Msg.BTN_NOT_YET)));
      default:
        return null;
    }
  }

  private Outcome unsupported(UserState s, String kind) {
    List<Reply> replies = new ArrayList<>();
    String shown = kind == null || kind.length() > 20 ? "message" : kind;
    replies.add(Reply.text(content.text(Msg.UNSUPPORTED_INPUT, "kind", shown)));
    if (s.stage() == Stage.ASKING || s.stage() == Stage.CHECKIN) {
      replies.add(flow(s).ask(s, flow(s).current(s)));
    }
    return new Outcome(s, replies, null);
  }

  private Reply buttons(Msg msg, Button button) {
    return Reply.withButtons(content.text(msg), Layout.single(button));
  }

  private Button planButton() {
    return Button.of(content.text(Msg.BTN_SHOW_PLAN), new Callback.ShowPlan());
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
