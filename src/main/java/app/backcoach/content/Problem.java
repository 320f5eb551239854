package app.backcoach.content;

/** One thing wrong in a bundle, printed as {@code file: entry id: field: what is wrong}. */
public record Problem(String file, String entry, String field, String message) {
  @Override
  public String toString() {
    return file + ": " + entry + ": " + field + ": " + message;
  }
}
