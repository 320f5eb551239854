package app.backcoach.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import app.backcoach.storage.Database;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telegram.telegrambots.meta.api.objects.Update;

class PollingConsumerTest {
  @TempDir Path dir;

  private static Update update(int id) {
    Update u = new Update();
    u.setUpdateId(id);
    return u;
  }

  @Test
  void anErrorIsNotSwallowedSoTheBatchIsNeverConfirmedUnseen() {
    Clock clock = Clock.systemUTC();
    try (Database db = Database.open(dir.resolve("p.db"), clock)) {
      PollingConsumer consumer =
          new PollingConsumer(
              new UpdateIntake(db, clock, new BotHealth(clock)),
              () -> {
                throw new StackOverflowError("from the test");
              });
      assertThrows(StackOverflowError.class, () -> consumer.consume(List.of(update(5))));
      assertEquals(
          1,
          (int) db.read(tx -> tx.count("SELECT COUNT(*) FROM updates WHERE update_id = 5")),
          "stored before the error: a new session's redelivery is recognised by its id");
    }
  }

  @Test
  void aBugAfterStoringIsLoggedAndPollingGoesOn() {
    Clock clock = Clock.systemUTC();
    try (Database db = Database.open(dir.resolve("q.db"), clock)) {
      PollingConsumer consumer =
          new PollingConsumer(
              new UpdateIntake(db, clock, new BotHealth(clock)),
              () -> {
                throw new IllegalStateException("from the test");
              });
      consumer.consume(List.of(update(7)));
      assertEquals(
          1, (int) db.read(tx -> tx.count("SELECT COUNT(*) FROM updates WHERE update_id = 7")));
    }
  }
}
