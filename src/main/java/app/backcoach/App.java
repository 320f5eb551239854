package app.backcoach;

import app.backcoach.chat.ChatService;
import app.backcoach.console.ConsoleChat;
import app.backcoach.content.ContentBundle;
import app.backcoach.content.ContentException;
import app.backcoach.content.ContentLoader;
import app.backcoach.content.ContentSource;
import app.backcoach.content.Problem;
import app.backcoach.conversation.Engine;
import app.backcoach.storage.Database;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/** The composition root: builds every part with {@code new} and runs a mode. */
final class App {
  private App() {}

  static ContentBundle content(Path dir) {
    if (dir != null && !Files.isDirectory(dir)) {
      throw new ContentException(
          dir.toString(), java.util.List.of(new Problem(dir.toString(), "-", "-", "not a folder")));
    }
    return ContentLoader.load(
        dir == null ? ContentSource.packaged() : ContentSource.directory(dir));
  }

  static int chat(Config config, InputStream in, PrintStream out) {
    Clock clock = Clock.systemUTC();
    ContentBundle content = content(config.contentDir());
    try (Database db = Database.open(config.database(), clock)) {
      ChatService chat = new ChatService(db, new Engine(content), content, clock);
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      return new ConsoleChat(chat, db, clock, reader, out, ConsoleChat.CONSOLE_CHAT_ID).run();
    } catch (IOException e) {
      throw new UncheckedIOException("reading the console failed", e);
    }
  }

  static int bot(Config config, PrintStream err) {
    content(config.contentDir());
    err.println(
        "backcoach: Telegram mode is not part of this build yet; run 'chat' for the console.");
    return Main.USAGE;
  }

  static int checkContent(Path dir, PrintStream out, PrintStream err) {
    String where = dir == null ? "the packaged bundle" : dir.toString();
    try {
      ContentBundle b = content(dir);
      out.printf(
          "%s is valid: %d mistakes, %d exercises, %d routines, %d guidance facts, %d questions.%n",
          where,
          b.mistakes().size(),
          b.exercises().size(),
          b.routines().size(),
          b.guidance().size(),
          b.onboarding().questions().size());
      return Main.OK;
    } catch (ContentException e) {
      for (Problem p : e.problems()) {
        out.println(p);
      }
      err.println(e.problems().size() + " problem(s) in " + where);
      return Main.FAILED;
    }
  }
}
