package app.backcoach;

import app.backcoach.content.ContentBundle;
import app.backcoach.content.ContentLoader;
import app.backcoach.content.ContentSource;

/** The packaged content bundle, loaded once for all tests. */
public final class TestContent {
  private static ContentBundle bundle;

  private TestContent() {}

  public static synchronized ContentBundle bundle() {
    if (bundle == null) {
      bundle = ContentLoader.load(ContentSource.packaged());
    }
    return bundle;
  }
}
