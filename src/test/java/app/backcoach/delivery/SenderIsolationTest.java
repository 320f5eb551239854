package app.backcoach.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.backcoach.TestClock;
import app.backcoach.reply.Delivery;
import app.backcoach.reply.Reply;
import app.backcoach.storage.Database;
import app.backcoach.storage.Quarantine;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One bad outbox item never stops the others, and is never sent twice. */
class SenderIsolationTest {
  @TempDir Path dir;
  private final TestClock clock = new TestClock(Instant.now());
  private Database db;
  private OutboxSender sender;
  private final Transport.Result[] answer = {new Transport.Result.Sent()};
  private final List<String> delivered = Collections.synchronizedList(new ArrayList<>());
  private final Map<String, Transport.Result> byText = new ConcurrentHashMap<>();
  private final Map<String, RuntimeException> throwOn = new ConcurrentHashMap<>();

  private final Transport transport =
      (chat, d) -> {
        String text = d.reply().text();
        RuntimeException e = throwOn.get(text);
        if (e != null) {
          throw e;
        }
        Transport.Result r = byText.getOrDefault(text, answer[0]);
        if (r instanceof Transport.Result.Sent) {
          delivered.add(chat + ":" + text);
        }
        return r;
      };

  private void start() {
    db = app.backcoach.TestDatabases.open(dir.resolve("s.db"), clock);
    sender =
        new OutboxSender(db, transport, clock, new SendLimits(1000, 1000, 1000, 1000, 2)).start();
  }

  private long queue(long chat, String text) {
    long id =
        db.write(
            tx -> {
              new Outbox()
                  .enqueue(
                      tx,
                      chat,
                      List.of(Delivery.send(Reply.text(text))),
                      Outbox.INTERACTIVE,
                      clock.instant());
              return tx.one("SELECT MAX(id) FROM outbox", rs -> rs.getLong(1)).orElseThrow();
            });
    sender.wake();
    return id;
  }

  private static boolean eventually(BooleanSupplier condition) throws InterruptedException {
    return OutboxSenderTest.eventually(condition);
  }

  private List<Quarantine.Entry> quarantined() {
    return db.read(tx -> new Quarantine().open(tx));
  }

  @AfterEach
  void stop() {
    if (sender != null) {
      sender.close();
    }
    if (db != null) {
      db.close();
    }
  }

  @Test
  void aRowThatDoesNotDecodeIsQuarantinedAndEveryoneElseIsServed() throws Exception {
    start();
    // A row as an upgrade that changed the stored shape could leave it.
    long bad =
        db.write(
            tx ->
                tx.insert(
                    "INSERT INTO outbox (chat_id, created_at, priority, body) VALUES (1, ?, 0, ?)",
                    clock.instant().toString(),
                    "{\"kind\": 12"));
    queue(1, "after the bad one");
    for (long chat = 2; chat <= 5; chat++) {
      queue(chat, "hello " + chat);
    }
    assertTrue(eventually(() -> delivered.size() == 5), delivered.toString());
    assertTrue(delivered.contains("1:after the bad one"), "its own chat moves on too");
    assertEquals(1, quarantined().size());
    assertEquals(bad, quarantined().get(0).itemId());
    assertTrue(quarantined().get(0).reason().startsWith("does not decode"));
    assertEquals(1, sender.stats().quarantined.get());
  }

  @Test
  void aSendWhoseRecordKeepsFailingIsNeverSentAgainAndIsSetAside() throws Exception {
    start();
    // Recording this row as sent fails (as a bug or a damaged row would), nothing else does. The
    // trigger exists before the row is queued, so the sender cannot record it first.
    db.write(
        tx -> {
          app.backcoach.TestDatabases.failWhen(
              tx,
              "refuse",
              "UPDATE OF sent_at",
              "outbox",
              "NEW.body LIKE '%recorded never%'",
              "injected record failure");
          return null;
        });
    queue(1, "recorded never");
    queue(1, "next in the same chat");
    queue(2, "another chat");
    assertTrue(eventually(() -> delivered.size() == 3), delivered.toString());
    Thread.sleep(300);
    assertEquals(
        1, delivered.stream().filter("1:recorded never"::equals).count(), "sent exactly once");
    assertTrue(
        delivered.indexOf("1:recorded never") < delivered.indexOf("1:next in the same chat"));
    assertEquals(1, quarantined().size());
    assertTrue(quarantined().get(0).reason().startsWith("delivered, but recording it failed"));
    assertEquals(0, (int) db.read(tx -> new Outbox().depth(tx)));
  }

  @Test
  void aDeliveryThatFailsOnOurSideIsRetriedThenQuarantined() throws Exception {
    start();
    throwOn.put("explodes", new IllegalStateException("bug in rendering"));
    queue(1, "explodes");
    queue(1, "then this");
    queue(2, "meanwhile");
    assertTrue(eventually(() -> delivered.contains("2:meanwhile")));
    // Retries back off 0.5 s and 1 s (with jitter) on the real clock the sender's waits use.
    for (int i = 0; i < 3 && quarantined().isEmpty(); i++) {
      clock.advance(Duration.ofSeconds(2));
      sender.wake();
      eventually(() -> !quarantined().isEmpty());
    }
    assertEquals(1, quarantined().size());
    assertTrue(quarantined().get(0).reason().contains("bug in rendering"));
    assertTrue(eventually(() -> delivered.contains("1:then this")), "its chat moves on");
  }

  @Test
  void aMessageFailingWithServerErrorsForADayIsRecordedAsFailedAndTheChatMovesOn()
      throws Exception {
    start();
    byText.put("doomed", new Transport.Result.Transient("502 Bad Gateway"));
    queue(1, "doomed");
    queue(1, "later");
    assertTrue(
        eventually(() -> db.read(tx -> tx.count("SELECT attempts FROM outbox WHERE id = 1")) >= 1));
    assertTrue(delivered.isEmpty(), "the chat waits behind its retrying message");
    clock.advance(OutboxSender.GIVE_UP.plusMinutes(1));
    sender.wake();
    assertTrue(eventually(() -> delivered.contains("1:later")), delivered.toString());
    assertEquals(1, sender.stats().failed.get());
    String error =
        db.read(tx -> tx.one("SELECT last_error FROM outbox WHERE id = 1", rs -> rs.getString(1)))
            .orElse("");
    assertTrue(error.startsWith("failed for 24 h: 502"), error);
    assertTrue(quarantined().isEmpty(), "a failed message is recorded, not quarantined");
  }
}
