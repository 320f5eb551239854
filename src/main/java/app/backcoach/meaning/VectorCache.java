package app.backcoach.meaning;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Vectors of a list of texts, kept in a file named by the SHA-256 of the model id and the texts: a
 * changed bundle or model gets new vectors, an unchanged one skips a few seconds of embedding. A
 * missing, unreadable or stale file is recomputed, never an error.
 */
public final class VectorCache {
  private static final Logger LOG = LoggerFactory.getLogger(VectorCache.class);
  private final Path dir;

  /**
   * @param dir the cache folder, or null for no cache
   */
  public VectorCache(Path dir) {
    this.dir = dir;
  }

  /** The vectors of {@code texts}, from the cache when it has them, else computed and stored. */
  public List<float[]> vectors(String name, List<String> texts, Embedder embedder) {
    String key = key(embedder.id(), texts);
    Path file = dir == null ? null : dir.resolve(name + "-" + key.substring(0, 16) + ".vec");
    if (file != null && Files.isRegularFile(file)) {
      try (InputStream in = Files.newInputStream(file)) {
        List<float[]> cached = read(in, texts.size());
        if (cached != null) {
          return cached;
        }
      } catch (IOException e) {
        LOG.warn("vector cache {} unreadable, recomputing: {}", file, e.toString());
      }
    }
    List<float[]> out = embedder.embedAll(texts);
    if (file != null) {
      try {
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, name, ".tmp");
        try (OutputStream os = Files.newOutputStream(tmp)) {
          write(os, out);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        LOG.warn("vector cache {} not written: {}", file, e.toString());
      }
    }
    return out;
  }

  static String key(String model, List<String> texts) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(model.getBytes(StandardCharsets.UTF_8));
      for (String t : texts) {
        sha.update((byte) 0);
        sha.update(t.getBytes(StandardCharsets.UTF_8));
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void write(OutputStream os, List<float[]> vectors) throws IOException {
    DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(os));
    out.writeInt(vectors.size());
    out.writeInt(vectors.isEmpty() ? 0 : vectors.get(0).length);
    for (float[] v : vectors) {
      for (float f : v) {
        out.writeFloat(f);
      }
    }
    out.flush();
  }

  private static List<float[]> read(InputStream is, int expected) throws IOException {
    DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(is));
    int n = in.readInt();
    int dim = in.readInt();
    if (n != expected || dim <= 0 || dim > 4096) {
      return null;
    }
    List<float[]> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      float[] v = new float[dim];
      for (int j = 0; j < dim; j++) {
        v[j] = in.readFloat();
      }
      out.add(v);
    }
    return in.read() == -1 ? out : null;
  }
}
