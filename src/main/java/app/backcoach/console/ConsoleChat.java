package app.backcoach.console;

import app.backcoach.chat.ChatService;
import app.backcoach.conversation.Event;
import app.backcoach.conversation.Inputs;
import app.backcoach.conversation.Words;
import app.backcoach.delivery.Outbox;
import app.backcoach.reply.Button;
import app.backcoach.reply.Delivery;
import app.backcoach.reply.Reply;
import app.backcoach.storage.Database;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A chat in the terminal: bot messages print as text with numbered buttons; the user answers with a
 * number, a button's text or free text. Works with piped input. {@code /quit} or end of input ends
 * it.
 */
public final class ConsoleChat {
  /** The chat id the console user has in the database. */
  public static final long CONSOLE_CHAT_ID = 1L;

  private final ChatService chat;
  private final Database db;
  private final Clock clock;
  private final BufferedReader in;
  private final PrintStream out;
  private final long chatId;
  private final Outbox outbox = new Outbox();
  private List<Button> buttons = List.of();
  private final Path chartDir;
  private final String chartSaved;

  public ConsoleChat(
      ChatService chat,
      Database db,
      Clock clock,
      BufferedReader in,
      PrintStream out,
      long chatId,
      String chartSaved) {
    this.chat = chat;
    this.db = db;
    this.clock = clock;
    this.in = in;
    this.out = out;
    this.chatId = chatId;
    this.chartSaved = chartSaved;
    this.chartDir = db.file().getParent();
  }

  /**
   * Runs until /quit or end of input; returns the exit code. Reminders that fall due meanwhile
   * print as they come.
   */
  public int run() throws IOException {
    chat.handle(chatId, new Event.Open());
    deliver();
    ScheduledExecutorService ticker =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "console-reminders");
              t.setDaemon(true);
              return t;
            });
    ticker.scheduleWithFixedDelay(this::deliverQuietly, 1, 1, TimeUnit.SECONDS);
    try {
      return loop();
    } finally {
      ticker.shutdownNow();
    }
  }

  private void deliverQuietly() {
    try {
      deliver();
    } catch (RuntimeException e) {
      out.println("(could not show a reminder: " + e.getMessage() + ")");
    }
  }

  private int loop() throws IOException {
    String line;
    while ((line = prompt()) != null) {
      String trimmed = line.strip();
      if (trimmed.isEmpty()) {
        continue;
      }
      String lower = trimmed.toLowerCase(Locale.ROOT);
      if (lower.equals("/quit") || lower.equals("/exit")) {
        break;
      }
      chat.handle(chatId, toEvent(trimmed));
      deliver();
    }
    out.println("Bye! Your progress is saved.");
    out.flush();
    return 0;
  }

  private String prompt() throws IOException {
    if (System.console() != null) {
      out.print("> ");
      out.flush();
    }
    return in.readLine();
  }

  /**
   * A button's exact text, then a button number, then a command or plain text. Typing the text of a
   * tick box is sent as text, so it answers the question at once instead of only ticking the box.
   */
  Event toEvent(String line) {
    String normal = label(line);
    for (Button b : buttons) {
      if (label(b.label()).equals(normal)
          && !(b.callback() instanceof app.backcoach.reply.Callback.Tick)) {
        return new Event.Tap(b.data());
      }
    }
    // Where the options are numbers or ranges ("0", "1-2", "Under 5 h"), a typed number is a value,
    // not a button index: "4" training days is 4, not the fourth button.
    boolean numeric =
        buttons.stream()
            .anyMatch(
                b ->
                    b.callback() instanceof app.backcoach.reply.Callback.Answer
                        && b.label().matches(".*\\d.*"));
    if (line.matches("\\d{1,3}") && !numeric) {
      int n = Integer.parseInt(line);
      if (n >= 1 && n <= buttons.size()) {
        return new Event.Tap(buttons.get(n - 1).data());
      }
    }
    return Inputs.parse(line);
  }

  private static String label(String s) {
    String words = Words.normal(s);
    return words.isEmpty() ? s.strip() : words;
  }

  /** Prints everything the outbox holds for the console user and marks it sent. */
  private synchronized void deliver() {
    List<Button> shown = new ArrayList<>();
    db.write(
        tx -> {
          for (Outbox.Item item : outbox.pendingFor(tx, chatId)) {
            Delivery d = item.delivery();
            switch (d.kind()) {
              case NOTICE -> {
                if (d.text() != null) {
                  out.println("(" + d.text() + ")");
                }
              }
              case SEND, EDIT -> {
                if (!d.reply().requestLocation()) { // a terminal cannot share a location
                  print(d.reply(), shown);
                }
              }
              case MARK -> {}
              case DOCUMENT -> {
                Path file = chartDir.resolve("export-" + chatId + ".json");
                try {
                  Files.write(file, d.image());
                  out.println();
                  out.println(d.reply().text());
                  out.println(file.toAbsolutePath());
                } catch (IOException e) {
                  out.println(
                      "(could not write the export to " + file + ": " + e.getMessage() + ")");
                }
              }
              case PHOTO -> {
                Path file = chartDir.resolve("progress-" + chatId + ".png");
                try {
                  Files.createDirectories(chartDir);
                  Files.write(file, d.image());
                  out.println();
                  out.println(d.reply().text());
                  out.println(chartSaved.replace("{path}", file.toAbsolutePath().toString()));
                } catch (IOException e) {
                  out.println(
                      "(could not write the chart to " + file + ": " + e.getMessage() + ")");
                }
              }
            }
            if (d.forget()) {
              outbox.forget(tx, item.id());
            } else {
              outbox.markSent(tx, item.id(), clock.instant());
            }
          }
          return null;
        });
    if (!shown.isEmpty()) {
      buttons = shown;
    }
    out.flush();
  }

  private void print(Reply reply, List<Button> shown) {
    out.println();
    out.println(reply.shownText());
    for (Button b : reply.flatButtons()) {
      shown.add(b);
      out.println("  [" + shown.size() + "] " + b.label());
    }
  }
}
