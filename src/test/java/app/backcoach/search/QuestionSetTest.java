package app.backcoach.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.backcoach.TestContent;
import app.backcoach.content.ContentBundle;
import app.backcoach.conversation.Search;
import app.backcoach.safety.RedFlagScreen;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The labelled question set (src/test/resources/questions.tsv): top-1 and top-3 accuracy, red-flag
 * recall and the precision of "no answer". Floors are set from measured figures (docs/SEARCH.md);
 * red-flag recall must be 100%.
 */
class QuestionSetTest {
  static final double TOP1_FLOOR = 0.75;
  static final double TOP3_FLOOR = 0.90;
  static final double NO_ANSWER_PRECISION_FLOOR = 0.80;

  record Labelled(String question, Set<String> expected, String note) {}

  static List<Labelled> questions() throws Exception {
    List<Labelled> out = new ArrayList<>();
    try (BufferedReader r =
        new BufferedReader(
            new InputStreamReader(
                QuestionSetTest.class.getResourceAsStream("/questions.tsv"),
                StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        String[] cols = line.split("\t");
        out.add(
            new Labelled(cols[0], Set.of(cols[1].split("\\|")), cols.length > 2 ? cols[2] : ""));
      }
    }
    return out;
  }

  /** The figures for the whole set, printed so a run shows them. */
  record Figures(
      int answerable,
      int top1,
      int top3,
      int redFlags,
      int redFlagsCaught,
      int falseRedFlags,
      int noneLabelled,
      int saidNone,
      int saidNoneCorrectly,
      int noneAnswered,
      List<String> misses) {
    double top1Rate() {
      return top1 / (double) answerable;
    }

    double top3Rate() {
      return top3 / (double) answerable;
    }

    double noAnswerPrecision() {
      return saidNone == 0 ? 1 : saidNoneCorrectly / (double) saidNone;
    }
  }

  static Figures measure(ContentBundle content, Search search) throws Exception {
    RedFlagScreen flags = RedFlagScreen.forBundle(content);
    int answerable = 0, top1 = 0, top3 = 0, red = 0, redCaught = 0, falseRed = 0;
    int none = 0, saidNone = 0, saidNoneRight = 0, noneAnswered = 0;
    List<String> misses = new ArrayList<>();
    for (Labelled q : questions()) {
      boolean flagged = !flags.screen(q.question()).ids().isEmpty();
      if (q.expected().contains("REDFLAG")) {
        red++;
        if (flagged) {
          redCaught++;
        } else {
          misses.add("missed red flag: " + q.question());
        }
        continue;
      }
      if (flagged) {
        falseRed++;
        misses.add("false red flag: " + q.question());
        continue;
      }
      List<Search.Found> hits = search.find(q.question(), 3);
      if (hits.isEmpty()) {
        saidNone++;
      }
      if (q.expected().contains("NONE")) {
        none++;
        if (hits.isEmpty()) {
          saidNoneRight++;
        } else {
          noneAnswered++;
          misses.add("answered a NONE: " + q.question() + " -> " + hits.get(0).id());
        }
        continue;
      }
      answerable++;
      if (!hits.isEmpty() && q.expected().contains(hits.get(0).id())) {
        top1++;
      } else {
        misses.add(
            "top-1 miss: "
                + q.question()
                + " -> "
                + (hits.isEmpty() ? "none" : hits.get(0).id())
                + " (want "
                + q.expected()
                + ")");
      }
      if (hits.stream().anyMatch(h -> q.expected().contains(h.id()))) {
        top3++;
      }
    }
    return new Figures(
        answerable,
        top1,
        top3,
        red,
        redCaught,
        falseRed,
        none,
        saidNone,
        saidNoneRight,
        noneAnswered,
        misses);
  }

  @Test
  void searchQualityMeetsTheFloorsAndEveryRedFlagIsCaught() throws Exception {
    ContentBundle content = TestContent.bundle();
    Figures f = measure(content, ContentIndex.build(content));
    System.out.printf(
        "question set: %d answerable, top-1 %.1f%% (%d), top-3 %.1f%% (%d); red flags %d/%d caught, %d false; "
            + "no-answer: %d labelled, said none %d times, %d correctly (precision %.1f%%), %d NONE answered%n",
        f.answerable(),
        100 * f.top1Rate(),
        f.top1(),
        100 * f.top3Rate(),
        f.top3(),
        f.redFlagsCaught(),
        f.redFlags(),
        f.falseRedFlags(),
        f.noneLabelled(),
        f.saidNone(),
        f.saidNoneCorrectly(),
        100 * f.noAnswerPrecision(),
        f.noneAnswered());
    f.misses().forEach(m -> System.out.println("  " + m));
    assertEquals(f.redFlags(), f.redFlagsCaught(), "red-flag recall must be 100%");
    assertTrue(f.top1Rate() >= TOP1_FLOOR, "top-1 " + f.top1Rate());
    assertTrue(f.top3Rate() >= TOP3_FLOOR, "top-3 " + f.top3Rate());
    assertTrue(
        f.noAnswerPrecision() >= NO_ANSWER_PRECISION_FLOOR,
        "no-answer precision " + f.noAnswerPrecision());
  }
}
