package app.backcoach.content;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Null-safe list helpers for records read from hand-edited files. */
final class Lists {
  private Lists() {}

  /** An unmodifiable copy, empty for null; null items stay so the validator can name them. */
  static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(list));
  }
}
