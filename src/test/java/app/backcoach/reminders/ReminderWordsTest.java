package app.backcoach.reminders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.backcoach.TestContent;
import app.backcoach.coaching.Plan;
import app.backcoach.coaching.PlanBuilder;
import app.backcoach.coaching.Profile;
import app.backcoach.content.ContentBundle;
import app.backcoach.content.Routine;
import app.backcoach.storage.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every reminder says what to do now, with a dose: reps, seconds, minutes or a count. */
class ReminderWordsTest {
  /** A number, maybe a range, then a unit or a counted thing ("8 slow rounds", "3 x 8-12"). */
  static final Pattern DOSE =
      Pattern.compile(
          "\\b\\d+(?:-\\d+)?\\s+(?:[a-z]+\\s+)?"
              + "(?:x|×|reps?|rounds?|times|squeezes|seconds?|s|min|minutes?|sets?|holds?"
              + "|quick questions?)\\b");

  final ContentBundle content = TestContent.bundle();
  final ReminderText text = new ReminderText(content);

  /** A few users' plans, as stored, and none at all. */
  Map<String, String> plans() {
    PlanBuilder builder = new PlanBuilder(content);
    Map<String, String> out = new LinkedHashMap<>();
    out.put("desk worker, stiff mornings, gym", plan(builder, "desk", "morning_stiffness", "gym"));
    out.put("flared up at home", plan(builder, "desk", "morning_stiffness", "flared_up"));
    out.put("lifter at home with dumbbells", plan(builder, "dumbbell", "lifter"));
    out.put("no training, stiff mornings", plan(builder, "train_none", "morning_stiffness"));
    out.put("no plan", null);
    return out;
  }

  private static String plan(PlanBuilder builder, String... tags) {
    Plan p = builder.build(new Profile(Set.of(tags), Map.of()), Instant.EPOCH);
    return Json.write(p.sections());
  }

  @Test
  void everyKindForEveryPlanSaysWhatToDoNowWithADose() {
    List<String> vague = new ArrayList<>();
    plans()
        .forEach(
            (who, sections) -> {
              ReminderText.FromPlan plan = text.render(sections);
              for (Kind kind : Kind.values()) {
                for (int rotation = 0; rotation < 12; rotation++) {
                  int variant = text.variant(kind, rotation, plan);
                  String said = text.reminder(kind, 1, variant, plan).text();
                  if (!DOSE.matcher(said).find()) {
                    vague.add(who + ", " + kind + " #" + rotation + ": " + said);
                  }
                }
              }
            });
    assertEquals(List.of(), vague, "reminders without a dose");
  }

  @Test
  void theDailyMobilityListsThePlansMovesWithTheirDoses() {
    plans()
        .forEach(
            (who, sections) -> {
              String said = text.reminder(Kind.MOBILITY, 1, 0, text.render(sections)).text();
              List<String> expected = mobilityMoves(sections);
              assertFalse(expected.isEmpty(), who);
              for (String move : expected) {
                assertTrue(said.contains(move), who + ": no '" + move + "' in\n" + said);
              }
              assertFalse(said.contains("heating pad"), who + ": a tip instead of moves\n" + said);
            });
  }

  /**
   * "Name: dose" of each exercise in the plan's copy of the mobility routine, or in the routine
   * itself for a plan without one.
   */
  private List<String> mobilityMoves(String sections) {
    List<String> out = new ArrayList<>();
    if (sections != null) {
      for (Plan.Section s : read(sections)) {
        if (Kind.MOBILITY.routine.equals(s.routineId())) {
          for (Plan.Item i : s.items()) {
            if (i.exercise() != null) {
              out.add(content.exercise(i.exercise()).name() + ": " + i.dose());
            }
          }
        }
      }
    }
    if (out.isEmpty()) {
      for (Routine.Step st : content.routine(Kind.MOBILITY.routine).steps()) {
        if (st.exercise() != null) {
          out.add(content.exercise(st.exercise()).name() + ": " + st.dose());
        }
      }
    }
    return out;
  }

  @Test
  void aPostureBreakIsOneShortMoveAndTheNextBreaksBringOthers() {
    Set<String> seen = new java.util.HashSet<>();
    for (int rotation = 0; rotation < 4; rotation++) {
      String said = text.reminder(Kind.POSTURE, 1, rotation, null).text();
      String move = said.substring(said.indexOf('\n') + 1);
      assertFalse(move.contains("\n"), "one move: " + said);
      assertTrue(DOSE.matcher(move).find(), said);
      assertTrue(seen.add(move), "repeated " + move);
    }
  }

  @Test
  void theWorkoutListsThePlansMainExercisesWithTheirDoses() {
    plans()
        .forEach(
            (who, sections) -> {
              String said = text.reminder(Kind.WORKOUT, 1, 0, text.render(sections)).text();
              for (Plan.Section s : sections == null ? List.<Plan.Section>of() : read(sections)) {
                if (s.kind() == Plan.SectionKind.MAIN) {
                  for (Plan.Item i : s.items()) {
                    if (i.exercise() != null) {
                      String move = content.exercise(i.exercise()).name() + ": " + i.dose();
                      assertTrue(said.contains(move), who + ": no '" + move + "' in\n" + said);
                    }
                  }
                }
              }
            });
  }

  private static List<Plan.Section> read(String sections) {
    return Json.read(
        sections, new com.fasterxml.jackson.core.type.TypeReference<List<Plan.Section>>() {});
  }

  @Test
  void theCheckInReminderCountsItsQuestions() {
    String said = text.reminder(Kind.CHECKIN, 1, 0, null).text();
    int questions = content.onboarding().checkin().size();
    assertTrue(said.contains(questions + " quick questions"), said);
  }

  @Test
  void aCatchUpCountsEachKindInWordsAndGivesOneMoveToDoNow() {
    assertEquals(
        content
            .text(app.backcoach.content.Msg.CATCH_UP, "missed", "1 posture break", "item", "")
            .strip(),
        text.catchUp(List.of(Kind.POSTURE))
            .text()
            .replace(text.items(Kind.POSTURE).get(0), "")
            .strip());
    String two = text.catchUp(List.of(Kind.POSTURE, Kind.MOBILITY, Kind.POSTURE)).text();
    assertTrue(two.contains("you missed 2 posture breaks, 1 mobility session."), two);
    assertTrue(DOSE.matcher(two).find(), two);
  }
}
