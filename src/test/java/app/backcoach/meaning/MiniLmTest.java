package app.backcoach.meaning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The real model, from the Maven artifact, offline: it loads and ranks meanings sensibly. */
class MiniLmTest {
  @Test
  void theModelInTheJarLoadsOfflineAndPutsCloseMeaningsClose() {
    MiniLm model = MiniLm.load();
    float[] bladder = model.embed("I can't control my bladder since my back went");
    float[] pee = model.embed("peeing is hard since my back went");
    float[] rows = model.embed("how many sets of rows should I do");
    assertEquals(384, bladder.length);
    assertTrue(
        Embedder.cosine(pee, bladder) > Embedder.cosine(pee, rows) + 0.1,
        "peeing trouble is closer to bladder trouble than to rows");
    assertEquals(1.0, Embedder.cosine(rows, rows), 1e-3);
  }
}
