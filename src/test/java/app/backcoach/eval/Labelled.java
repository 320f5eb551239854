package app.backcoach.eval;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A labelled language set: one example per line, text TAB labels (|-separated or NONE) TAB tags.
 */
public record Labelled(String text, Set<String> labels, String tags) {
  public boolean none() {
    return labels.isEmpty();
  }

  /** Reads a set from the test classpath (src/test/resources). */
  public static List<Labelled> read(String resource) {
    try (InputStream in = Labelled.class.getResourceAsStream("/" + resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no labelled set " + resource + " on the classpath");
      }
      List<Labelled> out = new ArrayList<>();
      int n = 0;
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        n++;
        if (line.isBlank()) {
          continue;
        }
        String[] cols = line.split("\t", -1);
        if (cols.length < 2) {
          throw new IllegalArgumentException(resource + ":" + n + ": needs text TAB labels");
        }
        Set<String> labels = new LinkedHashSet<>();
        for (String l : cols[1].trim().split("\\|")) {
          if (!l.isBlank() && !l.trim().equals("NONE")) {
            labels.add(l.trim());
          }
        }
        out.add(new Labelled(cols[0], labels, cols.length > 2 ? cols[2] : ""));
      }
      return out;
    } catch (IOException e) {
      throw new IllegalStateException("reading " + resource, e);
    }
  }
}
