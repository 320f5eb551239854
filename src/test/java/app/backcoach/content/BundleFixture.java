package app.backcoach.content;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A writable copy of the packaged bundle in a temporary folder, plus small textual edits that break
 * it in one known place. Every edit checks that the text it changes occurs exactly once, so a
 * content change that moves the anchor makes the test fail loudly instead of silently testing
 * nothing.
 */
final class BundleFixture {
  static final List<String> FILES =
      List.of(
          ContentLoader.MISTAKES,
          ContentLoader.EXERCISES,
          ContentLoader.ROUTINES,
          ContentLoader.GUIDANCE,
          ContentLoader.SAFETY,
          ContentLoader.ONBOARDING,
          ContentLoader.MESSAGES,
          ContentLoader.PLACES,
          ContentLoader.SYNONYMS,
          ContentLoader.EXAMPLES);

  /** Where an entry of a top-level list ends: the next entry or the next top-level key. */
  private static final Pattern ENTRY_END = Pattern.compile("\n(?:  - |[^\\s#])");

  private final Path dir;

  private BundleFixture(Path dir) {
    this.dir = dir;
  }

  /**
   * Copies the packaged bundle (read from the classpath, never from the repository) into {@code
   * dir}.
   */
  static BundleFixture copyOfPackaged(Path dir) {
    ContentSource packaged = ContentSource.packaged();
    try {
      for (String file : FILES) {
        byte[] bytes = packaged.read(file);
        assertNotNull(bytes, "packaged bundle lacks " + file);
        Files.write(dir.resolve(file), bytes);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new BundleFixture(dir);
  }

  Path dir() {
    return dir;
  }

  String text(String file) {
    try {
      return Files.readString(dir.resolve(file), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Replaces the whole file. */
  void write(String file, String text) {
    try {
      Files.writeString(dir.resolve(file), text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void delete(String file) {
    try {
      Files.delete(dir.resolve(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Replaces the only occurrence of {@code find} in {@code file}. */
  BundleFixture replace(String file, String find, String replacement) {
    String text = text(file);
    int at = onlyIndex(text, find, 0, text.length(), file);
    write(file, text.substring(0, at) + replacement + text.substring(at + find.length()));
    return this;
  }

  /** Replaces the only occurrence of {@code find} inside the list entry {@code - id: entryId}. */
  BundleFixture replaceInEntry(String file, String entryId, String find, String replacement) {
    String text = text(file);
    int[] entry = entry(text, file, entryId);
    int at = onlyIndex(text, find, entry[0], entry[1], file + " entry " + entryId);
    write(file, text.substring(0, at) + replacement + text.substring(at + find.length()));
    return this;
  }

  /**
   * Replaces a whole field of an entry (its line and any more-indented lines below it) with {@code
   * lines}.
   */
  BundleFixture setField(String file, String entryId, String field, String lines) {
    String text = text(file);
    int[] entry = entry(text, file, entryId);
    int start =
        onlyIndex(text, "\n    " + field + ":", entry[0], entry[1], file + " entry " + entryId) + 1;
    write(file, replaceBlock(text, start, entry[1], "    ", lines));
    return this;
  }

  /**
   * Replaces a whole top-level key (its line and the indented lines below it) with {@code lines}.
   */
  BundleFixture setTopLevel(String file, String key, String lines) {
    String text = "\n" + text(file);
    int start = onlyIndex(text, "\n" + key + ":", 0, text.length(), file) + 1;
    write(file, replaceBlock(text, start, text.length(), "", lines).substring(1));
    return this;
  }

  /**
   * Replaces the line at {@code start} and the following lines indented deeper than {@code indent}.
   */
  private static String replaceBlock(
      String text, int start, int limit, String indent, String lines) {
    String deeper = "\n" + indent + " ";
    int end = text.indexOf('\n', start);
    while (end >= 0 && end < limit) {
      int next = end;
      while (text.startsWith("\n\n", next)) {
        next++; // blank lines inside the block, e.g. between list items
      }
      if (!text.startsWith(deeper, next) || next >= limit) {
        break;
      }
      end = text.indexOf('\n', next + 1);
    }
    if (end < 0) {
      end = text.length();
    }
    String after =
        lines.isEmpty() ? text.substring(Math.min(end + 1, text.length())) : text.substring(end);
    return text.substring(0, start) + lines + after;
  }

  /** Removes a field of an entry: its line and any more-indented lines below it. */
  BundleFixture removeField(String file, String entryId, String field) {
    return setField(file, entryId, field, "");
  }

  /** Adds a field line (written with its indentation) right after the entry's {@code id} line. */
  BundleFixture addField(String file, String entryId, String line) {
    return replace(
        file, "\n  - id: " + entryId + "\n", "\n  - id: " + entryId + "\n" + line + "\n");
  }

  /** The 1-based line number of the only occurrence of {@code fragment}. */
  int lineOf(String file, String fragment) {
    String text = text(file);
    int at = onlyIndex(text, fragment, 0, text.length(), file);
    return (int) text.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
  }

  ContentBundle load() {
    return ContentLoader.load(ContentSource.directory(dir));
  }

  /**
   * Loads the bundle, expecting it to be rejected, and returns the problems it was rejected for.
   */
  List<Problem> problems() {
    ContentException e =
        assertThrows(
            ContentException.class,
            this::load,
            "the edited bundle should be rejected, but it loaded");
    assertTrue(
        e.getMessage().contains(dir.toString()), "the message names the bundle: " + e.getMessage());
    return e.problems();
  }

  private static int[] entry(String text, String file, String entryId) {
    String head = "\n  - id: " + entryId + "\n";
    int start = onlyIndex(text, head, 0, text.length(), file);
    Matcher m = ENTRY_END.matcher(text);
    int end = m.find(start + head.length() - 1) ? m.start() : text.length();
    return new int[] {start, end};
  }

  private static int onlyIndex(String text, String find, int from, int to, String where) {
    int at = text.indexOf(find, from);
    if (at < 0 || at + find.length() > to) {
      fail("fixture anchor not found in " + where + ": " + find);
    }
    int again = text.indexOf(find, at + 1);
    if (again >= 0 && again + find.length() <= to) {
      fail("fixture anchor occurs more than once in " + where + ": " + find);
    }
    return at;
  }

  // ---- assertions on problems ----

  /**
   * Asserts that {@code problems} holds one with exactly this file, entry and field whose message
   * has the fragment.
   */
  static Problem assertProblem(
      List<Problem> problems, String file, String entry, String field, String messageFragment) {
    for (Problem p : problems) {
      if (p.file().equals(file)
          && p.entry().equals(entry)
          && p.field().equals(field)
          && p.message().contains(messageFragment)) {
        return p;
      }
    }
    return fail(
        "expected a problem "
            + file
            + ": "
            + entry
            + ": "
            + field
            + ": ..."
            + messageFragment
            + "...\nbut got:\n"
            + list(problems));
  }

  /** Asserts that the expected problem is the only one reported. */
  static Problem assertOnlyProblem(
      List<Problem> problems, String file, String entry, String field, String messageFragment) {
    Problem p = assertProblem(problems, file, entry, field, messageFragment);
    assertEquals(1, problems.size(), "expected exactly one problem, got:\n" + list(problems));
    return p;
  }

  static String list(List<Problem> problems) {
    return problems.stream().map(p -> "  " + p).collect(Collectors.joining("\n"));
  }
}
