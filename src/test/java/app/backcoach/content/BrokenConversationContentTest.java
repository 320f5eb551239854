package app.backcoach.content;

import static app.backcoach.content.BundleFixture.assertOnlyProblem;
import static app.backcoach.content.ContentLoader.MESSAGES;
import static app.backcoach.content.ContentLoader.ONBOARDING;
import static app.backcoach.content.ContentLoader.PLACES;
import static app.backcoach.content.ContentLoader.SAFETY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The files the conversation runs on, broken in one place each: safety, onboarding, messages and
 * places.
 */
class BrokenConversationContentTest {
  @TempDir Path dir;
  BundleFixture bundle;

  @BeforeEach
  void copyPackagedBundle() {
    bundle = BundleFixture.copyOfPackaged(dir);
  }

  // ---- safety.yaml ----

  @Test
  void reportsMissingDisclaimer() {
    bundle.setTopLevel(SAFETY, "disclaimer", "");
    assertOnlyProblem(bundle.problems(), SAFETY, "-", "disclaimer", "required");
  }

  @Test
  void reportsMissingReferral() {
    bundle.setTopLevel(SAFETY, "referrals", "");
    assertOnlyProblem(
        bundle.problems(), SAFETY, "-", "referrals", "required: emergency, urgent and soon");
  }

  @Test
  void reportsAReferralUrgencyLeftEmpty() {
    bundle.setTopLevel(SAFETY, "referrals", "referrals:\n  emergency: Go now.\n  urgent: Soon.");
    assertOnlyProblem(bundle.problems(), SAFETY, "-", "referrals.soon", "required");
  }

  @Test
  void reportsARedFlagWithoutUrgency() {
    bundle.replaceInEntry(SAFETY, "tingling", "    urgency: soon\n", "");
    assertOnlyProblem(
        bundle.problems(), SAFETY, "tingling", "urgency", "required: emergency, urgent or soon");
  }

  @Test
  void reportsAPatternNamingAnUnknownVocabularyClass() {
    bundle.replaceInEntry(SAFETY, "tingling", "      - \"@tingle\"\n", "      - \"@tingles\"\n");
    assertOnlyProblem(
        bundle.problems(), SAFETY, "tingling", "patterns[0]", "unknown vocabulary class @tingles");
  }

  @Test
  void reportsCoversNamingAnUnknownRedFlag() {
    bundle.replaceInEntry(
        SAFETY, "both_legs", "    covers: [shooting_leg_pain,", "    covers: [shooting_pain,");
    assertOnlyProblem(
        bundle.problems(), SAFETY, "both_legs", "covers", "unknown red flag shooting_pain");
  }

  @Test
  void reportsSafetyWithoutRedFlags() {
    bundle.setTopLevel(SAFETY, "redFlags", "redFlags: []");
    assertOnlyProblem(
        bundle.problems(), SAFETY, "-", "redFlags", "required, at least one red flag");
  }

  @Test
  void reportsRedFlagWithMalformedId() {
    bundle.replace(SAFETY, "\n  - id: tingling\n", "\n  - id: Tingling\n");
    assertOnlyProblem(bundle.problems(), SAFETY, "Tingling", "id", "required, 1-24 of a-z, 0-9, _");
  }

  @Test
  void reportsDuplicateRedFlagId() {
    bundle.replace(SAFETY, "\n  - id: tingling\n", "\n  - id: numbness\n");
    assertOnlyProblem(bundle.problems(), SAFETY, "numbness", "id", "duplicate");
  }

  @Test
  void reportsRedFlagWithoutLabel() {
    bundle.removeField(SAFETY, "tingling", "label");
    assertOnlyProblem(bundle.problems(), SAFETY, "tingling", "label", "required");
  }

  @Test
  void reportsRedFlagWithEmptyPhrase() {
    bundle.replaceInEntry(SAFETY, "tingling", "      - \"@tingle\"\n", "      - \"\"\n");
    assertOnlyProblem(bundle.problems(), SAFETY, "tingling", "patterns[0]", "empty item");
  }

  @Test
  void reportsEmptyRedFlagItemInsteadOfCrashing() {
    bundle.replace(SAFETY, "\n  - id: tingling\n", "\n  -\n  - id: tingling\n");
    List<Problem> problems = bundle.problems();
    assertTrue(
        problems.stream().anyMatch(p -> p.file().equals(SAFETY)), BundleFixture.list(problems));
  }

  // ---- onboarding.yaml: plan numbers and questions ----

  @Test
  void reportsTopFixesBelowOne() {
    bundle.replace(ONBOARDING, "\n  topFixes: 3 ", "\n  topFixes: 0 ");
    assertOnlyProblem(bundle.problems(), ONBOARDING, "-", "plan.topFixes", "required, at least 1");
  }

  @Test
  void reportsMissingResumeAfterHours() {
    bundle.replace(ONBOARDING, "\n  resumeAfterHours: 12 ", "\n  # resumeAfterHours: 12 ");
    assertOnlyProblem(
        bundle.problems(), ONBOARDING, "-", "plan.resumeAfterHours", "required, at least 1");
  }

  @Test
  void reportsQuestionWithMalformedId() {
    bundle.replace(ONBOARDING, "\n  - id: sitting_hours\n", "\n  - id: Sitting_hours\n");
    assertOnlyProblem(
        bundle.problems(), ONBOARDING, "Sitting_hours", "id", "required, 1-24 of a-z, 0-9, _");
  }

  @Test
  void reportsDuplicateQuestionId() {
    bundle.replace(ONBOARDING, "\n  - id: training_days\n", "\n  - id: sitting_hours\n");
    assertOnlyProblem(
        bundle.problems(), ONBOARDING, "sitting_hours", "id", "duplicate question id");
  }

  @Test
  void reportsQuestionWithoutText() {
    bundle.removeField(ONBOARDING, "day_kind", "text");
    assertOnlyProblem(bundle.problems(), ONBOARDING, "day_kind", "text", "required");
  }

  @Test
  void reportsQuestionWithoutType() {
    bundle.removeField(ONBOARDING, "day_kind", "type");
    assertOnlyProblem(
        bundle.problems(),
        ONBOARDING,
        "day_kind",
        "type",
        "required: choice, multi, number, zone or redflags");
  }

  @Test
  void reportsABranchOnATagNoEarlierQuestionGives() {
    bundle.replaceInEntry(ONBOARDING, "grip", "    askIf: [gym]\n", "    askIf: [gym_rat]\n");
    assertOnlyProblem(
        bundle.problems(),
        ONBOARDING,
        "grip",
        "askIf",
        "tag gym_rat is not given by any earlier question's options");
  }

  @Test
  void reportsABranchOnATagOnlyALaterQuestionGives() {
    bundle.replaceInEntry(
        ONBOARDING,
        "day_kind",
        "    name: Working day\n",
        "    name: Working day\n    skipIf: [no_pain]\n");
    assertOnlyProblem(
        bundle.problems(),
        ONBOARDING,
        "day_kind",
        "skipIf",
        "tag no_pain is not given by any earlier question's options");
  }

  @Test
  void reportsAQuestionWithoutAShortName() {
    bundle.replaceInEntry(ONBOARDING, "grip", "    name: Grip\n", "");
    assertOnlyProblem(
        bundle.problems(), ONBOARDING, "grip", "name", "required: a short name shown in /settings");
  }

  @Test
  void reportsChoiceQuestionWithOnlyOneOption() {
    bundle.setField(
        ONBOARDING,
        "day_kind",
        "options",
        "    options:\n      - {id: desk, label: Mostly sitting at a desk}");
    assertOnlyProblem(
        bundle.problems(), ONBOARDING, "day_kind", "options", "a choice question needs 2+ options");
  }

  @Test
  void reportsMissingRequiredQuestion() {
    bundle.replace(ONBOARDING, "\n  - id: pain_level\n", "\n  - id: pain_score\n");
    assertOnlyProblem(
        bundle.problems(), ONBOARDING, "pain_level", "-", "required question is missing");
  }

  @Test
  void reportsRequiredQuestionWithTheWrongType() {
    bundle.replaceInEntry(ONBOARDING, "equipment", "    type: multi\n", "    type: choice\n");
    assertOnlyProblem(bundle.problems(), ONBOARDING, "equipment", "type", "must be multi");
  }

  @Test
  void reportsQuestionWithoutIdInsteadOfCrashing() {
    bundle.replace(ONBOARDING, "\n  - id: day_kind\n    section:", "\n  - section:");
    assertOnlyProblem(bundle.problems(), ONBOARDING, "-", "id", "required, 1-24 of a-z, 0-9, _");
  }

  @Test
  void reportsEmptyQuestionItemInsteadOfCrashing() {
    bundle.replace(ONBOARDING, "\n  - id: day_kind\n", "\n  -\n  - id: day_kind\n");
    List<Problem> problems = bundle.problems();
    assertTrue(
        problems.stream().anyMatch(p -> p.file().equals(ONBOARDING)), BundleFixture.list(problems));
  }

  @Test
  void reportsEmptyOptionItemInsteadOfCrashing() {
    bundle.replaceInEntry(
        ONBOARDING, "day_kind", "      - id: mixed\n", "      -\n      - id: mixed\n");
    List<Problem> problems = bundle.problems();
    assertTrue(
        problems.stream()
            .anyMatch(p -> p.entry().equals("day_kind") && p.field().startsWith("options[2]")),
        BundleFixture.list(problems));
  }

  @Test
  void reportsNumberOptionRangeWithAMissingNumberInsteadOfCrashing() {
    bundle.replaceInEntry(ONBOARDING, "sitting_hours", "range: [0, 4]", "range: [0, ~]");
    assertOnlyProblem(
        bundle.problems(), ONBOARDING, "sitting_hours", "options[0].range", "[low, high]");
  }

  // ---- onboarding.yaml: options ----

  @Test
  void reportsOptionSignalNamingAnUnknownMistake() {
    bundle.replaceInEntry(
        ONBOARDING,
        "day_kind",
        "signals: {poor_sitting: 2, tight_hip_flexors: 2,",
        "signals: {poor_siting: 2, tight_hip_flexors: 2,");
    assertOnlyProblem(
        bundle.problems(),
        ONBOARDING,
        "day_kind",
        "options[0].signals",
        "unknown mistake 'poor_siting'");
  }

  @Test
  void reportsNumberOptionWithReversedRange() {
    bundle.replaceInEntry(ONBOARDING, "sitting_hours", "range: [0, 4]", "range: [4, 0]");
    assertOnlyProblem(
        bundle.problems(),
        ONBOARDING,
        "sitting_hours",
        "options[0].range",
        "a number option needs [low, high] with low <= high");
  }

  @Test
  void reportsNumberOptionWithASingleNumberRange() {
    bundle.replaceInEntry(ONBOARDING, "sitting_hours", "range: [5, 8]", "range: [5]");
    assertOnlyProblem(
        bundle.problems(), ONBOARDING, "sitting_hours", "options[1].range", "[low, high]");
  }

  @Test
  void reportsNumberOptionWithoutRange() {
    bundle.replaceInEntry(ONBOARDING, "sitting_hours", "        range: [9, 24]\n", "");
    assertOnlyProblem(
        bundle.problems(), ONBOARDING, "sitting_hours", "options[2].range", "[low, high]");
  }

  @Test
  void acceptsNumberOptionCoveringOneNumber() {
    bundle.replaceInEntry(ONBOARDING, "sitting_hours", "range: [0, 4]", "range: [0, 0]");
    assertNotNull(bundle.load().onboarding().question("sitting_hours"));
  }

  @Test
  void reportsDuplicateOptionId() {
    bundle.replaceInEntry(ONBOARDING, "day_kind", "      - id: mixed\n", "      - id: desk\n");
    assertOnlyProblem(
        bundle.problems(), ONBOARDING, "day_kind", "options[2].id", "duplicate option id 'desk'");
  }

  @Test
  void reportsOptionWithMalformedId() {
    bundle.replaceInEntry(ONBOARDING, "day_kind", "      - id: on_feet\n", "      - id: on-feet\n");
    assertOnlyProblem(
        bundle.problems(),
        ONBOARDING,
        "day_kind",
        "options[1].id",
        "required, 1-24 of a-z, 0-9, _");
  }

  @Test
  void reportsOptionWithoutLabel() {
    bundle.replaceInEntry(ONBOARDING, "day_kind", "        label: Mostly on my feet\n", "");
    assertOnlyProblem(bundle.problems(), ONBOARDING, "day_kind", "options[1].label", "required");
  }

  @Test
  void reportsOptionLabelLongerThan48Characters() {
    String label = "Mostly sitting at a desk, in a car or on the sofa";
    assertEquals(49, label.length());
    bundle.replaceInEntry(
        ONBOARDING,
        "day_kind",
        "        label: Mostly sitting at a desk\n",
        "        label: " + label + "\n");
    assertOnlyProblem(
        bundle.problems(), ONBOARDING, "day_kind", "options[0].label", "longer than 48 characters");
  }

  @Test
  void acceptsOptionLabelOfExactly48Characters() {
    String label = "Mostly sitting at a desk, in a car or on the sof";
    assertEquals(48, label.length());
    bundle.replaceInEntry(
        ONBOARDING,
        "day_kind",
        "        label: Mostly sitting at a desk\n",
        "        label: " + label + "\n");
    assertEquals(label, bundle.load().onboarding().question("day_kind").options().get(0).label());
  }

  /*
   * Telegram's 64-byte callback_data rule (ContentValidator.options: "a:" + question id + ":" + option id) cannot be
   * broken by a bundle that passes the id rule: ids are 1-24 ASCII characters, so the longest button data is
   * 2 + 24 + 1 + 24 = 51 bytes. The 64-byte branch is unreachable; these tests enforce the 24-character limit on
   * question and option ids instead, and show that the longest allowed ids fit.
   */

  @Test
  void reportsQuestionIdLongerThan24CharactersWhichWouldEndUpInButtonData() {
    String id = "hours_sitting_every_day_x";
    assertEquals(25, id.length());
    bundle.replace(ONBOARDING, "\n  - id: sitting_hours\n", "\n  - id: " + id + "\n");
    assertOnlyProblem(bundle.problems(), ONBOARDING, id, "id", "required, 1-24 of a-z, 0-9, _");
  }

  @Test
  void reportsOptionIdLongerThan24CharactersWhichWouldEndUpInButtonData() {
    String id = "under_five_hours_per_days";
    assertEquals(25, id.length());
    bundle.replaceInEntry(
        ONBOARDING, "sitting_hours", "      - id: under5\n", "      - id: " + id + "\n");
    assertOnlyProblem(
        bundle.problems(),
        ONBOARDING,
        "sitting_hours",
        "options[0].id",
        "required, 1-24 of a-z, 0-9, _");
  }

  @Test
  void longestAllowedQuestionAndOptionIdsFitIn64ByteButtonData() {
    String qid = "hours_sitting_every_day_";
    String oid = "under_five_hours_per_day";
    assertEquals(24, qid.length());
    assertEquals(24, oid.length());
    bundle.replace(ONBOARDING, "\n  - id: sitting_hours\n", "\n  - id: " + qid + "\n");
    bundle.replaceInEntry(ONBOARDING, qid, "      - id: under5\n", "      - id: " + oid + "\n");
    Question q = bundle.load().onboarding().question(qid);
    assertEquals(oid, q.options().get(0).id());
    int bytes = ("a:" + qid + ":" + oid).getBytes(StandardCharsets.UTF_8).length;
    assertEquals(51, bytes);
    assertTrue(bytes <= ContentValidator.MAX_BUTTON_DATA);
  }

  // ---- messages.yaml ----

  @Test
  void reportsMissingMessage() {
    bundle.replace(MESSAGES, "\nbtn_done: Done ✔\n", "\n");
    assertOnlyProblem(
        bundle.problems(), MESSAGES, "btn_done", "-", "required message is missing or empty");
  }

  @Test
  void reportsEmptyMessage() {
    bundle.replace(MESSAGES, "\nbtn_done: Done ✔\n", "\nbtn_done: \"\"\n");
    assertOnlyProblem(
        bundle.problems(), MESSAGES, "btn_done", "-", "required message is missing or empty");
  }

  @Test
  void reportsUnknownMessageKeyAsATypo() {
    bundle.replace(MESSAGES, "\nbtn_done: Done ✔\n", "\nbtn_done: Done ✔\nbtn_dnoe: Done\n");
    assertOnlyProblem(
        bundle.problems(), MESSAGES, "btn_dnoe", "-", "unknown message key (a typo?)");
  }

  @Test
  void reportsUnknownPlaceholderInMessage() {
    bundle.replace(MESSAGES, "\"Question {n} of {total}\"", "\"Question {n} of {count}\"");
    assertOnlyProblem(
        bundle.problems(),
        MESSAGES,
        "question_header",
        "-",
        "unknown placeholder {count}; allowed: ");
  }

  @Test
  void reportsPlaceholderThatBelongsToAnotherMessage() {
    bundle.replace(
        MESSAGES,
        "\nmulti_hint: Tick everything that applies, then tap Done.\n",
        "\nmulti_hint: Tick everything that applies ({n}), then tap Done.\n");
    assertOnlyProblem(
        bundle.problems(), MESSAGES, "multi_hint", "-", "unknown placeholder {n}; allowed: []");
  }

  // ---- places.yaml ----

  @Test
  void reportsPlaceWithNonIanaZone() {
    bundle.replace(PLACES, "\n  est: America/New_York\n", "\n  est: America/New_Yrok\n");
    assertOnlyProblem(
        bundle.problems(), PLACES, "est", "-", "'America/New_Yrok' is not an IANA time zone id");
  }

  @Test
  void reportsPlaceWithMalformedZone() {
    bundle.replace(PLACES, "\n  est: America/New_York\n", "\n  est: Eastern Standard Time\n");
    assertOnlyProblem(
        bundle.problems(),
        PLACES,
        "est",
        "-",
        "'Eastern Standard Time' is not an IANA time zone id");
  }

  @Test
  void reportsPlaceNameThatIsNotLowerCase() {
    bundle.replace(
        PLACES, "\n  eastern time: America/New_York\n", "\n  Eastern Time: America/New_York\n");
    assertOnlyProblem(
        bundle.problems(), PLACES, "Eastern Time", "-", "place names must be lower case");
  }

  @Test
  void reportsABareNoThatYamlReadsAsABoolean() {
    bundle.replaceInEntry(ONBOARDING, "grip", "label: \"No\"", "label: No");
    List<Problem> problems = bundle.problems();
    assertTrue(
        problems.stream()
            .anyMatch(
                p ->
                    p.file().equals(ONBOARDING)
                        && p.toString().contains("read as a boolean: put it in quotes")),
        BundleFixture.list(problems));
  }
}
