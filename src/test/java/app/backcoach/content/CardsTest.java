package app.backcoach.content;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The cards the bot sends for exercises, mistakes, routines and guidance, rendered with the
 * bundle's own wording.
 */
class CardsTest {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{[A-Za-z_]*}");

  private static ContentBundle packaged;
  private static Cards cards;

  @BeforeAll
  static void loadPackaged() {
    packaged = ContentLoader.load(ContentSource.packaged());
    cards = new Cards(packaged);
  }

  /** A bundle with only these exercises, but the packaged wording. */
  private static Cards cardsFor(Exercise... exercises) {
    return new Cards(
        new ContentBundle(
            List.of(),
            List.of(exercises),
            List.of(),
            List.of(),
            packaged.safety(),
            packaged.onboarding(),
            packaged.messages(),
            Map.of(),
            List.of(),
            Map.of()));
  }

  private static Exercise exercise(
      String id, String name, List<String> equipment, Boolean safe, String easier, String harder) {
    return new Exercise(
        id,
        name,
        "core",
        List.of(),
        equipment,
        safe,
        "2 sets of 10",
        List.of("Start.", "Move.", "Finish."),
        List.of("Breathe."),
        List.of("Rushing."),
        easier,
        harder,
        null,
        List.of());
  }

  private static void assertNoPlaceholder(String card) {
    assertFalse(PLACEHOLDER.matcher(card).find(), "unreplaced placeholder in:\n" + card);
    assertFalse(card.contains("{"), "a '{' is left in:\n" + card);
  }

  // ---- exercise cards ----

  @Test
  void exerciseCardShowsNameDoseSafetyEquipmentAndNumberedSteps() {
    String card = cards.exercise(packaged.exercise("dead_bug"));
    assertTrue(
        card.startsWith(
            "Dead bug\n2 to 3 sets of 8 slow reps per side\n"
                + packaged.text(Msg.EXERCISE_SAFE_WHEN_SORE)
                + "\nEquipment: mat\n"),
        card);
    assertTrue(card.contains("\n1. Lie on your back with arms pointing at the ceiling.\n"), card);
    assertTrue(card.contains("\n5. Return to the start and switch sides.\n"), card);
    assertFalse(card.contains("\n6. "), card);
    assertTrue(card.contains("\n• Ribs down, low back stays heavy on the mat.\n"), card);
    assertTrue(card.contains("\n• Letting your lower back peel up off the floor.\n"), card);
    assertNoPlaceholder(card);
  }

  @Test
  void exerciseCardNamesTheEasierAndHarderVariationsLast() {
    String card = cards.exercise(packaged.exercise("dead_bug"));
    assertTrue(
        card.endsWith(
            packaged.text(Msg.EXERCISE_EASIER, "name", "Pelvic tilt")
                + "\n"
                + packaged.text(Msg.EXERCISE_HARDER, "name", "Pallof press")),
        card);
    assertTrue(card.contains("Easier: Pelvic tilt"), card);
  }

  @Test
  void exerciseCardWithoutVariationsEndsWithoutTrailingBlankLines() {
    Exercise e = exercise("solo", "Solo move", List.of("mat"), true, null, null);
    String card = cardsFor(e).exercise(e);
    assertTrue(card.endsWith("Avoid:\n• Rushing."), card);
    assertNoPlaceholder(card);
  }

  @Test
  void exerciseCardSaysNoEquipmentAndNotWhenSore() {
    Exercise e = exercise("bare", "Bare move", List.of("none"), false, null, null);
    String card = cardsFor(e).exercise(e);
    assertTrue(
        card.startsWith(
            "Bare move\n2 sets of 10\n"
                + packaged.text(Msg.EXERCISE_NOT_WHEN_SORE)
                + "\nEquipment: "
                + packaged.text(Msg.EQUIPMENT_NONE)
                + "\n"),
        card);
  }

  @Test
  void exerciseCardWritesEquipmentIdsWithSpaces() {
    Exercise e = exercise("hang", "Hang", List.of("pullup_bar", "foam_roller"), false, null, null);
    String card = cardsFor(e).exercise(e);
    assertTrue(card.contains("\nEquipment: pullup bar, foam roller\n"), card);
  }

  @Test
  void exerciseCardLeavesOutAVariationThatIsNotInTheBundle() {
    Exercise e = exercise("lonely", "Lonely", List.of("mat"), true, "missing_one", null);
    String card = cardsFor(e).exercise(e);
    assertFalse(card.contains("missing_one"), card);
    assertFalse(card.contains(packaged.text(Msg.EXERCISE_EASIER, "name", "")), card);
  }

  // ---- mistake cards ----

  @Test
  void mistakeCardShowsTitleSignsWhyNumberedFixAndExerciseNames() {
    Mistake m = packaged.mistake("weak_core");
    String card = cards.mistake(m);
    assertTrue(card.startsWith("Ignoring your core and lower back\n"), card);
    assertTrue(
        card.contains("\n• Your low back aches after almost every lifting session.\n"), card);
    assertTrue(card.contains(m.why()), card);
    assertTrue(
        card.contains("\n1. Add 2 to 3 sets of core work to your week. No special kit needed.\n"),
        card);
    assertTrue(card.contains("\n" + m.fix().size() + ". " + m.fix().get(m.fix().size() - 1)), card);
    assertTrue(card.endsWith("Dead bug, Plank, Side plank, Glute bridge, Pallof press"), card);
    assertNoPlaceholder(card);
  }

  @Test
  void mistakeCardExerciseListSkipsIdsNotInTheBundle() {
    assertEquals("Dead bug, Plank", cards.names(List.of("dead_bug", "no_such_move", "plank")));
  }

  // ---- routine and guidance cards ----

  @Test
  void routineCardShowsTitleMinutesPurposeAndNumberedSteps() {
    Routine r = packaged.routine("warm_up");
    String card = cards.routine(r);
    assertTrue(
        card.startsWith(
            "Back-day warm-up (about 10 min)\n" + r.purpose() + "\n\n1. Walking: 3-5 minutes"),
        card);
    assertTrue(card.contains("\n4. Cat-cow: 8 slow rounds\n"), card);
    assertTrue(card.contains("\n6. Before your first exercise, do 2-3 ramp-up sets"), card);
    assertNoPlaceholder(card);
  }

  @Test
  void routineStepShowsExerciseNameWithDoseOrJustTheName() {
    assertEquals(
        "Seated spinal twist: 5 each way",
        cards.step(new Routine.Step("seated_twist", "5 each way", null)));
    assertEquals("Seated spinal twist", cards.step(new Routine.Step("seated_twist", null, null)));
    assertEquals("Stand up.", cards.step(new Routine.Step(null, null, "Stand up.")));
  }

  @Test
  void guidanceCardShowsTitleThenText() {
    Guidance g = packaged.guidance("weekly_volume");
    assertEquals("How much back work per week\n\n" + g.text(), cards.guidance(g));
  }

  // ---- the whole packaged bundle ----

  @Test
  void everyCardInThePackagedBundleRendersFullyAndFitsOneTelegramMessage() {
    List<String> bad = new ArrayList<>();
    int count = 0;
    for (Exercise e : packaged.exercises()) {
      count += check("exercise " + e.id(), cards.exercise(e), bad);
    }
    for (Mistake m : packaged.mistakes()) {
      count += check("mistake " + m.id(), cards.mistake(m), bad);
    }
    for (Routine r : packaged.routines()) {
      count += check("routine " + r.id(), cards.routine(r), bad);
    }
    for (Guidance g : packaged.guidance()) {
      count += check("guidance " + g.id(), cards.guidance(g), bad);
    }
    assertEquals(List.of(), bad);
    assertTrue(count >= 30 + 40 + Required.ROUTINES.size(), "cards checked: " + count);
  }

  private static int check(String what, String card, List<String> bad) {
    if (card.isBlank()) {
      bad.add(what + ": empty");
    } else if (card.contains("{") || card.contains("}")) {
      bad.add(what + ": placeholder left: " + card);
    } else if (card.length() > ContentValidator.MAX_MESSAGE) {
      bad.add(what + ": " + card.length() + " characters");
    }
    return 1;
  }

  @Test
  void everyRoutineStepNamesAKnownExerciseOrIsANote() {
    for (Routine r : packaged.routines()) {
      for (Routine.Step s : r.steps()) {
        String line = cards.step(s);
        if (s.exercise() != null) {
          assertTrue(line.startsWith(packaged.exercise(s.exercise()).name()), r.id() + ": " + line);
        } else {
          assertEquals(s.note(), line);
        }
      }
    }
  }

  // ---- formatting helpers ----

  @Test
  void numberedListsStartAtOneOnSeparateLines() {
    assertEquals(
        "1. Brace.\n2. Lift.\n3. Lower.", Cards.numbered(List.of("Brace.", "Lift.", "Lower.")));
    assertEquals("", Cards.numbered(List.of()));
  }

  @Test
  void bulletsPutADotBeforeEachItem() {
    assertEquals(
        "• Ribs down.\n• Breathe out.", Cards.bullets(List.of("Ribs down.", "Breathe out.")));
  }

  @Test
  void placeholderValuesWithDollarSignsAndBackslashesAreInsertedLiterally() {
    Guidance g =
        new Guidance("price", "Costs $1 \\ day", "Pay $5 or \\1 {title}", List.of(), List.of());
    assertEquals("Costs $1 \\ day\n\nPay $5 or \\1 {title}", cards.guidance(g));
  }
}
