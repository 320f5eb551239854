package app.backcoach.reply;

/** An inline button: what it says and the data it sends back (at most 64 bytes). */
public record Button(String label, String data) {
  /** A button that does {@code callback} when tapped. */
  public static Button of(String label, Callback callback) {
    return new Button(label, callback.encode());
  }

  /** What tapping this button does. */
  public Callback callback() {
    return Callback.decode(data);
  }
}
