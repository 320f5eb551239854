package app.backcoach.telegram;

import app.backcoach.chat.ChatService;
import app.backcoach.chat.UpdateInbox;
import app.backcoach.chat.UpdateProcessor;
import app.backcoach.content.ContentBundle;
import app.backcoach.content.Msg;
import app.backcoach.delivery.LateMessages;
import app.backcoach.delivery.Outbox;
import app.backcoach.delivery.OutboxSender;
import app.backcoach.reply.Activity;
import app.backcoach.storage.Database;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;
import org.telegram.telegrambots.longpolling.BotSession;
import org.telegram.telegrambots.longpolling.TelegramBotsLongPollingApplication;
import org.telegram.telegrambots.longpolling.interfaces.BackOff;
import org.telegram.telegrambots.meta.TelegramUrl;
import org.telegram.telegrambots.meta.api.methods.GetMe;
import org.telegram.telegrambots.meta.api.methods.commands.SetMyCommands;
import org.telegram.telegrambots.meta.api.methods.description.SetMyDescription;
import org.telegram.telegrambots.meta.api.methods.description.SetMyShortDescription;
import org.telegram.telegrambots.meta.api.methods.send.SendChatAction;
import org.telegram.telegrambots.meta.api.methods.updates.GetUpdates;
import org.telegram.telegrambots.meta.api.objects.commands.BotCommand;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;

/**
 * The bot on Telegram: updates taken in by long polling (stored before they are confirmed, with a
 * watchdog that restarts polling if it silently stops) or by a webhook (stored before they are
 * answered), a processor that applies them, and a sender that delivers the outbox.
 */
public final class TelegramBot implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(TelegramBot.class);
  private final TelegramSettings settings;
  private final ContentBundle content;
  private final Clock clock;
  private final BotHealth health;
  private final PollWatch pollWatch;
  private final Database db;
  private final OkHttpClient pollHttp;
  private final OkHttpClient sendHttp;
  private final OkHttpTelegramClient client;
  private final TelegramUrl url;
  private final OutboxSender sender;
  private final UpdateProcessor processor;
  private final PollingConsumer consumer;
  private final ScheduledExecutorService chores;
  private final WebhookServer webhook;
  private final WebhookRegistration registration;
  private final List<ScheduledExecutorService> pollers = new ArrayList<>();
  private TelegramBotsLongPollingApplication app;
  private volatile boolean commandsPublished;
  private volatile boolean descriptionPublished;
  private volatile boolean shortDescriptionPublished;
  private int profileFailures;

  /** The update types the bot asks for, polling or by webhook. */
  static final List<String> ALLOWED_UPDATES = List.of("message", "callback_query", "channel_post");

  /** How often a refused profile is tried again (tests shorten it). */
  static volatile Duration profileRetry = Duration.ofSeconds(30);

  /**
   * Chat actions go out on a thread of their own, at most a few waiting: a hint that is late or
   * dropped costs nothing, and the processor never waits for one.
   */
  private final java.util.concurrent.ThreadPoolExecutor actions =
      new java.util.concurrent.ThreadPoolExecutor(
          1,
          1,
          0,
          TimeUnit.MILLISECONDS,
          new java.util.concurrent.ArrayBlockingQueue<>(64),
          daemon("bot-chat-actions"),
          new java.util.concurrent.ThreadPoolExecutor.DiscardPolicy());

  public TelegramBot(
      TelegramSettings settings,
      Database db,
      ChatService chat,
      ContentBundle content,
      Clock clock) {
    this(settings, db, chat, content, clock, LateMessages.NONE);
  }

  /**
   * @param late what happens to a reminder's message that could not go out in time
   */
  public TelegramBot(
      TelegramSettings settings,
      Database db,
      ChatService chat,
      ContentBundle content,
      Clock clock,
      LateMessages late) {
    this.settings = settings;
    this.content = content;
    this.clock = clock;
    this.health = new BotHealth(clock);
    this.pollWatch = new PollWatch(health, clock);
    this.db = db;
    this.url = telegramUrl(settings);
    long pollSeconds = settings.pollTimeout().toSeconds();
    this.pollHttp =
        new OkHttpClient.Builder()
            .connectTimeout(Duration.ofSeconds(10))
            .readTimeout(Duration.ofSeconds(pollSeconds + 15))
            .addInterceptor(pollWatch)
            .build();
    // Sends run on the sender's own worker threads: the client's execute() enqueues the call and
    // waits for it, and OkHttp's default dispatcher would run it on yet another thread, a hand-off
    // and a wake-up per message (measured in docs/BENCHMARKS.md, section 1). The workers bound how
    // many calls run at once, so OkHttp's own limits (5 per host) are lifted.
    okhttp3.Dispatcher inline = new okhttp3.Dispatcher(new CallerRuns());
    inline.setMaxRequests(256);
    inline.setMaxRequestsPerHost(256);
    this.sendHttp =
        new OkHttpClient.Builder()
            .dispatcher(inline)
            .connectTimeout(Duration.ofSeconds(10))
            .readTimeout(settings.requestTimeout())
            .build();
    this.client = new OkHttpTelegramClient(sendHttp, settings.token(), url);
    this.sender =
        new OutboxSender(db, new TelegramTransport(client), clock, settings.limits(), late);
    this.processor = new UpdateProcessor(db, chat, content, clock, sender::wake);
    chat.showActivityWith(this::showActivity);
    UpdateIntake intake = new UpdateIntake(db, clock, health);
    this.consumer = new PollingConsumer(intake, processor::wake);
    this.chores = Executors.newSingleThreadScheduledExecutor(daemon("bot-chores"));
    WebhookSettings hook = settings.webhook();
    if (hook == null) {
      this.webhook = null;
      this.registration = null;
    } else {
      try {
        this.webhook = new WebhookServer(hook, intake, processor::wake);
      } catch (IllegalStateException e) {
        chores.shutdownNow();
        actions.shutdownNow();
        throw e;
      }
      this.registration =
          new WebhookRegistration(hook, ALLOWED_UPDATES, client, chores, health, clock);
    }
  }

  static TelegramUrl telegramUrl(TelegramSettings s) {
    var uri = s.apiUrl();
    int port = uri.getPort() > 0 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
    return new TelegramUrl(uri.getScheme(), uri.getHost(), port, false);
  }

  public BotHealth health() {
    return health;
  }

  /** The port the webhook endpoint listens on (tests bind port 0). */
  int webhookPort() {
    return webhook.port();
  }

  /** Updates applied since start, for metrics. */
  public java.util.concurrent.atomic.AtomicLong appliedCounter() {
    return processor.appliedCounter();
  }

  public OutboxSender sender() {
    return sender;
  }

  /** The update processor, for its counters. */
  public UpdateProcessor processor() {
    return processor;
  }

  /**
   * Completed, with one line saying why, when the bot cannot go on (another process polls the same
   * token).
   */
  public java.util.concurrent.CompletableFuture<String> fatal() {
    return pollWatch.fatal();
  }

  /**
   * How long an update may wait to be applied, or a reply that is due to go out, before {@code
   * /healthz} says the bot has stalled. Scheduled messages are paced by Telegram's limits (a large
   * fan-out takes many minutes) and are not counted.
   */
  public static final Duration STALL_LIMIT = Duration.ofSeconds(120);

  /**
   * What {@code /healthz} checks for this bot. In webhook mode no poll is made: that the webhook is
   * set is checked instead, and Telegram's failing deliveries are a warning.
   */
  public app.backcoach.ops.Probes probes() {
    return new app.backcoach.ops.Probes(
        webhook == null ? health::sinceLastPoll : null,
        settings.pollTimeout().plusSeconds(30),
        db::writeProblem,
        this::threadProblem,
        () -> age(db.read(tx -> new UpdateInbox().oldestPending(tx))),
        () -> age(db.read(tx -> new Outbox().oldestDueReply(tx, clock.millis()))),
        STALL_LIMIT,
        () ->
            db.read(
                tx ->
                    new app.backcoach.storage.Quarantine()
                        .countSince(tx, clock.instant().minus(Duration.ofHours(1)))),
        webhook == null ? null : health::webhookProblem,
        webhook == null ? null : health::deliveryProblem);
  }

  private Duration age(Instant since) {
    return since == null ? null : Duration.between(since, clock.instant());
  }

  /** Which of the bot's own threads has died, or null when all run. */
  public String threadProblem() {
    if (!processor.alive()) {
      return "the update processor thread has stopped";
    }
    if (!sender.alive()) {
      return "the sender thread has stopped";
    }
    return null;
  }

  /**
   * Starts sending, applying and polling (or listening and setting the webhook); publishes the
   * command menu in the background.
   *
   * @throws IllegalStateException when the poller cannot be registered
   */
  public TelegramBot start() {
    sender.start();
    processor.start();
    if (webhook != null) {
      webhook.start();
      registration.start();
      chores.scheduleWithFixedDelay(
          this::publishProfile, 0, profileRetry.toMillis(), TimeUnit.MILLISECONDS);
      log.info(
          "bot: receiving updates at {} with token {}",
          settings.webhook().url(),
          TelegramSettings.masked(settings.token()));
      return this;
    }
    try {
      startPolling();
    } catch (TelegramApiException e) {
      throw new IllegalStateException(
          "could not start polling " + settings.apiUrl() + ": " + e.getMessage(), e);
    }
    chores.scheduleWithFixedDelay(
        this::publishProfile, 0, profileRetry.toMillis(), TimeUnit.MILLISECONDS);
    chores.scheduleWithFixedDelay(this::watchdog, 5, 5, TimeUnit.SECONDS);
    log.info(
        "bot: polling {} with token {}",
        settings.apiUrl(),
        TelegramSettings.masked(settings.token()));
    return this;
  }

  private synchronized void startPolling() throws TelegramApiException {
    ScheduledExecutorService poller =
        Executors.newSingleThreadScheduledExecutor(daemon("bot-poller"));
    pollers.add(poller);
    app =
        new TelegramBotsLongPollingApplication(
            com.fasterxml.jackson.databind.ObjectMapper::new,
            () -> pollHttp,
            () -> poller,
            PollBackOff::new);
    int timeout = (int) settings.pollTimeout().toSeconds();
    BotSession session =
        app.registerBot(
            settings.token(),
            () -> url,
            last ->
                GetUpdates.builder()
                    .offset(last + 1)
                    .limit(100)
                    .timeout(timeout)
                    .allowedUpdates(ALLOWED_UPDATES)
                    .build(),
            consumer);
    if (!session.isRunning()) {
      app.start();
    }
    health.polled(); // a fresh session counts as alive until its first poll times out
  }

  /**
   * Polling that has not completed a request for a full poll timeout plus a margin has died:
   * restart it.
   */
  private void watchdog() {
    try {
      Duration limit = settings.pollTimeout().plusSeconds(30);
      if (health.sinceLastPoll().compareTo(limit) > 0) {
        log.warn(
            "bot: no successful poll for {} s; restarting polling",
            health.sinceLastPoll().toSeconds());
        restartPolling();
      }
    } catch (Throwable t) {
      log.error("bot: watchdog failed: {}", t.toString());
    }
  }

  /**
   * Replaces the polling session with a new one; failures are logged and left to the next watchdog
   * round.
   */
  synchronized void restartPolling() {
    stopPolling();
    try {
      startPolling();
    } catch (TelegramApiException e) {
      log.error("bot: restarting polling failed: {}", e.getMessage());
    }
  }

  private synchronized void stopPolling() {
    if (app != null) {
      try {
        app.unregisterBot(settings.token());
        app.close();
      } catch (Exception e) {
        log.warn("bot: stopping the poller: {}", e.toString());
      }
      app = null;
    }
    for (ScheduledExecutorService p : pollers) {
      p.shutdownNow();
    }
    pollers.clear();
  }

  /**
   * Sets the command menu, the description ("What can this bot do?") and the short description from
   * the content bundle; each one that Telegram refuses is tried again every 30 s, logged once at
   * WARN and then quietly.
   */
  private void publishProfile() {
    if (commandsPublished && descriptionPublished && shortDescriptionPublished) {
      return;
    }
    try {
      if (!commandsPublished) {
        var me = client.execute(new GetMe());
        client.execute(SetMyCommands.builder().commands(commands()).build());
        commandsPublished = true;
        log.info("bot: serving as @{}", me.getUserName());
      }
      if (!descriptionPublished) {
        client.execute(
            SetMyDescription.builder()
                .description(content.text(Msg.BOT_DESCRIPTION).strip())
                .build());
        descriptionPublished = true;
      }
      if (!shortDescriptionPublished) {
        client.execute(
            SetMyShortDescription.builder()
                .shortDescription(content.text(Msg.BOT_SHORT_DESCRIPTION).strip())
                .build());
        shortDescriptionPublished = true;
      }
    } catch (TelegramApiException | RuntimeException e) {
      if (profileFailures++ == 0) {
        log.warn("bot: publishing the bot's profile failed ({}); will retry", e.getMessage());
      } else {
        log.debug("bot: publishing the bot's profile failed again: {}", e.getMessage());
      }
    }
  }

  /** Shows "typing…" or "sending photo…" in the chat, on the actions thread. */
  private void showActivity(long chatId, Activity.Kind kind) {
    actions.execute(
        () -> {
          try {
            client.execute(SendChatAction.builder().chatId(chatId).action(kind.action()).build());
          } catch (TelegramApiException | RuntimeException e) {
            log.debug("bot: chat action {} not shown: {}", kind.action(), e.getMessage());
          }
        });
  }

  /** The command menu from the bundle: one "command - description" per line. */
  List<BotCommand> commands() {
    List<BotCommand> out = new ArrayList<>();
    for (String line : content.text(Msg.COMMAND_MENU).split("\n")) {
      int dash = line.indexOf(" - ");
      if (dash > 0) {
        out.add(new BotCommand(line.substring(0, dash).strip(), line.substring(dash + 3).strip()));
      }
    }
    return out;
  }

  /**
   * Stops polling, lets the sender drain for a few seconds, and stops every thread the bot started.
   */
  @Override
  public void close() {
    chores.shutdownNow();
    actions.shutdownNow();
    if (webhook != null) {
      // The webhook stays set: Telegram keeps what arrives meanwhile for the next start.
      webhook.close();
    }
    consumer.shutdown();
    stopPolling();
    processor.close();
    sender.drain(Duration.ofSeconds(5));
    sender.close();
    for (OkHttpClient http : List.of(pollHttp, sendHttp)) {
      http.dispatcher().executorService().shutdownNow();
      http.connectionPool().evictAll();
    }
    log.info("bot: stopped");
  }

  /** Runs each task on the thread that submits it; rejects tasks once shut down. */
  static final class CallerRuns extends java.util.concurrent.AbstractExecutorService {
    private volatile boolean shutdown;

    @Override
    public void execute(Runnable task) {
      if (shutdown) {
        throw new java.util.concurrent.RejectedExecutionException("closed");
      }
      task.run();
    }

    @Override
    public void shutdown() {
      shutdown = true;
    }

    @Override
    public List<Runnable> shutdownNow() {
      shutdown = true;
      return List.of();
    }

    @Override
    public boolean isShutdown() {
      return shutdown;
    }

    @Override
    public boolean isTerminated() {
      return shutdown;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
      return shutdown;
    }
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }

  /** Back-off between failed polls: 0.5 s growing by half up to 30 s. */
  static final class PollBackOff implements BackOff {
    private long next = 500;

    @Override
    public void reset() {
      next = 500;
    }

    @Override
    public long nextBackOffMillis() {
      long current = next;
      next = Math.min(30_000, (long) (next * 1.5));
      return current;
    }
  }
}
