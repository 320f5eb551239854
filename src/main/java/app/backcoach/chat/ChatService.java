package app.backcoach.chat;

import app.backcoach.conversation.Engine;
import app.backcoach.conversation.Event;
import app.backcoach.conversation.Outcome;
import app.backcoach.conversation.UserState;
import app.backcoach.storage.Database;
import app.backcoach.storage.Outbox;
import app.backcoach.storage.UserRepository;
import java.time.Clock;
import java.time.Instant;

/**
 * Runs one event through the engine in one transaction: load the user, decide, store the new state
 * and the replies together. A crash leaves either all of it or none of it.
 */
public final class ChatService {
  private final Database db;
  private final Engine engine;
  private final Clock clock;
  private final UserRepository users = new UserRepository();
  private final Outbox outbox = new Outbox();

  public ChatService(Database db, Engine engine, Clock clock) {
    this.db = db;
    this.engine = engine;
    this.clock = clock;
  }

  /**
   * Applies the event and queues its replies; returns the outcome for the adapter's
   * acknowledgement.
   */
  public Outcome handle(long chatId, Event event) {
    return db.write(
        tx -> {
          Instant now = clock.instant();
          UserState before = users.load(tx, chatId);
          Outcome outcome = engine.handle(before, event, now);
          users.save(tx, outcome.state(), now);
          outbox.enqueue(tx, chatId, outcome.replies(), Outbox.INTERACTIVE, now);
          return outcome;
        });
  }

  /** The stored state of a chat (a fresh one if unknown). */
  public UserState state(long chatId) {
    return db.read(tx -> users.load(tx, chatId));
  }
}
