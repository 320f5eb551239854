package app.backcoach.content;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Where bundle files come from: a folder on disk or the copy packaged in the jar. */
public interface ContentSource {
  /** The bytes of {@code file}, or null when it does not exist. */
  byte[] read(String file) throws IOException;

  /** A human description for error messages. */
  String describe();

  /** A bundle folder on disk. */
  static ContentSource directory(Path dir) {
    return new ContentSource() {
      @Override
      public byte[] read(String file) throws IOException {
        try {
          return Files.readAllBytes(dir.resolve(file));
        } catch (NoSuchFileException e) {
          return null;
        }
      }

      @Override
      public String describe() {
        return dir.toString();
      }
    };
  }

  /** The default bundle packaged in the jar under {@code content/}. */
  static ContentSource packaged() {
    return new ContentSource() {
      @Override
      public byte[] read(String file) throws IOException {
        try (InputStream in = ContentSource.class.getResourceAsStream("/content/" + file)) {
          return in == null ? null : in.readAllBytes();
        }
      }

      @Override
      public String describe() {
        return "(packaged default)";
      }
    };
  }
}
