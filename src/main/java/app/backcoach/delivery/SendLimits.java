package app.backcoach.delivery;

/**
 * How fast the sender may go: Telegram allows about 30 messages a second overall and about one a
 * second per chat, with short bursts tolerated.
 */
public record SendLimits(
    double globalPerSecond,
    int globalBurst,
    double perChatPerSecond,
    int perChatBurst,
    int workers) {
  public static final SendLimits TELEGRAM = new SendLimits(30, 5, 1, 3, 8);

  public SendLimits {
    if (globalPerSecond <= 0
        || perChatPerSecond <= 0
        || globalBurst < 1
        || perChatBurst < 1
        || workers < 1) {
      throw new IllegalArgumentException("send limits must be positive: " + this);
    }
  }
}
