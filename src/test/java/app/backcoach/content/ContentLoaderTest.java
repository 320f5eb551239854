package app.backcoach.content;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged default bundle: it loads cleanly and holds everything the code and the product brief
 * rely on.
 */
class ContentLoaderTest {
  /** Every exercise the product brief names. */
  static final List<String> BRIEF_EXERCISES =
      List.of(
          "dead_bug",
          "bird_dog",
          "glute_bridge",
          "hip_thrust",
          "plank",
          "side_plank",
          "superman",
          "back_extension",
          "pallof_press",
          "farmers_carry",
          "romanian_deadlift",
          "good_morning",
          "cable_pull_through",
          "pull_up",
          "band_assisted_pull_up",
          "ring_row",
          "single_arm_row",
          "chest_supported_row",
          "face_pull",
          "reverse_fly",
          "cat_cow",
          "childs_pose",
          "knee_to_chest",
          "pelvic_tilt",
          "piriformis_stretch",
          "hip_flexor_stretch",
          "hamstring_stretch",
          "thoracic_rotation",
          "thoracic_extension",
          "seated_twist");

  private static ContentBundle bundle;

  @BeforeAll
  static void loadPackaged() {
    bundle = loadOrShowProblems(ContentSource.packaged());
  }

  static ContentBundle loadOrShowProblems(ContentSource source) {
    try {
      return ContentLoader.load(source);
    } catch (ContentException e) {
      return fail(
          "the bundle should load without problems, but:\n" + BundleFixture.list(e.problems()));
    }
  }

  @Test
  void packagedBundleLoadsWithoutAnyProblem() {
    assertNotNull(bundle);
    assertTrue(
        ContentValidator.validate(bundle).isEmpty(),
        "validator finds nothing in the packaged bundle");
  }

  @Test
  void packagedBundleHasEveryRequiredRoutine() {
    List<String> missing = new ArrayList<>();
    for (String id : Required.ROUTINES) {
      if (bundle.routine(id) == null) {
        missing.add(id);
      }
    }
    assertEquals(List.of(), missing, "required routines missing from the packaged bundle");
    assertEquals(7, Required.ROUTINES.size());
  }

  @Test
  void packagedBundleHasEveryRequiredQuestionWithItsType() {
    for (Map.Entry<String, Question.Type> required : Required.QUESTIONS.entrySet()) {
      Question q = bundle.onboarding().question(required.getKey());
      assertNotNull(q, "required question " + required.getKey());
      assertEquals(required.getValue(), q.type(), "type of question " + required.getKey());
    }
  }

  @Test
  void packagedBundleHasANonBlankTextForEveryMessageKey() {
    List<String> missing = new ArrayList<>();
    for (Msg msg : Msg.values()) {
      String raw = bundle.messages().raw(msg.key());
      if (raw == null || raw.isBlank()) {
        missing.add(msg.key());
      }
    }
    assertEquals(List.of(), missing, "message keys without text");
    assertEquals(
        Msg.values().length, bundle.messages().all().size(), "no keys beyond the Msg enum");
  }

  @Test
  void packagedBundleHasAtLeastThirtyMistakesAndFortyExercises() {
    assertTrue(bundle.mistakes().size() >= 30, "mistakes: " + bundle.mistakes().size());
    assertTrue(bundle.exercises().size() >= 40, "exercises: " + bundle.exercises().size());
  }

  @Test
  void packagedBundleHasEveryExerciseNamedInTheProductBrief() {
    assertEquals(30, BRIEF_EXERCISES.size());
    List<String> missing =
        BRIEF_EXERCISES.stream().filter(id -> bundle.exercise(id) == null).toList();
    assertEquals(List.of(), missing, "exercises from the product brief missing");
  }

  @Test
  void packagedBundleKeepsMistakesInFileOrderStartingWithWeakCore() {
    assertEquals("weak_core", bundle.mistakes().get(0).id());
    assertEquals("Dead bug", bundle.exercise("dead_bug").name());
    assertEquals("core", bundle.exercise("dead_bug").kind());
    assertEquals(Boolean.TRUE, bundle.exercise("dead_bug").flareUpSafe());
  }

  @Test
  void packagedBundleHasRedFlagsAndPlacesWithValidZones() {
    assertFalse(bundle.safety().redFlags().isEmpty());
    assertFalse(bundle.places().isEmpty());
    assertEquals("America/New_York", bundle.places().get("est"));
  }

  @Test
  void aDirectoryCopyOfThePackagedBundleLoadsTheSameEntries(@TempDir Path dir) {
    BundleFixture fixture = BundleFixture.copyOfPackaged(dir);
    ContentBundle copy = loadOrShowProblems(ContentSource.directory(fixture.dir()));
    assertEquals(
        bundle.mistakes().stream().map(Mistake::id).toList(),
        copy.mistakes().stream().map(Mistake::id).toList());
    assertEquals(bundle.exercises().size(), copy.exercises().size());
    assertEquals(bundle.routines().size(), copy.routines().size());
    assertEquals(bundle.guidance().size(), copy.guidance().size());
    assertEquals(bundle.places(), copy.places());
    assertEquals(bundle.messages().all(), copy.messages().all());
  }

  @Test
  void problemPrintsAsFileEntryFieldMessage() {
    Problem p = new Problem("exercises.yaml", "dead_bug", "kind", "must be one of [core]");
    assertEquals("exercises.yaml: dead_bug: kind: must be one of [core]", p.toString());
  }

  @Test
  void contentExceptionNamesTheBundleAndListsEveryProblemOnItsOwnLine() {
    List<Problem> problems =
        List.of(
            new Problem("mistakes.yaml", "weak_core", "why", "required"),
            new Problem("places.yaml", "est", "-", "place names must be lower case"));
    ContentException e = new ContentException("/some/dir", problems);
    assertEquals(
        "content bundle /some/dir has 2 problems:\n"
            + "mistakes.yaml: weak_core: why: required\n"
            + "places.yaml: est: -: place names must be lower case",
        e.getMessage());
    assertEquals(problems, e.problems());
  }
}
