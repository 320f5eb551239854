package app.backcoach.content;

import static app.backcoach.content.BundleFixture.assertOnlyProblem;
import static app.backcoach.content.BundleFixture.assertProblem;
import static app.backcoach.content.ContentLoader.EXERCISES;
import static app.backcoach.content.ContentLoader.GUIDANCE;
import static app.backcoach.content.ContentLoader.MISTAKES;
import static app.backcoach.content.ContentLoader.ROUTINES;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mistakes, exercises, routines and guidance broken in one place each. */
class BrokenEntriesTest {
  @TempDir Path dir;
  BundleFixture bundle;

  @BeforeEach
  void copyPackagedBundle() {
    bundle = BundleFixture.copyOfPackaged(dir);
  }

  // ---- mistakes.yaml ----

  @Test
  void reportsMistakeWithoutTitle() {
    bundle.removeField(MISTAKES, "weak_core", "title");
    assertOnlyProblem(bundle.problems(), MISTAKES, "weak_core", "title", "required");
  }

  @Test
  void reportsMistakeWithBlankTitle() {
    bundle.setField(MISTAKES, "weak_core", "title", "    title: \"  \"");
    assertOnlyProblem(bundle.problems(), MISTAKES, "weak_core", "title", "required");
  }

  @Test
  void reportsMistakeWithoutWhy() {
    bundle.removeField(MISTAKES, "weak_core", "why");
    assertOnlyProblem(bundle.problems(), MISTAKES, "weak_core", "why", "required");
  }

  @Test
  void reportsMistakeWithoutFix() {
    bundle.removeField(MISTAKES, "weak_core", "fix");
    assertOnlyProblem(
        bundle.problems(), MISTAKES, "weak_core", "fix", "required, at least one item");
  }

  @Test
  void reportsMistakeWithoutSigns() {
    bundle.removeField(MISTAKES, "weak_core", "signs");
    assertOnlyProblem(
        bundle.problems(), MISTAKES, "weak_core", "signs", "required, at least one item");
  }

  @Test
  void reportsMistakeWithAnEmptyExerciseList() {
    bundle.setField(MISTAKES, "weak_core", "exercises", "    exercises: []");
    assertOnlyProblem(
        bundle.problems(), MISTAKES, "weak_core", "exercises", "required, at least one item");
  }

  @Test
  void reportsEmptyFixStepWithItsIndex() {
    bundle.replaceInEntry(
        MISTAKES,
        "weak_core",
        "      - Add 2 to 3 sets of core work to your week. No special kit needed.\n",
        "      -\n");
    assertOnlyProblem(bundle.problems(), MISTAKES, "weak_core", "fix[0]", "empty item");
  }

  @Test
  void reportsBlankSignWithItsIndex() {
    bundle.replaceInEntry(
        MISTAKES,
        "weak_core",
        "      - The muscles next to your spine feel tight or cranky.\n",
        "      - \"   \"\n");
    assertOnlyProblem(bundle.problems(), MISTAKES, "weak_core", "signs[1]", "empty item");
  }

  @Test
  void reportsUnknownExerciseInMistakeWithFileIdAndField() {
    bundle.replaceInEntry(
        MISTAKES, "weak_core", "glute_bridge, pallof_press]", "glute_bridge, pallof_presss]");
    assertOnlyProblem(
        bundle.problems(), MISTAKES, "weak_core", "exercises", "unknown exercise 'pallof_presss'");
  }

  @Test
  void reportsBadSourceFileNameInMistake() {
    bundle.replaceInEntry(
        MISTAKES,
        "weak_core",
        "    sources: [000_6cba20591dec0b53.txt,",
        "    sources: [article_one.txt,");
    assertOnlyProblem(
        bundle.problems(),
        MISTAKES,
        "weak_core",
        "sources",
        "'article_one.txt' is not a source article file name like 000_0123456789abcdef.txt");
  }

  @Test
  void reportsSourceFileNameWithUpperCaseHash() {
    bundle.replaceInEntry(
        MISTAKES,
        "weak_core",
        "    sources: [000_6cba20591dec0b53.txt,",
        "    sources: [000_6CBA20591DEC0B53.txt,");
    assertOnlyProblem(
        bundle.problems(), MISTAKES, "weak_core", "sources", "'000_6CBA20591DEC0B53.txt' is not");
  }

  // ---- exercises.yaml ----

  @Test
  void reportsExerciseWithoutName() {
    bundle.removeField(EXERCISES, "dead_bug", "name");
    assertOnlyProblem(bundle.problems(), EXERCISES, "dead_bug", "name", "required");
  }

  @Test
  void reportsExerciseWithoutDose() {
    bundle.removeField(EXERCISES, "dead_bug", "dose");
    assertOnlyProblem(bundle.problems(), EXERCISES, "dead_bug", "dose", "required");
  }

  @Test
  void reportsExerciseWithoutSteps() {
    bundle.removeField(EXERCISES, "dead_bug", "steps");
    assertOnlyProblem(
        bundle.problems(), EXERCISES, "dead_bug", "steps", "required, at least one item");
  }

  @Test
  void reportsExerciseWithoutFlareUpSafe() {
    bundle.removeField(EXERCISES, "dead_bug", "flareUpSafe");
    assertOnlyProblem(
        bundle.problems(), EXERCISES, "dead_bug", "flareUpSafe", "required (true or false)");
  }

  @Test
  void reportsExerciseWithoutEquipment() {
    bundle.removeField(EXERCISES, "dead_bug", "equipment");
    assertOnlyProblem(
        bundle.problems(), EXERCISES, "dead_bug", "equipment", "required, at least one item");
  }

  @Test
  void reportsExerciseWithoutKind() {
    bundle.removeField(EXERCISES, "dead_bug", "kind");
    assertOnlyProblem(bundle.problems(), EXERCISES, "dead_bug", "kind", "must be one of");
  }

  @Test
  void reportsEmptyExerciseStepWithItsIndex() {
    bundle.replaceInEntry(
        EXERCISES, "dead_bug", "      - Return to the start and switch sides.\n", "      - \"\"\n");
    assertOnlyProblem(bundle.problems(), EXERCISES, "dead_bug", "steps[4]", "empty item");
  }

  @Test
  void reportsUnknownKindListingTheAllowedOnes() {
    bundle.setField(EXERCISES, "dead_bug", "kind", "    kind: abs");
    assertOnlyProblem(
        bundle.problems(),
        EXERCISES,
        "dead_bug",
        "kind",
        "must be one of [cardio, core, hinge, mobility, pull, strength, stretch]");
  }

  @Test
  void reportsUnknownEquipmentItem() {
    bundle.setField(EXERCISES, "dead_bug", "equipment", "    equipment: [mat, yoga_mat]");
    assertOnlyProblem(
        bundle.problems(), EXERCISES, "dead_bug", "equipment", "unknown item 'yoga_mat'");
  }

  @Test
  void reportsEquipmentWrittenWithASpaceInsteadOfUnderscore() {
    bundle.setField(EXERCISES, "pull_up", "equipment", "    equipment: [pullup bar]");
    assertOnlyProblem(
        bundle.problems(), EXERCISES, "pull_up", "equipment", "unknown item 'pullup bar'");
  }

  @Test
  void reportsUnknownEasierExercise() {
    bundle.setField(EXERCISES, "dead_bug", "easier", "    easier: pelvic_tlit");
    assertOnlyProblem(
        bundle.problems(), EXERCISES, "dead_bug", "easier", "unknown exercise 'pelvic_tlit'");
  }

  @Test
  void reportsUnknownHarderExercise() {
    bundle.setField(EXERCISES, "dead_bug", "harder", "    harder: palof_press");
    assertOnlyProblem(
        bundle.problems(), EXERCISES, "dead_bug", "harder", "unknown exercise 'palof_press'");
  }

  @Test
  void reportsUnknownSubstituteExercise() {
    bundle.setField(EXERCISES, "hip_thrust", "substitute", "    substitute: glute_brige");
    assertOnlyProblem(
        bundle.problems(), EXERCISES, "hip_thrust", "substitute", "unknown exercise 'glute_brige'");
  }

  @Test
  void reportsEasierExercisePointingToItself() {
    bundle.setField(EXERCISES, "dead_bug", "easier", "    easier: dead_bug");
    assertOnlyProblem(
        bundle.problems(),
        EXERCISES,
        "dead_bug",
        "easier",
        "must name another exercise, not itself");
  }

  @Test
  void reportsSubstitutePointingToItselfAsSelfReferenceAndLoop() {
    bundle.setField(EXERCISES, "hip_thrust", "substitute", "    substitute: hip_thrust");
    List<Problem> problems = bundle.problems();
    assertProblem(
        problems, EXERCISES, "hip_thrust", "substitute", "must name another exercise, not itself");
    assertProblem(
        problems,
        EXERCISES,
        "hip_thrust",
        "substitute",
        "substitutes form a loop through hip_thrust");
    assertEquals(2, problems.size(), BundleFixture.list(problems));
  }

  @Test
  void reportsSubstituteLoopBetweenTwoExercisesOnBoth() {
    // hip_thrust already substitutes glute_bridge; pointing glute_bridge back closes the loop.
    bundle.addField(EXERCISES, "glute_bridge", "    substitute: hip_thrust");
    List<Problem> problems = bundle.problems();
    assertProblem(
        problems,
        EXERCISES,
        "glute_bridge",
        "substitute",
        "substitutes form a loop through glute_bridge");
    assertProblem(
        problems,
        EXERCISES,
        "hip_thrust",
        "substitute",
        "substitutes form a loop through hip_thrust");
    assertEquals(
        List.of(),
        problems.stream().filter(p -> !p.message().startsWith("substitutes form a loop")).toList(),
        "only loop problems");
  }

  @Test
  void reportsBadSourceFileNameInExercise() {
    bundle.replaceInEntry(
        EXERCISES,
        "dead_bug",
        "    sources: [000_6cba20591dec0b53.txt,",
        "    sources: [000_6cba20591dec0b53.md,");
    assertOnlyProblem(
        bundle.problems(), EXERCISES, "dead_bug", "sources", "'000_6cba20591dec0b53.md' is not");
  }

  // ---- routines.yaml ----

  @Test
  void reportsRoutineWithoutTitle() {
    bundle.removeField(ROUTINES, "warm_up", "title");
    assertOnlyProblem(bundle.problems(), ROUTINES, "warm_up", "title", "required");
  }

  @Test
  void reportsRoutineWithoutPurpose() {
    bundle.removeField(ROUTINES, "warm_up", "purpose");
    assertOnlyProblem(bundle.problems(), ROUTINES, "warm_up", "purpose", "required");
  }

  @Test
  void reportsRoutineWithoutFlareUpSafe() {
    bundle.removeField(ROUTINES, "warm_up", "flareUpSafe");
    assertOnlyProblem(
        bundle.problems(), ROUTINES, "warm_up", "flareUpSafe", "required (true or false)");
  }

  @Test
  void reportsRoutineWithoutMinutes() {
    bundle.removeField(ROUTINES, "warm_up", "minutes");
    assertOnlyProblem(bundle.problems(), ROUTINES, "warm_up", "minutes", "required, 1 to 180");
  }

  @Test
  void reportsRoutineOfZeroMinutes() {
    bundle.setField(ROUTINES, "warm_up", "minutes", "    minutes: 0");
    assertOnlyProblem(bundle.problems(), ROUTINES, "warm_up", "minutes", "required, 1 to 180");
  }

  @Test
  void reportsRoutineLongerThan180Minutes() {
    bundle.setField(ROUTINES, "warm_up", "minutes", "    minutes: 181");
    assertOnlyProblem(bundle.problems(), ROUTINES, "warm_up", "minutes", "required, 1 to 180");
  }

  @Test
  void acceptsRoutineOfExactly180Minutes() {
    bundle.setField(ROUTINES, "warm_up", "minutes", "    minutes: 180");
    assertEquals(180, bundle.load().routine("warm_up").minutes());
  }

  @Test
  void reportsRoutineWithoutSteps() {
    bundle.removeField(ROUTINES, "warm_up", "steps");
    assertOnlyProblem(
        bundle.problems(), ROUTINES, "warm_up", "steps", "required, at least one step");
  }

  @Test
  void reportsRoutineStepWithUnknownExercise() {
    bundle.replaceInEntry(
        ROUTINES, "warm_up", "      - exercise: arm_circles\n", "      - exercise: arm_circle\n");
    assertOnlyProblem(
        bundle.problems(),
        ROUTINES,
        "warm_up",
        "steps[1].exercise",
        "unknown exercise 'arm_circle'");
  }

  @Test
  void reportsRoutineStepWithBothExerciseAndNote() {
    bundle.replaceInEntry(
        ROUTINES,
        "warm_up",
        "      - exercise: walking\n",
        "      - exercise: walking\n        note: Or cycle.\n");
    assertOnlyProblem(
        bundle.problems(),
        ROUTINES,
        "warm_up",
        "steps[0]",
        "needs exactly one of exercise or note");
  }

  @Test
  void reportsRoutineStepWithNeitherExerciseNorNote() {
    bundle.replaceInEntry(
        ROUTINES, "warm_up", "      - exercise: arm_circles\n        dose:", "      - dose:");
    assertOnlyProblem(
        bundle.problems(),
        ROUTINES,
        "warm_up",
        "steps[1]",
        "needs exactly one of exercise or note");
  }

  @Test
  void reportsEmptyRoutineStep() {
    bundle.replaceInEntry(
        ROUTINES,
        "warm_up",
        "      - exercise: arm_circles\n        dose:",
        "      -\n      - note:");
    assertOnlyProblem(
        bundle.problems(),
        ROUTINES,
        "warm_up",
        "steps[1]",
        "needs exactly one of exercise or note");
  }

  @Test
  void reportsFlareUpSafeRoutineContainingAnExerciseThatIsNotSafe() {
    bundle.replaceInEntry(
        ROUTINES,
        "gentle_sore_back",
        "      - exercise: pelvic_tilt\n",
        "      - exercise: romanian_deadlift\n");
    assertOnlyProblem(
        bundle.problems(),
        ROUTINES,
        "gentle_sore_back",
        "steps[1].exercise",
        "'romanian_deadlift' is not flare-up safe, but the routine says it is");
  }

  @Test
  void acceptsUnsafeExerciseInRoutineNotMarkedFlareUpSafe() {
    bundle.replaceInEntry(
        ROUTINES,
        "warm_up",
        "      - exercise: arm_circles\n",
        "      - exercise: romanian_deadlift\n");
    assertEquals("romanian_deadlift", bundle.load().routine("warm_up").steps().get(1).exercise());
  }

  @Test
  void reportsMissingRequiredRoutineById() {
    bundle.replace(ROUTINES, "\n  - id: desk_breaks\n", "\n  - id: desk_micro_breaks\n");
    assertOnlyProblem(
        bundle.problems(), ROUTINES, "desk_breaks", "-", "required routine is missing");
  }

  @Test
  void reportsBadSourceFileNameInRoutine() {
    bundle.replaceInEntry(
        ROUTINES,
        "warm_up",
        "    sources: [000_6cba20591dec0b53.txt,",
        "    sources: [0_6cba20591dec0b53.txt,");
    assertOnlyProblem(
        bundle.problems(), ROUTINES, "warm_up", "sources", "'0_6cba20591dec0b53.txt' is not");
  }

  // ---- guidance.yaml ----

  @Test
  void reportsGuidanceWithoutTitle() {
    bundle.removeField(GUIDANCE, "weekly_volume", "title");
    assertOnlyProblem(bundle.problems(), GUIDANCE, "weekly_volume", "title", "required");
  }

  @Test
  void reportsGuidanceWithoutText() {
    bundle.removeField(GUIDANCE, "weekly_volume", "text");
    assertOnlyProblem(bundle.problems(), GUIDANCE, "weekly_volume", "text", "required");
  }

  @Test
  void reportsBadSourceFileNameInGuidance() {
    bundle.replaceInEntry(
        GUIDANCE,
        "weekly_volume",
        "    sources: [000_6cba20591dec0b53.txt,",
        "    sources: [\"\",");
    assertOnlyProblem(
        bundle.problems(), GUIDANCE, "weekly_volume", "sources", "'' is not a source article");
  }
}
