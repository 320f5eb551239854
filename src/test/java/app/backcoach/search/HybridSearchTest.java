package app.backcoach.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.backcoach.TestContent;
import app.backcoach.conversation.Search;
import app.backcoach.meaning.FakeEmbedder;
import app.backcoach.meaning.Meaning;
import app.backcoach.meaning.VectorCache;
import java.util.List;
import org.junit.jupiter.api.Test;

class HybridSearchTest {
  private static final EntryVectors VECTORS =
      EntryVectors.build(TestContent.bundle(), new FakeEmbedder(), new VectorCache(null));

  /** A Lucene side that returns fixed hits whatever the question. */
  private static HybridSearch.Explain words(Search.Found... hits) {
    return (q, max) -> List.of(hits);
  }

  @Test
  void fusesBothRankingsByReciprocalRank() {
    // The question is an example question of grip_fails_first, so the fake model ranks it first;
    // Lucene ranks it second. It wins over Lucene's first, which the model does not rank high.
    String q = TestContent.bundle().examples().get("grip_fails_first").get(0);
    var search =
        new HybridSearch(
            words(
                new Search.Found("guidance", "weekly_volume", 30),
                new Search.Found("mistake", "grip_fails_first", 25)),
            16,
            Meaning.of(VECTORS),
            0.6,
            0.5);
    List<Search.Found> hits = search.find(q, 3);
    assertEquals("grip_fails_first", hits.get(0).id());
    var scored = search.scored(q);
    assertTrue(scored.get(0).lexical() == 25 && scored.get(0).cosine() > 0.99, scored.toString());
  }

  @Test
  void offTopicNeedsMeaningEvenWhenTheWordsScoreHigh() {
    var search =
        new HybridSearch(
            words(new Search.Found("exercise", "plank", 40)), 16, Meaning.of(VECTORS), 0.6, 0.5);
    assertEquals(List.of(), search.find("zzz qqq xxx", 3), "a high word score alone is not enough");
  }

  @Test
  void aCloseMeaningAnswersWithoutAnyWordMatch() {
    String q = TestContent.bundle().examples().get("bird_dog").get(0);
    var search = new HybridSearch(words(), 16, Meaning.of(VECTORS), 0.6, 0.5);
    assertEquals("bird_dog", search.find(q, 3).get(0).id());
  }

  @Test
  void beforeTheModelIsReadyLuceneAnswersAloneWithItsThreshold() {
    var search =
        new HybridSearch(
            words(
                new Search.Found("exercise", "plank", 20),
                new Search.Found("exercise", "dead_bug", 10)),
            16,
            Meaning.none(),
            0.6,
            0.5);
    assertEquals("plank", search.find("how long should I plank", 3).get(0).id());
    var weak =
        new HybridSearch(
            words(new Search.Found("exercise", "plank", 12)), 16, Meaning.none(), 0.6, 0.5);
    assertEquals(List.of(), weak.find("anything", 3));
  }
}
