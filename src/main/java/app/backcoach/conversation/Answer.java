package app.backcoach.conversation;

import java.util.List;

/**
 * A stored answer: the chosen option ids, and a typed value where one matters (a number, a zone
 * id).
 */
public record Answer(List<String> options, String value) {
  public Answer {
    options = List.copyOf(options);
  }

  public static Answer of(String option) {
    return new Answer(List.of(option), null);
  }
}
