package app.backcoach.telegram;

import app.backcoach.chat.Inbound;
import app.backcoach.chat.UpdateInbox;
import app.backcoach.storage.Database;
import java.time.Clock;
import java.util.List;

/**
 * The one way updates enter the bot, polled or delivered to the webhook: stored in the inbox under
 * their update_id (one Telegram sends again is not stored twice), with the outcome kept in the
 * bot's health.
 */
final class UpdateIntake {
  private final Database db;
  private final Clock clock;
  private final BotHealth health;
  private final UpdateInbox inbox = new UpdateInbox();

  UpdateIntake(Database db, Clock clock, BotHealth health) {
    this.db = db;
    this.clock = clock;
    this.health = health;
  }

  /**
   * Stores the updates in one transaction; returns how many were new.
   *
   * @throws RuntimeException when the database refuses them: nothing of the batch is stored
   */
  int store(List<Inbound> updates) {
    try {
      int added = db.write(tx -> inbox.store(tx, updates, clock.instant()));
      health.storeOk();
      health.received(updates.size());
      return added;
    } catch (RuntimeException e) {
      health.storeFailed(e.getMessage());
      throw e;
    }
  }

  /** The database file, for log lines. */
  String where() {
    return db.file().toString();
  }
}
