package app.backcoach.delivery;

/**
 * How fast the sender may go: Telegram allows about 30 messages a second overall and about one a
 * second per chat, with short bursts tolerated; paid broadcast, when the operator turns it on,
 * raises the overall limit for late reminders.
 */
public record SendLimits(
    double globalPerSecond,
    int globalBurst,
    double perChatPerSecond,
    int perChatBurst,
    int workers,
    PaidBroadcast paid) {
  public static final SendLimits TELEGRAM = new SendLimits(30, 5, 1, 3, 8);

  public SendLimits {
    if (globalPerSecond <= 0
        || perChatPerSecond <= 0
        || globalBurst < 1
        || perChatBurst < 1
        || workers < 1
        || paid == null) {
      throw new IllegalArgumentException("send limits must be positive: " + this);
    }
  }

  /** Limits without paid broadcast. */
  public SendLimits(
      double globalPerSecond,
      int globalBurst,
      double perChatPerSecond,
      int perChatBurst,
      int workers) {
    this(globalPerSecond, globalBurst, perChatPerSecond, perChatBurst, workers, PaidBroadcast.OFF);
  }

  /** The same limits with paid broadcast as given. */
  public SendLimits withPaid(PaidBroadcast paid) {
    return new SendLimits(
        globalPerSecond, globalBurst, perChatPerSecond, perChatBurst, workers, paid);
  }
}
