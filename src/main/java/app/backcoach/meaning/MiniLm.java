package app.backcoach.meaning;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.util.ArrayList;
import java.util.List;

/**
 * all-MiniLM-L6-v2 (quantized, 384 dimensions) run in-process by ONNX Runtime through langchain4j;
 * the model and tokenizer come from the langchain4j artifact in the jar. Loading takes about a
 * second, so callers load it in the background ({@link Meaning}).
 */
public final class MiniLm implements Embedder {
  /** Longer texts are cut: the model reads at most 256 word pieces anyway. */
  static final int MAX_CHARS = 1_000;

  private final AllMiniLmL6V2QuantizedEmbeddingModel model;

  private MiniLm(AllMiniLmL6V2QuantizedEmbeddingModel model) {
    this.model = model;
  }

  /** Loads the model; slow (about a second) and needs the native libraries in the jar. */
  public static MiniLm load() {
    // The caller's thread does the work: langchain4j would otherwise start a thread pool.
    return new MiniLm(new AllMiniLmL6V2QuantizedEmbeddingModel(Runnable::run));
  }

  @Override
  public float[] embed(String text) {
    return model.embed(cut(text)).content().vector();
  }

  @Override
  public List<float[]> embedAll(List<String> texts) {
    List<TextSegment> segments = new ArrayList<>(texts.size());
    for (String t : texts) {
      segments.add(TextSegment.from(cut(t)));
    }
    List<float[]> out = new ArrayList<>(texts.size());
    for (var e : model.embedAll(segments).content()) {
      out.add(e.vector());
    }
    return out;
  }

  @Override
  public String id() {
    return "all-minilm-l6-v2-q/langchain4j-1.19.0-beta29";
  }

  private static String cut(String text) {
    String t = text == null || text.isBlank() ? "." : text;
    return t.length() > MAX_CHARS ? t.substring(0, MAX_CHARS) : t;
  }
}
