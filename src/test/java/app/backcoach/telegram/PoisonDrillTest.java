package app.backcoach.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.backcoach.TestContent;
import app.backcoach.conversation.Engine;
import app.backcoach.conversation.Search;
import app.backcoach.delivery.Outbox;
import app.backcoach.ops.Metrics;
import app.backcoach.ops.OpsServer;
import app.backcoach.reminders.ReminderService;
import app.backcoach.reply.Delivery;
import app.backcoach.safety.RedFlagScreen;
import app.backcoach.storage.Json;
import app.backcoach.storage.Quarantine;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The poison drill: with several chats active, one bad item at a time is injected into one chat (an
 * undecodable user row, an undecodable outbox row, a send whose record fails, a bad reminder row,
 * an update whose handling throws an {@link Error}). After each, every other chat's messages are
 * applied and answered within a few seconds, the bad item is in the quarantine with its reason,
 * {@code /healthz} reports it, and no message is sent more than once.
 */
class PoisonDrillTest {
  private static final long BAD = 6001;
  private static final List<Long> OTHERS = List.of(6002L, 6003L, 6004L);

  /** How long the other chats may take to be answered after an injection. */
  private static final Duration FEW_SECONDS = Duration.ofSeconds(5);

  /** Typed text whose handling throws an Error (the red-flag screen overflows its stack). */
  private static final String THROWS_ERROR = "poison: make the screen overflow";

  @TempDir Path dir;
  private BotHarness h;
  private OpsServer ops;
  private final HttpClient http = HttpClient.newHttpClient();
  private final List<String> results = new ArrayList<>();

  @AfterEach
  void close() {
    if (ops != null) {
      ops.close();
    }
    if (h != null) {
      h.close();
    }
  }

  @Test
  void oneBadItemAtATimeIsSetAsideWhileEveryOtherChatFlows() throws Exception {
    var content = TestContent.bundle();
    RedFlagScreen screen = RedFlagScreen.forBundle(content);
    Engine engine =
        new Engine(
            content,
            Search.NONE,
            text -> {
              if (text.contains(THROWS_ERROR)) {
                throw new StackOverflowError("injected");
              }
              return screen.screen(text);
            });
    h = new BotHarness(FakeBotApi.start(), dir, BotHarness.fast(), Duration.ofSeconds(30), engine);
    ops = new OpsServer("127.0.0.1", 0, h.bot.probes(), new Metrics().registry()).start();
    h.onboardWithReminders(BAD);
    for (long chat : OTHERS) {
      h.onboardWithReminders(chat);
    }
    assertEquals(
        "ok\n" + app.backcoach.ops.BuildInfo.current() + "\n",
        health(),
        "healthy before the drill, and no warning");
    long started = System.nanoTime();

    // 1. A user row that no longer decodes (as an upgrade that changed a stored shape leaves it).
    h.db.write(tx -> tx.update("UPDATE users SET red_flags = 'not json' WHERE chat_id = ?", BAD));
    h.api.userSendsCommand(BAD, "/help");
    othersFlow("undecodable user row");
    awaitQuarantined(1, Quarantine.Kind.UPDATE, "not a list of strings");
    h.awaitText(BAD, "Sorry, something went wrong");
    h.db.write(tx -> tx.update("UPDATE users SET red_flags = '[]' WHERE chat_id = ?", BAD));
    assertHealthWarns(1);

    // 2. An outbox row that no longer decodes.
    h.db.write(
        tx ->
            tx.insert(
                "INSERT INTO outbox (chat_id, created_at, priority, body) VALUES (?, ?, 0, ?)",
                BAD,
                Clock.systemUTC().instant().toString(),
                "{\"kind\": 12"));
    h.bot.sender().wake();
    othersFlow("undecodable outbox row");
    awaitQuarantined(2, Quarantine.Kind.OUTBOX, "does not decode");
    assertHealthWarns(2);

    // 3. Recording a finished send fails (for this chat only).
    h.db.write(
        tx ->
            tx.update(
                "CREATE TRIGGER refuse_record BEFORE UPDATE OF sent_at ON outbox WHEN NEW.chat_id = "
                    + BAD
                    + " BEGIN SELECT RAISE(ABORT, 'injected: recording fails'); END"));
    int helpsBefore = count(BAD, "/plan");
    h.api.userSendsCommand(BAD, "/help");
    othersFlow("failing send record");
    awaitQuarantined(3, Quarantine.Kind.OUTBOX, "delivered, but recording it failed");
    Thread.sleep(1_000); // time for a wrong re-send to show
    assertEquals(helpsBefore + 1, count(BAD, "/plan"), "the reply went out exactly once");
    h.db.write(tx -> tx.update("DROP TRIGGER refuse_record"));
    assertHealthWarns(3);

    // 4. A reminder row that no longer reads back, due with everyone's.
    h.db.write(
        tx ->
            tx.update(
                "UPDATE reminders SET kind = 'NAP' WHERE chat_id = ? AND kind = 'MOBILITY'", BAD));
    List<Integer> before = OTHERS.stream().map(c -> h.api.sent(c).size()).toList();
    ReminderService reminders =
        new ReminderService(
            h.db, TestContent.bundle(), Clock.systemUTC(), Duration.ofMinutes(15), () -> {});
    h.db.write(tx -> tx.update("UPDATE users SET quiet_start = '00:00', quiet_end = '00:00'"));
    h.db.write(
        tx ->
            tx.update(
                "UPDATE reminders SET next_due_at = ? WHERE kind IN ('MOBILITY', 'NAP')",
                System.currentTimeMillis() - 1_000));
    assertEquals(OTHERS.size(), reminders.runDue().sent(), "the others' reminders are claimed");
    h.bot.sender().wake();
    for (int i = 0; i < OTHERS.size(); i++) {
      h.awaitMessages(OTHERS.get(i), before.get(i) + 1);
    }
    othersFlow("bad reminder row");
    awaitQuarantined(4, Quarantine.Kind.REMINDER, "NAP");
    assertHealthWarns(4);
    // Mended (the user's own updates read their reminders, so they would fail on it too).
    h.db.write(tx -> tx.update("UPDATE reminders SET kind = 'MOBILITY' WHERE kind = 'NAP'"));

    // 5. Handling an update throws an Error.
    h.api.userSends(BAD, THROWS_ERROR);
    othersFlow("thrown Error");
    awaitQuarantined(5, Quarantine.Kind.UPDATE, "StackOverflowError");
    assertHealthWarns(5);
    assertTrue(h.bot.threadProblem() == null, "no thread died");

    // The bad chat is served again once its items are set aside.
    int helps = count(BAD, "/plan");
    h.api.userSendsCommand(BAD, "/help");
    assertTrue(h.api.await(() -> count(BAD, "/plan") == helps + 1, FEW_SECONDS));

    h.awaitIdle();
    int duplicates = duplicates();
    assertEquals(0, duplicates, "no message sent more than once");
    assertTrue(h.api.violations().isEmpty(), h.api.violations().toString());
    System.out.printf(
        "poison drill: 5 injections in %.1f s, %d quarantined, %d duplicates; %s%n",
        (System.nanoTime() - started) / 1e9,
        h.db.read(tx -> new Quarantine().openCount(tx)),
        duplicates,
        String.join("; ", results));
  }

  /** Every other chat sends /help; each must be answered within a few seconds. */
  private void othersFlow(String injection) {
    long t0 = System.nanoTime();
    List<Integer> before = OTHERS.stream().map(c -> count(c, "/plan")).toList();
    for (long chat : OTHERS) {
      h.api.userSendsCommand(chat, "/help");
    }
    for (int i = 0; i < OTHERS.size(); i++) {
      long chat = OTHERS.get(i);
      int had = before.get(i);
      assertTrue(
          h.api.await(() -> count(chat, "/plan") > had, FEW_SECONDS),
          "chat " + chat + " was not answered within " + FEW_SECONDS + " after: " + injection);
    }
    results.add(
        String.format(
            Locale.ROOT,
            "%s: others answered in %d ms",
            injection,
            (System.nanoTime() - t0) / 1_000_000));
  }

  private void awaitQuarantined(int total, Quarantine.Kind kind, String reason) {
    boolean there =
        h.api.await(
            () -> h.db.read(tx -> new Quarantine().openCount(tx)) >= total, Duration.ofSeconds(15));
    var entries = h.db.read(tx -> new Quarantine().open(tx));
    assertTrue(there, "expected " + total + " quarantined, got " + entries);
    assertEquals(total, entries.size(), entries.toString());
    Quarantine.Entry last = entries.get(total - 1);
    assertEquals(kind, last.kind(), last.toString());
    assertEquals(BAD, last.chatId(), last.toString());
    assertTrue(last.reason().contains(reason), last.reason());
  }

  private void assertHealthWarns(int quarantined) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ops.port() + "/healthz"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), "the bot is flowing for everyone else: " + r.body());
    assertTrue(
        r.body().contains("warning: " + quarantined + " item(s) quarantined in the last hour"),
        r.body());
  }

  private String health() throws Exception {
    return http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ops.port() + "/healthz"))
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  private int count(long chat, String text) {
    return (int)
        h.api.sent(chat).stream().filter(s -> s.text() != null && s.text().contains(text)).count();
  }

  /**
   * Messages the fake received beyond what the bot recorded as sent (or set aside as delivered): a
   * message sent twice would show here.
   */
  private int duplicates() {
    int extra = 0;
    for (long chat : concat(BAD, OTHERS)) {
      long recorded =
          h
              .db
              .read(
                  tx ->
                      tx.query(
                          Outbox.MESSAGES + " WHERE o.chat_id = ? AND o.sent_at IS NOT NULL",
                          rs -> rs.getString("body"),
                          chat))
              .stream()
              .filter(body -> created(Json.read(body, Delivery.class)))
              .count();
      long setAside =
          h.db.read(tx -> new Quarantine().open(tx)).stream()
              .filter(e -> e.chatId() == chat && e.reason().startsWith("delivered"))
              .count();
      extra += (int) (h.api.sent(chat).size() - recorded - setAside);
    }
    return extra;
  }

  /** Deliveries that create a message (edits change one, notices create none). */
  private static boolean created(Delivery d) {
    return d.kind() == Delivery.Kind.SEND
        || d.kind() == Delivery.Kind.PHOTO
        || d.kind() == Delivery.Kind.DOCUMENT;
  }

  private static List<Long> concat(long first, List<Long> rest) {
    List<Long> all = new ArrayList<>(List.of(first));
    all.addAll(rest);
    return all;
  }
}
