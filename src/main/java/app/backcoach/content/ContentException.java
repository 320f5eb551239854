package app.backcoach.content;

import java.util.List;
import java.util.stream.Collectors;

/** A bundle that cannot be used, with every problem found in it. */
public final class ContentException extends RuntimeException {
  private final List<Problem> problems;

  public ContentException(String where, List<Problem> problems) {
    super(
        "content bundle "
            + where
            + " has "
            + problems.size()
            + (problems.size() == 1 ? " problem:\n" : " problems:\n")
            + problems.stream().map(Problem::toString).collect(Collectors.joining("\n")));
    this.problems = List.copyOf(problems);
  }

  public List<Problem> problems() {
    return problems;
  }
}
