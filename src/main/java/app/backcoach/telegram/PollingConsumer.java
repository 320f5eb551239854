package app.backcoach.telegram;

import app.backcoach.chat.Inbound;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.longpolling.interfaces.LongPollingUpdateConsumer;
import org.telegram.telegrambots.meta.api.objects.Update;

/**
 * Stores each polled batch before returning, because the poller confirms a batch on its next
 * request. While the store fails it keeps retrying instead of returning, so nothing unstored is
 * ever confirmed. An {@link Error} (out of memory, stack overflow) or an interrupt is not
 * swallowed: returning normally would let the next request confirm a batch that may not be stored,
 * while throwing ends this polling session and the watchdog starts a new one, which asks Telegram
 * for everything not yet confirmed (updates already stored are recognised by id and not applied
 * twice).
 */
final class PollingConsumer implements LongPollingUpdateConsumer {
  private static final Logger log = LoggerFactory.getLogger(PollingConsumer.class);
  private final UpdateIntake intake;
  private final Runnable onStored;
  private volatile boolean running = true;

  PollingConsumer(UpdateIntake intake, Runnable onStored) {
    this.intake = intake;
    this.onStored = onStored;
  }

  @Override
  public void consume(List<Update> updates) {
    try {
      List<Inbound> mapped = updates.stream().map(UpdateMapper::map).toList();
      store(mapped);
      onStored.run();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("polling stopped while storing a batch", e);
    } catch (Error e) {
      log.error(
          "polling: {} while taking a batch of {} updates; restarting polling so none is confirmed"
              + " unstored",
          e.toString(),
          updates.size());
      throw e;
    } catch (RuntimeException e) {
      // Mapping catches bad updates one by one and storing retries until it works: what is left is
      // a bug after the batch was stored, so returning confirms nothing that is not stored.
      log.error(
          "polling: a batch of {} updates was stored, then: {}", updates.size(), e.toString());
    }
  }

  private void store(List<Inbound> batch) throws InterruptedException {
    long wait = 100;
    while (running) {
      try {
        int added = intake.store(batch);
        log.debug("polling: stored {} new of {} updates", added, batch.size());
        return;
      } catch (RuntimeException e) {
        log.error(
            "polling: cannot store updates {}..{} in {}: {}; holding them until it works",
            batch.get(0).updateId(),
            batch.get(batch.size() - 1).updateId(),
            intake.where(),
            e.getMessage());
        Thread.sleep(wait);
        wait = Math.min(5_000, wait * 2);
      }
    }
  }

  /**
   * The library calls this when a session stops; the consumer outlives sessions (the watchdog
   * restarts them).
   */
  @Override
  public void close() {}

  /** Stops retrying a failing store, for shutdown. */
  void shutdown() {
    running = false;
  }
}
