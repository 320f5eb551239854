package app.backcoach.telegram;

import static app.backcoach.telegram.FakeBotHttp.JSON;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * A fake Telegram Bot API server for tests: the real HTTP protocol on 127.0.0.1 (random port), a
 * scripted user, and Telegram's rules enforced with Telegram's errors. Every breach of a rule is
 * also recorded in {@link #violations()}, so a test can assert the bot committed none.
 *
 * <p>Point TelegramBots at it with {@code new TelegramUrl("http", "127.0.0.1", fake.port(),
 * false)}. Thread-safe: one lock guards all state (chats live in {@link FakeBotChats}); long polls
 * wait on it. Rules live in {@link TelegramRules} and {@link TelegramHtml}. Once setWebhook has set
 * a URL, updates are POSTed there instead ({@link FakeWebhook}) and getUpdates answers 409, as on
 * Telegram.
 */
public final class FakeBotApi implements AutoCloseable {
  public static final String TOKEN = "123456:TEST-token_abcdefghijklmnopqrstuvwxyz";
  public static final long BOT_ID = 123456;
  public static final String BOT_USERNAME = "backcoach_test_bot";

  /** Two 409 Conflicts closer than this mean two pollers, not one restarted poller. */
  private static final long CONFLICT_WINDOW_NANOS = 5_000_000_000L;

  /** Update types Telegram leaves out unless allowed_updates names them. */
  private static final Set<String> OPT_IN_UPDATES =
      Set.of("chat_member", "message_reaction", "message_reaction_count");

  /**
   * A message the bot sent, as it currently stands in the chat. {@code text} is what the user sees
   * (the text or caption after entity parsing: {@code "<b>Hi</b> &amp; co"} sent in HTML is {@code
   * "Hi & co"}); {@code rawText} is exactly what the bot sent, to be read with {@code parseMode}.
   * {@code method} is the lower-cased creating method (sendmessage, sendphoto, senddocument); edits
   * change text, rawText, parseMode and replyMarkup in place.
   */
  public record Sent(
      int messageId,
      long chatId,
      String method,
      String text,
      String parseMode,
      JsonNode replyMarkup,
      boolean disableNotification,
      long atMillis,
      String rawText) {

    /** Inline keyboard buttons, row by row, flattened; empty without an inline keyboard. */
    public List<JsonNode> inlineButtons() {
      List<JsonNode> buttons = new ArrayList<>();
      if (replyMarkup != null) {
        replyMarkup.path("inline_keyboard").forEach(row -> row.forEach(buttons::add));
      }
      return buttons;
    }

    /** callback_data of the first inline button whose text contains {@code label}. */
    public String callbackData(String label) {
      return inlineButtons().stream()
          .filter(b -> b.path("text").asText().contains(label))
          .map(b -> b.path("callback_data").asText(null))
          .filter(Objects::nonNull)
          .findFirst()
          .orElseThrow(() -> new IllegalArgumentException("no button '" + label + "' in " + this));
    }
  }

  /**
   * One request as received (method lower-cased). {@code status} is -1 for a dropped connection.
   */
  public record Call(String method, JsonNode params, int status, long atMillis) {}

  public enum Fault {
    /** One 429 with retry_after 1. */
    TOO_MANY_REQUESTS,
    /** 429 with retry_after 1 on every request but getUpdates for the next 2 s. */
    STORM_429,
    SERVER_ERROR,
    /** The answer comes 1-3 s late (a slow long poll when it hits getUpdates). */
    SLOW,
    /** No answer for {@link #HANG_MILLIS}, then the connection is dropped (unprocessed). */
    TIMEOUT,
    /** The connection is reset without an answer (unprocessed). */
    DROP_CONNECTION
  }

  /** How long a {@link Fault#TIMEOUT} holds a request before dropping it. */
  public static final long HANG_MILLIS = 3_000;

  private static final long STORM_MILLIS = 2_000;

  /** A Bot API error answer; {@code violation} non-null means the bot broke a rule. */
  static final class ApiError extends Exception {
    private static final long serialVersionUID = 1L;
    final int status;
    final Integer retryAfter;
    final String violation;

    ApiError(int status, String description, Integer retryAfter, String violation) {
      super(description, null, false, false);
      this.status = status;
      this.retryAfter = retryAfter;
      this.violation = violation;
    }
  }

  private record Outcome(int status, JsonNode body) {}

  private final HttpServer server;
  private final ExecutorService executor;
  private final Object lock = new Object();

  // Everything below is guarded by lock.
  private final FakeBotChats chats = new FakeBotChats();
  private final Deque<ObjectNode> updates = new ArrayDeque<>();
  private final FakeWebhook webhook;
  private int nextUpdateId = 1;

  /**
   * Numbers the next updates from {@code first} on, as Telegram does for a bot whose earlier
   * updates a reused database already holds (ids never repeat).
   */
  public void updateIdsFrom(int first) {
    synchronized (lock) {
      nextUpdateId = first;
    }
  }

  private long confirmedOffset;
  private Set<String> allowedUpdates; // null: Telegram's default
  private long pollGeneration;
  private int conflicts;
  private long lastConflictNanos;
  private int nextCallbackId = 1;
  private final List<Call> calls = new ArrayList<>();
  private final List<String> violations = new ArrayList<>();
  private final Map<String, Deque<ApiError>> failNext = new HashMap<>();
  private double faultRate;
  private List<Fault> faultKinds = List.of();
  private Random faultRandom = new Random(0);
  private int faultsInjected;
  private final Map<Fault, Integer> faultCounts = new java.util.EnumMap<>(Fault.class);
  private long stormUntilMillis;
  private boolean closed;

  private FakeBotApi() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    AtomicInteger threads = new AtomicInteger();
    executor =
        Executors.newFixedThreadPool(
            16,
            r -> {
              Thread t = new Thread(r, "fake-bot-api-" + threads.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    webhook = new FakeWebhook(lock, this::nextForWebhook, this::delivered);
  }

  /** Starts a fake on 127.0.0.1 and a free port. */
  public static FakeBotApi start() {
    FakeBotApi fake = new FakeBotApi();
    fake.server.start();
    return fake;
  }

  public String url() {
    return "http://127.0.0.1:" + port();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  // ---------------------------------------------------------------- the user

  /** The user types {@code text} in their private chat (from.id == chat.id, first_name "Test"). */
  public int userSends(long chatId, String text) {
    return enqueueMessage(chatId, m -> m.put("text", text));
  }

  /** Like {@link #userSends} with a bot_command entity over the leading /word. */
  public int userSendsCommand(long chatId, String text) {
    if (!text.startsWith("/")) {
      throw new IllegalArgumentException("a command starts with '/': " + text);
    }
    int end = 0;
    while (end < text.length() && !Character.isWhitespace(text.charAt(end))) {
      end++;
    }
    int length = end;
    return enqueueMessage(
        chatId,
        m -> {
          m.put("text", text);
          ObjectNode entity = m.putArray("entities").addObject();
          entity.put("offset", 0).put("length", length).put("type", "bot_command");
        });
  }

  /**
   * The user sends a message in their private chat whose content {@code filler} writes (a sticker,
   * a photo with a caption, a forward...); message_id, from, chat and date are set already.
   */
  public int userSendsMessage(long chatId, java.util.function.Consumer<ObjectNode> filler) {
    return enqueueMessage(chatId, filler::accept);
  }

  /** The user shares a location (e.g. through a request_location keyboard button). */
  public int userSharesLocation(long chatId, double lat, double lon) {
    return enqueueMessage(
        chatId, m -> m.putObject("location").put("latitude", lat).put("longitude", lon));
  }

  /**
   * The user taps an inline button carrying {@code data} on the bot's message {@code messageId}.
   *
   * @throws IllegalArgumentException if the bot has no such message in that chat
   */
  public int userTaps(long chatId, int messageId, String data) {
    synchronized (lock) {
      ObjectNode message = chats.messageJson(chatId, messageId);
      if (message == null) {
        throw new IllegalArgumentException(
            "no bot message " + messageId + " in chat " + chatId + " to tap on");
      }
      ObjectNode update = JSON.createObjectNode();
      ObjectNode query = update.putObject("callback_query");
      query.put("id", "cbq-" + nextCallbackId++);
      query.set("from", FakeBotChats.user(chatId));
      query.set("message", message);
      query.put("chat_instance", "ci-" + chatId);
      query.put("data", data);
      return enqueue(update);
    }
  }

  /** Enqueues any update; the fake adds update_id (and tracks a callback_query's id). */
  public int userSendsRaw(ObjectNode updateWithoutId) {
    synchronized (lock) {
      return enqueue(updateWithoutId.deepCopy());
    }
  }

  /** The user blocks the bot: {@link #blockBy} plus the my_chat_member update Telegram sends. */
  public int userBlocks(long chatId) {
    synchronized (lock) {
      chats.block(chatId);
      ObjectNode update = JSON.createObjectNode();
      ObjectNode member = update.putObject("my_chat_member");
      member.set("chat", FakeBotChats.chatJson(chatId));
      member.set("from", FakeBotChats.user(chatId));
      member.put("date", System.currentTimeMillis() / 1000);
      ObjectNode old = member.putObject("old_chat_member").put("status", "member");
      old.set("user", FakeBotChats.botUser());
      ObjectNode now = member.putObject("new_chat_member").put("status", "kicked");
      now.put("until_date", 0).set("user", FakeBotChats.botUser());
      return enqueue(update);
    }
  }

  private interface Filler {
    void fill(ObjectNode message);
  }

  private int enqueueMessage(long chatId, Filler filler) {
    synchronized (lock) {
      ObjectNode update = JSON.createObjectNode();
      ObjectNode message = update.putObject("message");
      message.put("message_id", chats.nextUserMessageId(chatId));
      message.set("from", FakeBotChats.user(chatId));
      message.set("chat", FakeBotChats.chatJson(chatId));
      message.put("date", System.currentTimeMillis() / 1000);
      filler.fill(message);
      return enqueue(update);
    }
  }

  private int enqueue(ObjectNode updateWithoutId) {
    int id = nextUpdateId++;
    ObjectNode update = JSON.createObjectNode().put("update_id", id);
    updateWithoutId.remove("update_id");
    update.setAll(updateWithoutId);
    String callbackId = update.path("callback_query").path("id").asText(null);
    if (callbackId != null) {
      chats.callbackSent(callbackId);
    }
    updates.addLast(update);
    lock.notifyAll();
    return id;
  }

  // ---------------------------------------------------------------- what the bot did

  /** Messages currently in that chat, oldest first, as edited (deleted ones are gone). */
  public List<Sent> sent(long chatId) {
    synchronized (lock) {
      return chats.sent(chatId);
    }
  }

  /** Newest message in that chat, or null. */
  public Sent lastSent(long chatId) {
    List<Sent> sent = sent(chatId);
    return sent.isEmpty() ? null : sent.get(sent.size() - 1);
  }

  /** Messages in all chats, in the order they were sent. */
  public List<Sent> sentAll() {
    synchronized (lock) {
      return chats.sentAll();
    }
  }

  /** Every request received, in the order answered. */
  public List<Call> calls() {
    synchronized (lock) {
      return List.copyOf(calls);
    }
  }

  /** The calls answered after the first {@code from}, in order (a poller's cheap view). */
  public List<Call> callsFrom(int from) {
    synchronized (lock) {
      return from >= calls.size() ? List.of() : List.copyOf(calls.subList(from, calls.size()));
    }
  }

  /** Calls of one method (any casing). */
  public List<Call> calls(String method) {
    String m = method.toLowerCase(Locale.ROOT);
    return calls().stream().filter(c -> c.method().equals(m)).toList();
  }

  /** Every rule breach the bot committed, human-readable. */
  public List<String> violations() {
    synchronized (lock) {
      return List.copyOf(violations);
    }
  }

  public Set<String> unansweredCallbacks() {
    synchronized (lock) {
      return chats.unanswered();
    }
  }

  /** Updates enqueued and not yet confirmed by an offset or delivered to the webhook. */
  public int pendingUpdates() {
    synchronized (lock) {
      return updates.size();
    }
  }

  /** Highest offset a getUpdates call has asked with: updates below it are confirmed. */
  public long confirmedOffset() {
    synchronized (lock) {
      return confirmedOffset;
    }
  }

  /** getUpdates calls received so far: a test can wait until its long poll is waiting. */
  public long pollsReceived() {
    synchronized (lock) {
      return pollGeneration;
    }
  }

  /** getUpdates calls ended with 409 Conflict because a newer getUpdates arrived. */
  public int conflicts() {
    synchronized (lock) {
      return conflicts;
    }
  }

  /** Polls {@code condition} every 10 ms until it holds or {@code timeout} passes. */
  public boolean await(BooleanSupplier condition, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() >= deadline) {
        return false;
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return condition.getAsBoolean();
      }
    }
    return true;
  }

  // ---------------------------------------------------------------- faults and limits

  /** The next call of {@code method} (any casing) gets this error; calls queue up. */
  public void failNext(String method, int httpStatus, String description, Integer retryAfter) {
    synchronized (lock) {
      failNext
          .computeIfAbsent(method.toLowerCase(Locale.ROOT), k -> new ArrayDeque<>())
          .addLast(new ApiError(httpStatus, description, retryAfter, null));
    }
  }

  /** Random faults on every request but deleteWebhook with probability {@code rate} (0: off). */
  public void faults(double rate, Set<Fault> kinds, long seed) {
    synchronized (lock) {
      faultRate = rate;
      faultKinds = kinds.isEmpty() ? List.of() : List.copyOf(EnumSet.copyOf(kinds));
      faultRandom = new Random(seed);
    }
  }

  /** How many random faults of each kind were injected (a storm counts once). */
  public Map<Fault, Integer> faultCounts() {
    synchronized (lock) {
      return Map.copyOf(faultCounts);
    }
  }

  /** Requests that got a random fault from {@link #faults} (failNext not included). */
  public int faultsInjected() {
    synchronized (lock) {
      return faultsInjected;
    }
  }

  /**
   * The clock the rate limits go by, in nanoseconds (a benchmark's simulated clock); call before
   * {@link #rateLimits}.
   */
  public void rateClock(java.util.function.LongSupplier nanos) {
    synchronized (lock) {
      chats.clock(nanos);
    }
  }

  /**
   * Token buckets on sendMessage, sendPhoto, sendDocument, editMessageText, editMessageReplyMarkup:
   * over the limit the bot gets 429 "Too Many Requests: retry after N" and a violation is recorded.
   * A rate of 0 or less turns that limit off.
   */
  public void rateLimits(
      double perChatPerSecond, int perChatBurst, double globalPerSecond, int globalBurst) {
    synchronized (lock) {
      chats.rateLimits(perChatPerSecond, perChatBurst, globalPerSecond, globalBurst);
    }
  }

  /** sendMessage calls accepted with {@code allow_paid_broadcast}. */
  public int paidMessages() {
    synchronized (lock) {
      return chats.paidMessages();
    }
  }

  /** 429s answered because of {@link #rateLimits} (injected faults not included). */
  public int tooManyRequestsSent() {
    synchronized (lock) {
      return chats.tooManyRequests();
    }
  }

  /** From now on, sends to that chat get 403 "Forbidden: bot was blocked by the user". */
  public void blockBy(long chatId) {
    synchronized (lock) {
      chats.block(chatId);
    }
  }

  // ---------------------------------------------------------------- webhook

  /**
   * Plays the reverse proxy in front of the bot: webhook deliveries go to {@code
   * http://127.0.0.1:port} with the registered URL's path (Telegram itself calls the https URL).
   */
  public void webhookProxy(int... ports) {
    synchronized (lock) {
      webhook.proxyTo(ports);
    }
  }

  /** The URL setWebhook set, or null when no webhook is set (never set, or deleted). */
  public String webhookUrl() {
    synchronized (lock) {
      return webhook.url();
    }
  }

  /** The secret_token setWebhook set, or null. */
  public String webhookSecret() {
    synchronized (lock) {
      return webhook.secret();
    }
  }

  /** Every webhook delivery attempt, in order. */
  public List<FakeWebhook.Delivery> webhookDeliveries() {
    synchronized (lock) {
      return webhook.deliveries();
    }
  }

  /**
   * The oldest update the webhook may deliver (types not allowed are dropped, as by getUpdates).
   */
  private ObjectNode nextForWebhook() {
    for (Iterator<ObjectNode> it = updates.iterator(); it.hasNext(); ) {
      ObjectNode update = it.next();
      if (isAllowed(update)) {
        return update.deepCopy();
      }
      it.remove();
    }
    return null;
  }

  private void delivered(long updateId) {
    updates.removeIf(u -> u.path("update_id").asLong() == updateId);
  }

  /** Stops the server at once; waiting long polls return. */
  @Override
  public void close() {
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      lock.notifyAll();
    }
    webhook.close();
    server.stop(0);
    executor.shutdownNow();
  }

  // ---------------------------------------------------------------- HTTP

  private void handle(HttpExchange ex) throws IOException {
    long at = System.currentTimeMillis();
    String method = "?";
    JsonNode params = JSON.createObjectNode();
    try {
      String[] path = ex.getRequestURI().getPath().split("/");
      if (path.length < 3 || !path[1].startsWith("bot")) {
        record(method, params, 404, at, "request outside /bot<token>/: " + ex.getRequestURI());
        FakeBotHttp.send(ex, 404, error(404, "Not Found", null));
        return;
      }
      method = path[path.length - 1].toLowerCase(Locale.ROOT);
      try {
        params = FakeBotHttp.readParams(ex);
      } catch (JsonProcessingException e) {
        String description = "Bad Request: can't parse JSON request body";
        record(method, params, 400, at, method + ": " + description + " (" + e.getMessage() + ")");
        FakeBotHttp.send(ex, 400, error(400, description, null));
        return;
      }
      Outcome outcome;
      if (!path[1].equals("bot" + TOKEN)) {
        outcome = new Outcome(401, error(401, "Unauthorized", null));
        record(method, params, 401, at, method + ": 401 Unauthorized (wrong token)");
      } else {
        outcome = answer(method, (ObjectNode) params, at);
      }
      if (outcome == null) {
        FakeBotHttp.drop(ex);
      } else {
        FakeBotHttp.send(ex, outcome.status(), outcome.body());
      }
    } catch (FakeBotHttp.DroppedConnection e) {
      throw e; // out of the handler: the JDK server closes the connection without ex.close()
    } catch (IOException e) {
      // the client went away (closed, timed out, or the fake is stopping): nothing to answer
      ex.close();
    } catch (RuntimeException | Error e) {
      record(method, params, 500, at, "fake error (not the bot's fault) in " + method + ": " + e);
      e.printStackTrace();
      try {
        FakeBotHttp.send(ex, 500, error(500, "Internal Server Error: " + e, null));
      } catch (IOException ignored) {
        ex.close();
      }
    }
  }

  /** The answer to an authorized request; null means drop the connection. */
  private Outcome answer(String method, ObjectNode params, long at) {
    ApiError failure;
    Fault fault = null;
    long slowMillis = 0;
    synchronized (lock) {
      Deque<ApiError> queue = failNext.get(method);
      failure = queue == null ? null : queue.pollFirst();
      boolean storm = at < stormUntilMillis && !method.equals("getupdates");
      if (failure == null && storm) {
        failure = new ApiError(429, "Too Many Requests: retry after 1", 1, null);
      } else if (failure == null
          && !method.equals("deletewebhook")
          && faultRate > 0
          && !faultKinds.isEmpty()
          && faultRandom.nextDouble() < faultRate) {
        fault = faultKinds.get(faultRandom.nextInt(faultKinds.size()));
        slowMillis = 1000 + faultRandom.nextInt(2001);
        faultsInjected++;
        faultCounts.merge(fault, 1, Integer::sum);
        if (fault == Fault.STORM_429) {
          stormUntilMillis = at + STORM_MILLIS;
        }
      }
    }
    if (fault == Fault.DROP_CONNECTION) {
      record(method, params, -1, at, null);
      return null;
    } else if (fault == Fault.TIMEOUT) {
      sleep(HANG_MILLIS);
      record(method, params, -1, at, null);
      return null;
    } else if (fault == Fault.TOO_MANY_REQUESTS || fault == Fault.STORM_429) {
      failure = new ApiError(429, "Too Many Requests: retry after 1", 1, null);
    } else if (fault == Fault.SERVER_ERROR) {
      failure = new ApiError(500, "Internal Server Error", null, null);
    } else if (fault == Fault.SLOW) {
      sleep(slowMillis);
    }
    try {
      if (failure != null) {
        throw failure;
      }
      JsonNode result;
      if (method.equals("getupdates")) {
        result = getUpdates(params);
      } else {
        synchronized (lock) {
          result = dispatch(method, params);
        }
      }
      ObjectNode body = JSON.createObjectNode().put("ok", true);
      body.set("result", result);
      record(method, params, 200, at, null);
      return new Outcome(200, body);
    } catch (ApiError e) {
      String where =
          params.hasNonNull("chat_id") ? " [chat_id " + params.get("chat_id").asText() + "]" : "";
      record(method, params, e.status, at, e.violation == null ? null : e.violation + where);
      return new Outcome(e.status, error(e.status, e.getMessage(), e.retryAfter));
    }
  }

  /** The bot's description and short description as last set, by method name. */
  private final Map<String, String> profile = new java.util.HashMap<>();

  /** What the bot last set with setMyDescription or setMyShortDescription, or null. */
  public String profile(String method) {
    synchronized (lock) {
      return profile.get(method.toLowerCase(java.util.Locale.ROOT));
    }
  }

  private JsonNode dispatch(String method, ObjectNode params) throws ApiError {
    switch (method) {
      case "deletewebhook":
        webhook.clear();
        if (params.path("drop_pending_updates").asBoolean(false)) {
          updates.clear();
        }
        return BooleanNode.TRUE;
      case "setwebhook":
        webhook.set(params);
        allowedUpdates(params.get("allowed_updates"));
        return BooleanNode.TRUE;
      case "setmydescription":
        TelegramRules.profileText(method, params.path("description").asText(""), 512);
        profile.put(method, params.path("description").asText(""));
        return BooleanNode.TRUE;
      case "setmyshortdescription":
        TelegramRules.profileText(method, params.path("short_description").asText(""), 120);
        profile.put(method, params.path("short_description").asText(""));
        return BooleanNode.TRUE;
      case "sendchataction":
        TelegramRules.chatAction(params);
        return BooleanNode.TRUE;
      case "getme":
        return FakeBotChats.botUser();
      case "getwebhookinfo":
        return webhook.info(updates.size());
      default:
        JsonNode result = chats.call(method, params);
        if (result == null) {
          throw new ApiError(404, "Not Found", null, "unknown method " + method);
        }
        return result;
    }
  }

  private void record(String method, JsonNode params, int status, long at, String violation) {
    synchronized (lock) {
      calls.add(new Call(method, params, status, at));
      if (violation != null) {
        violations.add(violation);
      }
    }
  }

  private static ObjectNode error(int status, String description, Integer retryAfter) {
    ObjectNode body = JSON.createObjectNode();
    body.put("ok", false).put("error_code", status).put("description", description);
    if (retryAfter != null) {
      body.putObject("parameters").put("retry_after", retryAfter);
    }
    return body;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  // ---------------------------------------------------------------- getUpdates

  /**
   * Telegram's semantics: offset confirms, limit caps, timeout holds the request (long poll). A new
   * poll ends a waiting one with 409 Conflict, like Telegram. This server cannot see that a waiting
   * poll's client has gone away (a restarted poller leaves one behind), so a single 409 is not a
   * violation; a second one within {@link #CONFLICT_WINDOW_NANOS} is: two pollers at once.
   */
  private JsonNode getUpdates(ObjectNode p) throws ApiError {
    long offset = p.path("offset").asLong(0);
    int limit = p.hasNonNull("limit") ? Math.max(1, Math.min(100, p.path("limit").asInt())) : 100;
    long timeoutMillis = Math.max(0, p.path("timeout").asLong(0)) * 1000;
    long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
    synchronized (lock) {
      if (webhook.isSet()) {
        throw new ApiError(
            409,
            "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to"
                + " delete the webhook first",
            null,
            "getupdates while a webhook is set");
      }
      long generation = ++pollGeneration;
      lock.notifyAll(); // an older poll still waiting gets 409, like Telegram
      allowedUpdates(p.get("allowed_updates"));
      if (offset > 0) {
        updates.removeIf(u -> u.path("update_id").asLong() < offset);
        confirmedOffset = Math.max(confirmedOffset, offset);
      } else if (offset < 0) {
        while (updates.size() > -offset) {
          updates.removeFirst();
        }
      }
      while (true) {
        ArrayNode batch = JSON.createArrayNode();
        for (Iterator<ObjectNode> it = updates.iterator(); it.hasNext() && batch.size() < limit; ) {
          ObjectNode update = it.next();
          if (isAllowed(update)) {
            batch.add(update.deepCopy());
          } else {
            it.remove(); // Telegram never creates updates of types the bot did not ask for
          }
        }
        long remaining = (deadline - System.nanoTime()) / 1_000_000;
        if (!batch.isEmpty() || closed || remaining <= 0) {
          return batch;
        }
        try {
          lock.wait(remaining);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return batch;
        }
        if (pollGeneration != generation) {
          conflicts++;
          long now = System.nanoTime();
          if (lastConflictNanos != 0 && now - lastConflictNanos < CONFLICT_WINDOW_NANOS) {
            violations.add(
                "getupdates: 409 Conflict again within 5 s: two bot instances are polling at once");
          }
          lastConflictNanos = now;
          throw new ApiError(
              409,
              "Conflict: terminated by other getUpdates request; make sure that only one bot"
                  + " instance is running",
              null,
              null);
        }
      }
    }
  }

  /** Sets the update types asked for; a missing list keeps the previous one, as on Telegram. */
  private void allowedUpdates(JsonNode allowed) {
    if (allowed != null && allowed.isArray()) {
      Set<String> types = new HashSet<>();
      allowed.forEach(t -> types.add(t.asText()));
      allowedUpdates = types.isEmpty() ? null : types;
    }
  }

  private boolean isAllowed(ObjectNode update) {
    for (Iterator<String> names = update.fieldNames(); names.hasNext(); ) {
      String type = names.next();
      if (!type.equals("update_id")) {
        return allowedUpdates == null
            ? !OPT_IN_UPDATES.contains(type)
            : allowedUpdates.contains(type);
      }
    }
    return true;
  }
}
