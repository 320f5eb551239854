package app.backcoach.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class CallerRunsTest {
  @Test
  void runsEachTaskOnTheSubmittingThreadUntilShutDown() throws Exception {
    TelegramBot.CallerRuns executor = new TelegramBot.CallerRuns();
    AtomicReference<Thread> ran = new AtomicReference<>();
    executor.execute(() -> ran.set(Thread.currentThread()));
    assertEquals(Thread.currentThread(), ran.get(), "ran before execute returned, on this thread");

    executor.shutdownNow();
    assertTrue(executor.isShutdown());
    assertTrue(executor.awaitTermination(1, TimeUnit.SECONDS));
    assertThrows(RejectedExecutionException.class, () -> executor.execute(() -> {}));
  }
}
