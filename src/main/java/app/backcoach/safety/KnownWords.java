package app.backcoach.safety;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/** English words never read as typos (known-words.txt beside this class), loaded once. */
final class KnownWords {
  private static Set<String> words;

  private KnownWords() {}

  static synchronized Set<String> get() {
    if (words == null) {
      Set<String> out = new HashSet<>();
      try (InputStream in = KnownWords.class.getResourceAsStream("known-words.txt")) {
        if (in == null) {
          throw new IllegalStateException("known-words.txt is missing from the jar");
        }
        for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
          if (!line.isBlank() && !line.startsWith("#")) {
            out.add(line.trim());
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("reading known-words.txt", e);
      }
      words = Set.copyOf(out);
    }
    return words;
  }
}
