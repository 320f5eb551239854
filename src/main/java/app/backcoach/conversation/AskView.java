package app.backcoach.conversation;

import app.backcoach.coaching.PlanBuilder;
import app.backcoach.coaching.Profile;
import app.backcoach.content.ContentBundle;
import app.backcoach.content.Exercise;
import app.backcoach.content.Msg;
import app.backcoach.reply.Button;
import app.backcoach.reply.Callback;
import app.backcoach.reply.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Answers a free-text question with the best-matching bundle entry, the next two as buttons, and
 * "my plan"; personal where the profile allows (no heavy loading for a flared-up back, a no-kit
 * alternative); honest when nothing matches.
 */
final class AskView {
  private static final List<Callback.Card> TOPICS =
      List.of(
          new Callback.Card(Callback.CardKind.ROUTINE, "warm_up"),
          new Callback.Card(Callback.CardKind.ROUTINE, "gentle_sore_back"),
          new Callback.Card(Callback.CardKind.ROUTINE, "desk_breaks"),
          new Callback.Card(Callback.CardKind.ROUTINE, "morning_mobility"),
          new Callback.Card(Callback.CardKind.GUIDANCE, "weekly_volume"),
          new Callback.Card(Callback.CardKind.GUIDANCE, "soreness_normal"));

  /** The routine offered to a flared-up back when every match was too heavy. */
  static final String GENTLE = "gentle_sore_back";

  private final ContentBundle content;
  private final Search search;
  private final PlanView planView;
  private final QuestionFlow questions;

  AskView(ContentBundle content, Search search, PlanView planView, QuestionFlow questions) {
    this.content = content;
    this.search = search;
    this.planView = planView;
    this.questions = questions;
  }

  Outcome answer(UserState s, String text) {
    boolean flared =
        s.plan() != null ? s.plan().flaredUp() : questions.profile(s.answers()).has("flared_up");
    List<Search.Found> hits = new ArrayList<>();
    boolean filtered = false;
    for (Search.Found f : search.find(text, 8)) {
      if (flared && !gentle(f)) {
        filtered = true;
      } else {
        hits.add(f);
      }
    }
    if (hits.isEmpty() && filtered) {
      // A gentle alternative rather than no answer: the sore-back routine.
      Reply gentle = planView.card(s, Callback.CardKind.ROUTINE, GENTLE);
      if (gentle != null && !s.advicePaused()) {
        List<List<Button>> rows = new ArrayList<>(gentle.buttons());
        rows.addAll(topics(s));
        return new Outcome(
            s,
            List.of(
                Reply.withButtons(
                    content.text(Msg.ASK_FLARED_NOTE) + "\n\n" + gentle.text(), rows)),
            null);
      }
      return new Outcome(
          s, List.of(Reply.withButtons(content.text(Msg.ASK_FLARED_NOTE), topics(s))), null);
    }
    if (hits.isEmpty()) {
      String hint =
          s.stage() == Stage.DECLINED
              ? "\n\n" + content.text(Msg.CONSENT_NEEDED)
              : s.plan() == null ? "\n\n" + content.text(Msg.PLAN_NONE) : "";
      return new Outcome(
          s, List.of(Reply.withButtons(content.text(Msg.ASK_NO_MATCH) + hint, topics(s))), null);
    }
    Search.Found best = hits.get(0);
    Reply card = planView.card(s, cardKind(best.kind()), best.id());
    StringBuilder extra = new StringBuilder();
    if (filtered) {
      extra.append("\n\n").append(content.text(Msg.ASK_FLARED_NOTE));
    }
    String noKit = noKitAlternative(s, best);
    if (noKit != null && !s.advicePaused()) {
      extra.append("\n\n").append(content.text(Msg.ASK_NO_KIT, "name", noKit));
    }
    List<Button> more = new ArrayList<>();
    for (Search.Found f : hits.subList(1, Math.min(3, hits.size()))) {
      more.add(Button.of(title(f), new Callback.Card(cardKind(f.kind()), f.id())));
    }
    List<List<Button>> rows = new ArrayList<>(Layout.chunk(more, 1));
    rows.addAll(flared ? gentleOnly(card.buttons()) : card.buttons());
    if (s.plan() != null) {
      rows.add(List.of(Button.of(content.text(Msg.BTN_SHOW_PLAN), new Callback.ShowPlan())));
    }
    return new Outcome(s, List.of(Reply.withButtons(card.text() + extra, rows)), null);
  }

  /**
   * Whether an entry is fine for a flared-up back: flare-up-safe exercises and routines, mistakes
   * whose exercises are mostly flare-up safe (their cards list only those), and guidance.
   */
  private boolean gentle(Search.Found f) {
    return switch (f.kind()) {
      case "exercise" -> Boolean.TRUE.equals(content.exercise(f.id()).flareUpSafe());
      case "routine" -> Boolean.TRUE.equals(content.routine(f.id()).flareUpSafe());
      case "mistake" -> {
        List<String> moves = content.mistake(f.id()).exercises();
        long safe =
            moves.stream()
                .map(content::exercise)
                .filter(e -> e != null && Boolean.TRUE.equals(e.flareUpSafe()))
                .count();
        yield moves.isEmpty() || safe * 2 > moves.size();
      }
      default -> true;
    };
  }

  /** A card's buttons without exercises that are not flare-up safe. */
  private List<List<Button>> gentleOnly(List<List<Button>> rows) {
    List<List<Button>> out = new ArrayList<>();
    for (List<Button> row : rows) {
      List<Button> kept = new ArrayList<>();
      for (Button b : row) {
        Exercise e =
            b.callback() instanceof Callback.Card c && c.kind() == Callback.CardKind.EXERCISE
                ? content.exercise(c.id())
                : null;
        if (e == null || Boolean.TRUE.equals(e.flareUpSafe())) {
          kept.add(b);
        }
      }
      if (!kept.isEmpty()) {
        out.add(kept);
      }
    }
    return out;
  }

  private String noKitAlternative(UserState s, Search.Found f) {
    Profile profile = questions.profile(s.answers());
    boolean trains = !profile.has("train_none");
    if (!f.kind().equals("exercise") || (s.answers().get("equipment") == null && trains)) {
      return null; // the equipment question not reached yet; someone who does not train has no kit
    }
    Set<String> kit = PlanBuilder.kit(profile);
    Exercise e = content.exercise(f.id());
    if (e.doableWith(kit)) {
      return null;
    }
    Exercise sub = e.substitute() == null ? null : content.exercise(e.substitute());
    while (sub != null
        && !sub.doableWith(kit)
        && sub.substitute() != null
        && !sub.substitute().equals(e.id())) {
      sub = content.exercise(sub.substitute());
    }
    return sub != null && sub.doableWith(kit) ? sub.name() : null;
  }

  private List<List<Button>> topics(UserState s) {
    List<Button> out = new ArrayList<>();
    for (Callback.Card t : TOPICS) {
      String label =
          t.kind() == Callback.CardKind.ROUTINE
              ? content.routine(t.id()) == null ? null : content.routine(t.id()).title()
              : content.guidance(t.id()) == null ? null : content.guidance(t.id()).title();
      if (label != null) {
        out.add(Button.of(label, t));
      }
    }
    List<List<Button>> rows = new ArrayList<>(Layout.chunk(out, 1));
    if (s.plan() != null) {
      rows.add(List.of(Button.of(content.text(Msg.BTN_SHOW_PLAN), new Callback.ShowPlan())));
    }
    return rows;
  }

  private String title(Search.Found f) {
    return switch (f.kind()) {
      case "mistake" -> content.mistake(f.id()).title();
      case "exercise" -> content.exercise(f.id()).name();
      case "routine" -> content.routine(f.id()).title();
      default -> content.guidance(f.id()).title();
    };
  }

  static Callback.CardKind cardKind(String kind) {
    return switch (kind) {
      case "mistake" -> Callback.CardKind.MISTAKE;
      case "exercise" -> Callback.CardKind.EXERCISE;
      case "routine" -> Callback.CardKind.ROUTINE;
      default -> Callback.CardKind.GUIDANCE;
    };
  }
}
