package app.backcoach.reply;

/**
 * What to do with the message whose button was tapped: show a short notice, mark the chosen answer
 * (so the old keyboard cannot be tapped twice), or replace it with a refreshed version (a multiple
 * choice with ticks).
 */
public record Ack(String notice, String chosen, Reply replace) {
  public static final Ack NONE = new Ack(null, null, null);

  public static Ack notice(String notice) {
    return new Ack(notice, null, null);
  }

  public static Ack chosen(String label) {
    return new Ack(null, label, null);
  }

  public static Ack replace(Reply reply) {
    return new Ack(null, null, reply);
  }
}
