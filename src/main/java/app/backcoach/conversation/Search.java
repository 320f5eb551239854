package app.backcoach.conversation;

import java.util.List;

/**
 * Finds bundle entries that answer a free-text question; implemented over a search index outside
 * the engine.
 */
public interface Search {
  /**
   * The best entries for the question, best first, only those that match well enough; empty when
   * none does.
   */
  List<Found> find(String question, int max);

  /**
   * One matching entry.
   *
   * @param kind "mistake", "exercise", "routine" or "guidance"
   */
  record Found(String kind, String id, double score) {}

  /** No search at all: every question gets the honest "I don't know". */
  Search NONE = (question, max) -> List.of();
}
