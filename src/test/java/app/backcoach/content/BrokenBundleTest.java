package app.backcoach.content;

import static app.backcoach.content.BundleFixture.assertOnlyProblem;
import static app.backcoach.content.BundleFixture.assertProblem;
import static app.backcoach.content.ContentLoader.EXERCISES;
import static app.backcoach.content.ContentLoader.GUIDANCE;
import static app.backcoach.content.ContentLoader.MESSAGES;
import static app.backcoach.content.ContentLoader.MISTAKES;
import static app.backcoach.content.ContentLoader.ONBOARDING;
import static app.backcoach.content.ContentLoader.PLACES;
import static app.backcoach.content.ContentLoader.ROUTINES;
import static app.backcoach.content.ContentLoader.SAFETY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bundles broken in one place at the file level: missing files, bad YAML, wrong shapes, bad or
 * clashing ids, cards too long for Telegram, and how problems are collected.
 */
class BrokenBundleTest {
  @TempDir Path dir;
  BundleFixture bundle;

  @BeforeEach
  void copyPackagedBundle() {
    bundle = BundleFixture.copyOfPackaged(dir);
  }

  // ---- files and YAML ----

  @Test
  void reportsMissingFileByName() {
    bundle.delete(GUIDANCE);
    assertOnlyProblem(bundle.problems(), GUIDANCE, "-", "-", "file is missing");
  }

  @Test
  void reportsEveryMissingFileNotOnlyTheFirst() {
    bundle.delete(SAFETY);
    bundle.delete(PLACES);
    List<Problem> problems = bundle.problems();
    assertProblem(problems, SAFETY, "-", "-", "file is missing");
    assertProblem(problems, PLACES, "-", "-", "file is missing");
    assertEquals(2, problems.size(), BundleFixture.list(problems));
  }

  @Test
  void reportsInvalidYamlSyntaxWithTheLineItIsOn() {
    String broken = "    dose: 2 to 3 sets: 8 slow reps per side";
    bundle.replaceInEntry(
        EXERCISES, "dead_bug", "    dose: 2 to 3 sets of 8 slow reps per side", broken);
    int line = bundle.lineOf(EXERCISES, broken);
    Problem p = assertOnlyProblem(bundle.problems(), EXERCISES, "-", "-", "not valid YAML: ");
    assertTrue(p.message().contains("mapping values are not allowed"), p.message());
    assertTrue(
        p.message().endsWith("(line " + line + ")"),
        "expected line " + line + " in: " + p.message());
  }

  @Test
  void reportsUnclosedListWithTheLineItStartsOnOrAfter() {
    bundle.replaceInEntry(
        MISTAKES,
        "weak_core",
        "    exercises: [dead_bug, plank,",
        "    exercises: [dead_bug plank,");
    bundle.replaceInEntry(MISTAKES, "weak_core", "pallof_press]\n", "pallof_press\n");
    int line = bundle.lineOf(MISTAKES, "    exercises: [dead_bug plank,");
    Problem p = assertOnlyProblem(bundle.problems(), MISTAKES, "-", "-", "not valid YAML: ");
    int reported = Integer.parseInt(p.message().replaceAll("(?s).*\\(line (\\d+)\\)$", "$1"));
    assertTrue(
        reported >= line && reported <= line + 3, "line " + reported + " near " + line + ": " + p);
  }

  @Test
  void reportsEmptyFileAsNotAMapping() {
    bundle.write(GUIDANCE, "# nothing here yet\n");
    assertOnlyProblem(
        bundle.problems(), GUIDANCE, "-", "-", "must be a YAML mapping at the top level");
  }

  @Test
  void reportsTopLevelListAsNotAMapping() {
    bundle.write(ROUTINES, "- id: warm_up\n  title: Warm-up\n");
    assertOnlyProblem(
        bundle.problems(), ROUTINES, "-", "-", "must be a YAML mapping at the top level");
  }

  @Test
  void reportsMisspelledListKeyAsMissingListOfEntries() {
    bundle.replace(GUIDANCE, "guidance:\n", "guidence:\n");
    assertOnlyProblem(bundle.problems(), GUIDANCE, "-", "guidance", "must be a list of entries");
  }

  @Test
  void reportsMisspelledPlacesKeyAsMissingMapping() {
    bundle.replace(PLACES, "\nplaces:\n", "\nplace:\n");
    assertOnlyProblem(bundle.problems(), PLACES, "-", "places", "must be a mapping");
  }

  @Test
  void reportsMessageThatIsAListInsteadOfText() {
    bundle.replace(MESSAGES, "\nbtn_done: Done ✔\n", "\nbtn_done: [Done]\n");
    assertOnlyProblem(bundle.problems(), MESSAGES, "btn_done", "-", "must be a text");
  }

  @Test
  void reportsPlaceMappedToANumberInsteadOfAZoneText() {
    bundle.replace(PLACES, "\n  est: America/New_York\n", "\n  est: 5\n");
    assertOnlyProblem(bundle.problems(), PLACES, "est", "-", "must be a text");
  }

  // ---- mapping entries to records ----

  @Test
  void reportsMisspelledExerciseFieldAsUnknownFieldWithEntryAndFieldName() {
    bundle.replaceInEntry(EXERCISES, "dead_bug", "\n    dose: ", "\n    dosage: ");
    assertOnlyProblem(
        bundle.problems(), EXERCISES, "dead_bug", "dosage", "unknown field (a typo?)");
  }

  @Test
  void reportsTextWhereATrueOrFalseBelongsAsWrongType() {
    bundle.setField(EXERCISES, "dead_bug", "flareUpSafe", "    flareUpSafe: sometimes");
    assertOnlyProblem(
        bundle.problems(), EXERCISES, "dead_bug", "flareUpSafe", "wrong type or shape: ");
  }

  @Test
  void reportsPlainTextWhereAListBelongsAsWrongType() {
    bundle.setField(EXERCISES, "dead_bug", "steps", "    steps: Lie down and move slowly.");
    assertOnlyProblem(bundle.problems(), EXERCISES, "dead_bug", "steps", "wrong type or shape: ");
  }

  @Test
  void reportsTextWhereANumberBelongsAsWrongType() {
    bundle.setField(ROUTINES, "warm_up", "minutes", "    minutes: ten");
    assertOnlyProblem(bundle.problems(), ROUTINES, "warm_up", "minutes", "wrong type or shape: ");
  }

  @Test
  void reportsWrongTypeInsideARoutineStepWithTheStepIndexInTheField() {
    bundle.replaceInEntry(
        ROUTINES, "warm_up", "      - exercise: cat_cow\n", "      - exercise: [cat_cow]\n");
    assertOnlyProblem(
        bundle.problems(), ROUTINES, "warm_up", "steps[3].exercise", "wrong type or shape: ");
  }

  @Test
  void reportsUnknownQuestionTypeWithThePathToIt() {
    bundle.replaceInEntry(ONBOARDING, "day_kind", "    type: choice\n", "    type: choise\n");
    assertOnlyProblem(
        bundle.problems(), ONBOARDING, "-", "questions[0].type", "wrong type or shape: ");
  }

  @Test
  void reportsMisspelledSafetyKeyAsUnknownField() {
    bundle.replace(SAFETY, "\nredFlags:\n", "\nredflags:\n");
    assertOnlyProblem(bundle.problems(), SAFETY, "-", "redflags", "unknown field (a typo?)");
  }

  @Test
  void aBadEntryDoesNotHideABadEntryInAnotherFile() {
    bundle.replaceInEntry(EXERCISES, "dead_bug", "\n    dose: ", "\n    dosage: ");
    bundle.setField(GUIDANCE, "weekly_volume", "title", "    title: [How much, back work]");
    List<Problem> problems = bundle.problems();
    assertProblem(problems, EXERCISES, "dead_bug", "dosage", "unknown field (a typo?)");
    assertProblem(problems, GUIDANCE, "weekly_volume", "title", "wrong type or shape: ");
    assertEquals(2, problems.size(), BundleFixture.list(problems));
  }

  // ---- ids ----

  @Test
  void reportsIdUsedInTwoFilesOnTheLaterFileNamingTheEarlierOne() {
    bundle.replace(GUIDANCE, "\n  - id: weekly_volume\n", "\n  - id: weak_core\n");
    assertOnlyProblem(
        bundle.problems(), GUIDANCE, "weak_core", "id", "duplicate: already used in mistakes.yaml");
  }

  @Test
  void reportsExerciseIdReusedAsRoutineId() {
    bundle.replace(ROUTINES, "\n  - id: lower_back_stretch\n", "\n  - id: cat_cow\n");
    assertOnlyProblem(
        bundle.problems(), ROUTINES, "cat_cow", "id", "duplicate: already used in exercises.yaml");
  }

  @Test
  void reportsIdUsedTwiceInTheSameFile() {
    bundle.replace(GUIDANCE, "\n  - id: training_frequency\n", "\n  - id: weekly_volume\n");
    assertOnlyProblem(
        bundle.problems(),
        GUIDANCE,
        "weekly_volume",
        "id",
        "duplicate: already used in guidance.yaml");
  }

  @Test
  void reportsEmptyListEntryByItsPositionInsteadOfCrashing() {
    bundle.replace(MISTAKES, "\n  - id: no_warm_up\n", "\n  -\n  - id: no_warm_up\n");
    List<Problem> problems = bundle.problems();
    assertTrue(
        problems.stream().anyMatch(p -> p.file().equals(MISTAKES) && p.entry().equals("#3")),
        BundleFixture.list(problems));
  }

  @Test
  void reportsMessageKeyWrittenTwice() {
    bundle.replace(MESSAGES, "\nbtn_done: Done ✔\n", "\nbtn_done: Done ✔\nbtn_done: Finished\n");
    List<Problem> problems = bundle.problems();
    assertTrue(
        problems.stream()
            .anyMatch(p -> p.file().equals(MESSAGES) && p.toString().contains("btn_done")),
        BundleFixture.list(problems));
  }

  @Test
  void reportsUpperCaseId() {
    bundle.replace(GUIDANCE, "\n  - id: weekly_volume\n", "\n  - id: Weekly_volume\n");
    assertOnlyProblem(
        bundle.problems(),
        GUIDANCE,
        "Weekly_volume",
        "id",
        "must be 1-24 of a-z, 0-9, _ and start with a letter");
  }

  @Test
  void reportsIdStartingWithADigit() {
    bundle.replace(GUIDANCE, "\n  - id: weekly_volume\n", "\n  - id: 1weekly_volume\n");
    assertOnlyProblem(bundle.problems(), GUIDANCE, "1weekly_volume", "id", "must be 1-24 of a-z");
  }

  @Test
  void reportsIdWithAHyphen() {
    bundle.replace(GUIDANCE, "\n  - id: weekly_volume\n", "\n  - id: weekly-volume\n");
    assertOnlyProblem(bundle.problems(), GUIDANCE, "weekly-volume", "id", "must be 1-24 of a-z");
  }

  @Test
  void reportsIdLongerThanTwentyFourCharacters() {
    String id = "weekly_volume_abcdefghijk";
    assertEquals(25, id.length());
    bundle.replace(GUIDANCE, "\n  - id: weekly_volume\n", "\n  - id: " + id + "\n");
    assertOnlyProblem(bundle.problems(), GUIDANCE, id, "id", "must be 1-24 of a-z");
  }

  @Test
  void acceptsIdOfExactlyTwentyFourCharacters() {
    String id = "weekly_volume_abcdefghij";
    assertEquals(24, id.length());
    bundle.replace(GUIDANCE, "\n  - id: weekly_volume\n", "\n  - id: " + id + "\n");
    bundle.replace(ContentLoader.EXAMPLES, "\n  weekly_volume:\n", "\n  " + id + ":\n");
    assertNotNull(bundle.load().guidance(id));
  }

  @Test
  void reportsExamplesForAnEntryThatDoesNotExist() {
    bundle.replace(ContentLoader.EXAMPLES, "\n  weekly_volume:\n", "\n  weekly_volumes:\n");
    assertOnlyProblem(
        bundle.problems(),
        ContentLoader.EXAMPLES,
        "weekly_volumes",
        "examples",
        "no mistake, exercise, routine or guidance entry has this id");
  }

  @Test
  void reportsEntryWithoutIdByItsPosition() {
    bundle.replace(GUIDANCE, "\n  - id: training_frequency\n    title:", "\n  - title:");
    assertOnlyProblem(bundle.problems(), GUIDANCE, "#2", "id", "required");
  }

  @Test
  void namesAnEntryWithoutIdByItsPositionWhenItCannotBeRead() {
    bundle.replace(GUIDANCE, "\n  - id: training_frequency\n    title:", "\n  - titel:");
    assertOnlyProblem(bundle.problems(), GUIDANCE, "#2", "titel", "unknown field (a typo?)");
  }

  // ---- collecting problems ----

  @Test
  void reportsBothOfTwoSeparateErrorsInDifferentFiles() {
    bundle.replaceInEntry(
        MISTAKES, "weak_core", "glute_bridge, pallof_press]", "glute_bridge, pallof_presss]");
    bundle.replace(MESSAGES, "\nbtn_done: Done ✔\n", "\nbtn_done: Done ✔\nbtn_dnoe: Done\n");
    List<Problem> problems = bundle.problems();
    assertProblem(problems, MISTAKES, "weak_core", "exercises", "unknown exercise 'pallof_presss'");
    assertProblem(problems, MESSAGES, "btn_dnoe", "-", "unknown message key (a typo?)");
    assertEquals(2, problems.size(), BundleFixture.list(problems));
  }

  @Test
  void reportsBothOfTwoErrorsInTheSameEntry() {
    bundle.setField(EXERCISES, "dead_bug", "kind", "    kind: abs");
    bundle.setField(EXERCISES, "dead_bug", "equipment", "    equipment: [yoga_mat]");
    List<Problem> problems = bundle.problems();
    assertProblem(problems, EXERCISES, "dead_bug", "kind", "must be one of");
    assertProblem(problems, EXERCISES, "dead_bug", "equipment", "unknown item 'yoga_mat'");
    assertEquals(2, problems.size(), BundleFixture.list(problems));
  }

  @Test
  void checksReferencesOnlyOnceEveryFileHasBeenRead() {
    // By design the cross-file checks wait for a bundle that reads cleanly, so a dropped entry
    // cannot cause a flood of
    // follow-on "unknown exercise" reports. The unknown exercise shows up on the next check.
    bundle.replaceInEntry(EXERCISES, "dead_bug", "\n    dose: ", "\n    dosage: ");
    bundle.replaceInEntry(
        MISTAKES, "weak_core", "glute_bridge, pallof_press]", "glute_bridge, pallof_presss]");
    assertOnlyProblem(
        bundle.problems(), EXERCISES, "dead_bug", "dosage", "unknown field (a typo?)");
  }

  // ---- Telegram's 4,096-character message limit ----

  private static final ContentBundle PACKAGED = ContentLoader.load(ContentSource.packaged());

  /**
   * How long the why of weak_core must be for its card to render to exactly {@code total}
   * characters.
   */
  private static int whyLengthForCard(int total) {
    Mistake m = PACKAGED.mistake("weak_core");
    int rest = new Cards(PACKAGED).mistake(m).length() - m.why().length();
    return total - rest;
  }

  @Test
  void reportsMistakeCardLongerThan4096CharactersWithItsRenderedLength() {
    bundle.setField(MISTAKES, "weak_core", "why", "    why: " + "w".repeat(whyLengthForCard(4097)));
    assertOnlyProblem(
        bundle.problems(),
        MISTAKES,
        "weak_core",
        "-",
        "renders to 4097 characters; Telegram allows 4096");
  }

  @Test
  void acceptsMistakeCardOfExactly4096Characters() {
    bundle.setField(MISTAKES, "weak_core", "why", "    why: " + "w".repeat(whyLengthForCard(4096)));
    ContentBundle loaded = bundle.load();
    assertEquals(4096, new Cards(loaded).mistake(loaded.mistake("weak_core")).length());
  }

  @Test
  void reportsExerciseCardTooLongForTelegram() {
    bundle.setField(EXERCISES, "dead_bug", "dose", "    dose: " + "d".repeat(4100));
    assertOnlyProblem(bundle.problems(), EXERCISES, "dead_bug", "-", "Telegram allows 4096");
  }

  @Test
  void reportsRoutineCardTooLongForTelegram() {
    bundle.setField(ROUTINES, "warm_up", "purpose", "    purpose: " + "p".repeat(4100));
    assertOnlyProblem(bundle.problems(), ROUTINES, "warm_up", "-", "Telegram allows 4096");
  }

  @Test
  void reportsGuidanceCardTooLongForTelegram() {
    bundle.setField(GUIDANCE, "weekly_volume", "text", "    text: " + "t".repeat(4100));
    assertOnlyProblem(bundle.problems(), GUIDANCE, "weekly_volume", "-", "Telegram allows 4096");
  }

  @Test
  void reportsQuestionTextTooLongForTelegram() {
    bundle.setField(ONBOARDING, "day_kind", "text", "    text: " + "q".repeat(4097));
    assertOnlyProblem(
        bundle.problems(),
        ONBOARDING,
        "day_kind",
        "-",
        "renders to 4097 characters; Telegram allows 4096");
  }

  @Test
  void reportsMessageTooLongForTelegram() {
    bundle.replace(MESSAGES, "\nbtn_done: Done ✔\n", "\nbtn_done: " + "m".repeat(4097) + "\n");
    assertOnlyProblem(
        bundle.problems(),
        MESSAGES,
        "btn_done",
        "-",
        "renders to 4097 characters; Telegram allows 4096");
  }

  @Test
  void reportsDisclaimerAndReferralTogetherTooLongForTelegram() {
    bundle.setTopLevel(SAFETY, "disclaimer", "disclaimer: " + "s".repeat(4000));
    assertOnlyProblem(bundle.problems(), SAFETY, "-", "-", "Telegram allows 4096");
  }
}
