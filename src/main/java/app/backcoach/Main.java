package app.backcoach;

import app.backcoach.content.ContentException;
import app.backcoach.storage.DatabaseException;
import app.backcoach.storage.ProcessLock;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The command line: parses arguments, picks the mode and turns failures into exit codes. */
public final class Main {
  static final int OK = 0;
  static final int FAILED = 1;
  static final int USAGE = 2;

  /** Another process is using the database. */
  static final int LOCKED = 3;

  /** The health and metrics port, or the webhook's, is in use. */
  static final int PORT_IN_USE = 4;

  /** Another process keeps polling this bot token (Telegram answers 409 Conflict). */
  static final int CONFLICT = 5;

  /** The database file is damaged or not a database. */
  static final int CORRUPT = 6;

  static final String USAGE_TEXT =
      """
      Usage: java -jar backcoach.jar [options] [command]

      Commands:
        chat                 chat with the coach in this terminal (default without TELEGRAM_BOT_TOKEN)
        bot                  run the Telegram bot (default when TELEGRAM_BOT_TOKEN is set)
        content check [DIR]  validate a content bundle (default: the one that would be used)
        ask "QUESTION"       show the best answers and their scores, for tuning the bundle
        backup FILE          write a consistent copy of the live database to FILE (the bot may keep running)
        copy-to-postgres     copy the SQLite file (BACKCOACH_DB) into the empty PostgreSQL database of
                             BACKCOACH_DATABASE_URL (stop the bot first; docs/DEPLOY.md)
        quarantine list      list the items set aside after failing (docs/RELIABILITY.md)
        quarantine show ID   one item with its reason and stack trace
        quarantine replay ID hand an item back to be handled again, after a fix (stop the bot first)

      Options:
        --content DIR        load the content bundle from DIR instead of the packaged one
                             (env BACKCOACH_CONTENT_DIR)
        --db FILE            the SQLite database file (env BACKCOACH_DB, default data/backcoach.db)
        -h, --help           show this help
        --version            show the version and the git commit it was built from

      Environment: TELEGRAM_BOT_TOKEN, TELEGRAM_API_URL, BACKCOACH_DB, BACKCOACH_CONTENT_DIR,
      BACKCOACH_RATE_PER_SECOND, BACKCOACH_RATE_PER_CHAT, BACKCOACH_POLL_TIMEOUT, BACKCOACH_HTTP_PORT,
      BACKCOACH_HTTP_HOST, BACKCOACH_ADMIN_IDS, BACKCOACH_MEANING, BACKCOACH_WEBHOOK_URL,
      BACKCOACH_WEBHOOK_SECRET, BACKCOACH_WEBHOOK_PORT, BACKCOACH_WEBHOOK_HOST, LOG_LEVEL
      (see deploy/backcoach.env.example).
      """;

  private Main() {}

  public static void main(String[] args) {
    int code = run(args, System.getenv(), System.in, System.out, System.err);
    System.exit(code);
  }

  static int run(
      String[] args, Map<String, String> env, InputStream in, PrintStream out, PrintStream err) {
    String db = null;
    String content = null;
    List<String> rest = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "-h", "--help", "help" -> {
          out.print(USAGE_TEXT);
          return OK;
        }
        case "--version", "version" -> {
          out.println(app.backcoach.ops.BuildInfo.current());
          return OK;
        }
        case "--db", "--content" -> {
          if (i + 1 >= args.length) {
            return usage(err, a + " needs a value");
          }
          if (a.equals("--db")) {
            db = args[++i];
          } else {
            content = args[++i];
          }
        }
        default -> {
          if (a.startsWith("-")) {
            return usage(err, "unknown option " + a);
          }
          rest.add(a);
        }
      }
    }
    try {
      Config config = Config.from(env, db, content);
      String command = rest.isEmpty() ? (config.botToken() != null ? "bot" : "chat") : rest.get(0);
      switch (command) {
        case "chat" -> {
          if (rest.size() > 1) {
            return usage(err, "chat takes no arguments");
          }
          return App.chat(config, in, out);
        }
        case "bot" -> {
          if (rest.size() > 1) {
            return usage(err, "bot takes no arguments");
          }
          return App.bot(config, err);
        }
        case "backup" -> {
          if (rest.size() != 2) {
            return usage(err, "expected: backup FILE");
          }
          return App.backup(config, java.nio.file.Path.of(rest.get(1)), out);
        }
        case "copy-to-postgres" -> {
          if (rest.size() != 1) {
            return usage(err, "copy-to-postgres takes no arguments");
          }
          return App.copyToPostgres(config, out);
        }
        case "quarantine" -> {
          if (rest.size() == 2 && rest.get(1).equals("list")) {
            return App.quarantine(config, "list", 0, out);
          }
          if (rest.size() == 3 && (rest.get(1).equals("show") || rest.get(1).equals("replay"))) {
            try {
              return App.quarantine(config, rest.get(1), Long.parseLong(rest.get(2)), out);
            } catch (NumberFormatException e) {
              return usage(err, "quarantine " + rest.get(1) + " needs an entry number");
            } catch (IllegalArgumentException e) {
              err.println("backcoach: " + e.getMessage());
              return FAILED;
            }
          }
          return usage(err, "expected: quarantine list | show ID | replay ID");
        }
        case "ask" -> {
          if (rest.size() < 2) {
            return usage(err, "expected: ask \"question\"");
          }
          return App.ask(config, String.join(" ", rest.subList(1, rest.size())), out);
        }
        case "content" -> {
          if (rest.size() < 2 || !rest.get(1).equals("check") || rest.size() > 3) {
            return usage(err, "expected: content check [DIR]");
          }
          return App.checkContent(
              rest.size() == 3 ? java.nio.file.Path.of(rest.get(2)) : config.contentDir(),
              out,
              err);
        }
        default -> {
          return usage(err, "unknown command '" + command + "'");
        }
      }
    } catch (Config.ConfigException e) {
      err.println("backcoach: configuration error: " + e.getMessage());
      return USAGE;
    } catch (ContentException e) {
      err.println("backcoach: refusing to start: " + e.getMessage());
      return FAILED;
    } catch (DatabaseException e) {
      if (e.corrupt()) {
        err.println(
            "backcoach: the database file is damaged: "
                + e.getMessage()
                + ". Restore the last backup (docs/DEPLOY.md).");
        return CORRUPT;
      }
      err.println("backcoach: database error: " + e.getMessage());
      return FAILED;
    } catch (ProcessLock.Held e) {
      err.println("backcoach: " + e.getMessage());
      return LOCKED;
    }
  }

  private static int usage(PrintStream err, String problem) {
    err.println("backcoach: " + problem);
    err.print(USAGE_TEXT);
    return USAGE;
  }
}
