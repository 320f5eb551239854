package app.backcoach.meaning;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VectorCacheTest {
  @TempDir Path dir;

  @Test
  void aSecondStartReadsTheVectorsInsteadOfEmbeddingAgain() {
    FakeEmbedder model = new FakeEmbedder();
    List<String> texts = List.of("bird dog", "dead bug", "glute bridge");
    List<float[]> first = new VectorCache(dir).vectors("entries", texts, model);
    assertEquals(3, model.embedded.get());
    List<float[]> again = new VectorCache(dir).vectors("entries", texts, model);
    assertEquals(3, model.embedded.get(), "nothing embedded the second time");
    for (int i = 0; i < 3; i++) {
      assertArrayEquals(first.get(i), again.get(i));
    }
  }

  @Test
  void aChangedBundleOrModelGetsNewVectors() {
    FakeEmbedder model = new FakeEmbedder();
    new VectorCache(dir).vectors("entries", List.of("bird dog"), model);
    new VectorCache(dir).vectors("entries", List.of("bird dog", "plank"), model);
    assertEquals(3, model.embedded.get(), "a changed text list is embedded anew");
    new VectorCache(dir).vectors("entries", List.of("bird dog"), new FakeEmbedder("other-model"));
    assertEquals(3, model.embedded.get());
  }

  @Test
  void aDamagedCacheFileIsRecomputedNotAnError() throws IOException {
    FakeEmbedder model = new FakeEmbedder();
    new VectorCache(dir).vectors("entries", List.of("bird dog", "plank"), model);
    try (var files = Files.list(dir)) {
      for (Path f : files.toList()) {
        Files.write(f, new byte[] {1, 2, 3});
      }
    }
    List<float[]> v = new VectorCache(dir).vectors("entries", List.of("bird dog", "plank"), model);
    assertEquals(2, v.size());
    assertEquals(4, model.embedded.get());
  }

  @Test
  void withoutAFolderItJustEmbeds() {
    FakeEmbedder model = new FakeEmbedder();
    assertEquals(1, new VectorCache(null).vectors("x", List.of("plank"), model).size());
  }
}
