package app.backcoach.search;

import app.backcoach.content.ContentBundle;
import app.backcoach.conversation.Search;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Builds the index on a background thread so startup does not wait for it (about half a second on a
 * cold JVM); a question that arrives before it is ready waits for it.
 */
public final class BackgroundIndex implements Search {
  private final CompletableFuture<ContentIndex> index;

  private BackgroundIndex(ContentBundle content) {
    this.index = CompletableFuture.supplyAsync(() -> ContentIndex.build(content));
  }

  public static Search start(ContentBundle content) {
    return new BackgroundIndex(content);
  }

  @Override
  public List<Found> find(String question, int max) {
    return index.join().find(question, max);
  }
}
