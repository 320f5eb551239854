package app.backcoach.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.backcoach.TestContent;
import app.backcoach.coaching.Plan;
import app.backcoach.coaching.PlanBuilder;
import app.backcoach.coaching.Profile;
import app.backcoach.content.ContentBundle;
import app.backcoach.content.Exercise;
import app.backcoach.content.Question;
import app.backcoach.reply.Reply;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Plans for many generated people: each built from what that person reported, and fit for them. */
class PlanFitTest {
  private static final ContentBundle CONTENT = TestContent.bundle();
  private static final QuestionFlow FLOW =
      new QuestionFlow(
          CONTENT, CONTENT.onboarding().questions(), Stage.ASKING, (s, r, a, n) -> null);
  private static final PlanBuilder PLANNER = new PlanBuilder(CONTENT);
  private static final int TOP = CONTENT.onboarding().plan().topFixes();

  /** One person's answers: a random walk through the branching intake. */
  private static Map<String, Answer> randomPerson(Random random) {
    Map<String, Answer> answers = new LinkedHashMap<>();
    for (int guard = 0; guard < 40; guard++) {
      Question next =
          FLOW.asked(answers).stream()
              .filter(q -> !answers.containsKey(q.id()))
              .findFirst()
              .orElse(null);
      if (next == null) {
        break;
      }
      answers.put(next.id(), answer(next, random));
    }
    return answers;
  }

  private static Answer answer(Question q, Random random) {
    return switch (q.type()) {
      case ZONE -> new Answer(List.of(), "Europe/Berlin");
      case REDFLAGS -> Answer.of(QuestionFlow.NONE);
      case MULTI -> {
        List<String> picked = new ArrayList<>();
        for (Question.Option o : q.options()) {
          if (!o.isNone() && random.nextInt(3) == 0) {
            picked.add(o.id());
          }
        }
        if (picked.isEmpty()) {
          picked.add(q.options().get(random.nextInt(q.options().size())).id());
        }
        yield new Answer(picked, null);
      }
      default -> Answer.of(q.options().get(random.nextInt(q.options().size())).id());
    };
  }

  @Test
  void everyPlanLeadsWithWhatThePersonReportedFitsTheirKitAndTheirBack() {
    Random random = new Random(20261128);
    int confirmedSeen = 0;
    Map<String, Integer> leading = new LinkedHashMap<>();
    for (int person = 0; person < 500; person++) {
      Map<String, Answer> answers = randomPerson(random);
      Profile profile = FLOW.profile(answers);
      Plan plan = PLANNER.build(profile, Instant.parse("2026-03-02T08:00:00Z"));
      String who = answers.toString();
      List<String> fixes = plan.fixes();
      leading.merge(fixes.isEmpty() ? "-" : fixes.get(0), 1, Integer::sum);

      // What the person confirmed leads, after safety.
      long safety =
          fixes.stream()
              .filter(
                  f ->
                      profile.has("flared_up")
                          && Set.of("heavy_while_flared", "training_through_pain").contains(f))
              .count();
      long slots = Math.min(TOP - safety, profile.confirmed().size());
      long confirmedInTop = fixes.stream().filter(profile.confirmed()::contains).count();
      assertTrue(
          confirmedInTop >= slots,
          "confirmed " + profile.confirmed() + " but fixes " + fixes + " for " + who);
      confirmedSeen += profile.confirmed().isEmpty() ? 0 : 1;

      // Nothing needs kit they do not have; a flared-up back gets only gentle moves.
      Set<String> kit = PlanBuilder.kit(profile);
      for (String id : plan.exerciseIds()) {
        Exercise e = CONTENT.exercise(id);
        assertTrue(e.doableWith(kit), id + " needs " + e.equipment() + " for " + who);
        if (plan.flaredUp()) {
          assertTrue(Boolean.TRUE.equals(e.flareUpSafe()), id + " for a flared-up back: " + who);
        }
      }
      // Someone who does not train is not told to warm up for or cool down from training.
      if (profile.has("train_none")) {
        assertFalse(
            plan.sections().stream()
                .anyMatch(
                    s ->
                        s.kind() == Plan.SectionKind.WARM_UP
                            || s.kind() == Plan.SectionKind.COOL_DOWN),
            who);
      }
      // The plan as shown refers to nothing off screen and to no training the person does not do.
      UserState shown = UserState.fresh(person).withConsent(true).withPlan(plan);
      for (var a : answers.entrySet()) {
        shown = shown.withAnswer(a.getKey(), a.getValue());
      }
      String text =
          new PlanView(CONTENT)
              .plan(shown).stream()
                  .map(Reply::text)
                  .reduce("", (a, b) -> a + "\n" + b)
                  .toLowerCase(java.util.Locale.ROOT);
      assertFalse(text.contains(" above"), "refers to text above: " + text);
      if (new PlanView(CONTENT).noWeights(shown)) {
        for (String kitWord : List.of("dumbbell", "barbell", "cable", "machine")) {
          assertFalse(text.contains(kitWord), kitWord + " for someone without weights: " + text);
        }
      }
      if (profile.has("train_none")) {
        for (String gym : List.of("back day", "working weight", "ramp-up", "your lifts")) {
          assertFalse(text.contains(gym), gym + " for someone who does not train: " + text);
        }
      }
      // No lifting question was asked of someone who does not train.
      if (profile.has("train_none")) {
        assertFalse(answers.containsKey("grip") || answers.containsKey("warm_up"), who);
      }
    }
    assertTrue(confirmedSeen > 100, "the generator reaches confirmed mistakes: " + confirmedSeen);
    assertTrue(leading.size() >= 6, "plans lead with many different fixes: " + leading);
  }

  @Test
  void aPullerWhoseArmsAndGripGiveOutOnMachinesGetsThoseThreeFixes() {
    ChatDriver chat = new ChatDriver(31).consented();
    for (String a : Personas.PULLER) {
      chat.say(a);
    }
    assertEquals(Stage.READY, chat.state.stage(), chat.text());
    assertEquals(
        Set.of("arms_do_pulling", "grip_fails_first", "machines_only"),
        Set.copyOf(chat.state.plan().fixes()));
  }
}
