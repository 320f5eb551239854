package app.backcoach.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The processor logs one INFO summary a minute while updates flow, each transaction at DEBUG. */
class AppliedLogTest {
  private static final long SECOND = 1_000_000_000L;
  private final Logger logger = (Logger) LoggerFactory.getLogger(UpdateProcessor.class);
  private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
  private Level before;

  @BeforeEach
  void capture() {
    before = logger.getLevel();
    lines.start();
    logger.addAppender(lines);
  }

  @AfterEach
  void release() {
    logger.detachAppender(lines);
    logger.setLevel(before);
  }

  /** This thread's lines at {@code level} (a processor another test left running logs too). */
  private List<String> at(Level level) {
    String self = Thread.currentThread().getName();
    List<ILoggingEvent> all;
    synchronized (lines) { // the appender adds under this lock
      all = List.copyOf(lines.list);
    }
    return all.stream()
        .filter(e -> e.getLevel() == level && self.equals(e.getThreadName()))
        .map(ILoggingEvent::getFormattedMessage)
        .toList();
  }

  @Test
  void aMinuteOfUpdatesIsOneInfoLine() {
    logger.setLevel(Level.INFO);
    AppliedLog log = new AppliedLog();
    long t = 5 * SECOND;
    log.applied(10, 10, 1, 3, 7L, t);
    log.applied(11, 42, 32, 12, null, t + 20 * SECOND);
    log.flushIfDue(t + 59 * SECOND);
    assertEquals(List.of(), at(Level.INFO), "nothing before the minute is up");
    log.applied(43, 44, 2, 4, null, t + 60 * SECOND);
    assertEquals(
        List.of(
            "updates: applied 35 updates (10 to 44) in 3 transactions over 60 s; slowest 12 ms"),
        at(Level.INFO));
    assertEquals(List.of(), at(Level.DEBUG), "transactions are not logged at INFO");
  }

  @Test
  void aQuietBotStillSaysWhatItAppliedOnceTheMinuteIsUp() {
    logger.setLevel(Level.INFO);
    AppliedLog log = new AppliedLog();
    log.applied(1, 1, 1, 2, 7L, 0);
    log.flushIfDue(61 * SECOND); // the processor's idle wait
    log.flushIfDue(200 * SECOND);
    assertEquals(
        List.of("updates: applied 1 update (1 to 1) in 1 transaction over 61 s; slowest 2 ms"),
        at(Level.INFO));
    log.applied(2, 2, 1, 5, 7L, 300 * SECOND);
    log.flushIfDue(330 * SECOND);
    assertEquals(1, at(Level.INFO).size(), "a new minute starts with the next update");
  }

  @Test
  void atStopTheLastPartOfAMinuteIsSummedUp() {
    logger.setLevel(Level.INFO);
    AppliedLog log = new AppliedLog();
    log.flush(SECOND);
    assertEquals(List.of(), at(Level.INFO), "nothing applied, nothing to say");
    log.applied(1, 3, 3, 2, null, 0);
    log.flush(10 * SECOND);
    assertEquals(
        List.of("updates: applied 3 updates (1 to 3) in 1 transaction over 10 s; slowest 2 ms"),
        at(Level.INFO));
  }

  @Test
  void atDebugEachTransactionHasItsLine() {
    logger.setLevel(Level.DEBUG);
    AppliedLog log = new AppliedLog();
    log.applied(1, 1, 1, 2, 7L, 0);
    log.applied(2, 33, 32, 9, null, SECOND);
    assertEquals(
        List.of(
            "updates: applied update 1 of chat 7 in 2 ms",
            "updates: applied updates 2 to 33 (32 updates, one transaction) in 9 ms"),
        at(Level.DEBUG));
    assertTrue(at(Level.INFO).isEmpty());
  }
}
