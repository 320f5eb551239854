package app.backcoach.chat;

import app.backcoach.content.ContentBundle;
import app.backcoach.content.Msg;
import app.backcoach.conversation.Effect;
import app.backcoach.conversation.Engine;
import app.backcoach.conversation.Event;
import app.backcoach.conversation.Outcome;
import app.backcoach.conversation.Stage;
import app.backcoach.conversation.UserState;
import app.backcoach.delivery.Outbox;
import app.backcoach.privacy.UserData;
import app.backcoach.progress.ProgressService;
import app.backcoach.reminders.ReminderTaps;
import app.backcoach.reminders.Schedule;
import app.backcoach.reply.Ack;
import app.backcoach.reply.Activity;
import app.backcoach.reply.Button;
import app.backcoach.reply.Callback;
import app.backcoach.reply.Delivery;
import app.backcoach.reply.Reply;
import app.backcoach.storage.Database;
import app.backcoach.storage.Tx;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Runs one event through the engine in one transaction: load the user, decide, store the new state
 * and every delivery together (plus whatever the caller must record in the same transaction, such
 * as "this update is applied"). A crash leaves either all of it or none of it.
 */
public final class ChatService {
  private final Database db;
  private final Engine engine;
  private final ContentBundle content;
  private final Clock clock;
  private final UserRepository users = new UserRepository();
  private final Outbox outbox = new Outbox();
  private final ReminderTaps reminderTaps;
  private final ProgressService progress;
  private final Set<Long> admins;
  private volatile Activity activity = Activity.NONE;

  public ChatService(Database db, Engine engine, ContentBundle content, Clock clock) {
    this(db, engine, content, clock, Set.of());
  }

  /**
   * @param admins Telegram user ids allowed to use /stats
   */
  public ChatService(
      Database db, Engine engine, ContentBundle content, Clock clock, Set<Long> admins) {
    this.admins = Set.copyOf(admins);
    this.db = db;
    this.engine = engine;
    this.content = content;
    this.clock = clock;
    this.reminderTaps = new ReminderTaps(content);
    this.progress = new ProgressService(content);
  }

  /** Where "typing…" and "sending photo…" are shown while a reply takes work (the adapter). */
  public void showActivityWith(Activity activity) {
    this.activity = activity == null ? Activity.NONE : activity;
  }

  /** Applies an event from the console (no platform origin). */
  public Outcome handle(long chatId, Event event) {
    return handle(chatId, event, Origin.NONE, tx -> {});
  }

  /** Applies the event and queues its deliveries; {@code alsoInTx} runs in the same transaction. */
  public Outcome handle(long chatId, Event event, Origin origin, Consumer<Tx> alsoInTx) {
    return db.write(
        tx -> {
          Outcome outcome = apply(tx, chatId, event, origin);
          alsoInTx.accept(tx);
          return outcome;
        });
  }

  /**
   * Applies the event and queues its deliveries inside the caller's write transaction, which may
   * hold other events too (applied in order, each seeing the ones before).
   */
  public Outcome apply(Tx tx, long chatId, Event event, Origin origin) {
    Instant now = clock.instant();
    UserState before = users.load(tx, chatId, now);
    if (event instanceof Event.Text && before.stage() == Stage.READY && before.pending() == null) {
      activity.show(chatId, Activity.Kind.TYPING); // a question: search, and maybe the model
    }
    Outcome outcome = engine.handle(before, event, now);
    if (outcome.effect() != null) {
      // The engine decided; the stored history is read or changed here, and the conversation
      // state stays as it was.
      Done done = carryOut(tx, chatId, before, outcome.effect(), origin, now);
      outbox.enqueue(tx, chatId, done.deliveries(), Outbox.INTERACTIVE, now);
      return done.outcome();
    }
    users.save(tx, before, outcome.state(), now);
    outbox.enqueue(tx, chatId, deliveries(outcome, origin), Outbox.INTERACTIVE, now);
    return outcome;
  }

  /** What carrying out an effect decided, and its deliveries. */
  private record Done(Outcome outcome, List<Delivery> deliveries) {}

  /** Does the work of an effect the engine asked for; the state stays as it was. */
  private Done carryOut(
      Tx tx, long chatId, UserState before, Effect effect, Origin origin, Instant now) {
    if (effect instanceof Effect.ShowProgress) {
      activity.show(chatId, Activity.Kind.UPLOAD_PHOTO);
      return done(before, effect, progress.progress(tx, chatId, Schedule.zone(before.zone()), now));
    }
    if (effect instanceof Effect.Export) {
      activity.show(chatId, Activity.Kind.UPLOAD_DOCUMENT);
      return done(
          before,
          effect,
          List.of(
              Delivery.document(
                  UserData.export(tx, chatId, now), content.text(Msg.EXPORT_CAPTION))));
    }
    if (effect instanceof Effect.Stats) {
      String text =
          admins.contains(chatId)
              ? Stats.text(tx, content, now)
              : content.text(Msg.UNKNOWN_COMMAND, "command", "stats");
      return done(before, effect, List.of(Delivery.send(Reply.text(text))));
    }
    if (effect instanceof Effect.ReminderTap t) {
      // Bookkeeping on the reminder log only: the conversation state is not touched.
      ReminderTaps.Result r = reminderTaps.tap(tx, chatId, t.logId(), t.action(), now);
      Outcome tapped = new Outcome(before, r.replies(), r.ack(), effect);
      return new Done(tapped, deliveries(tapped, origin));
    }
    if (effect instanceof Effect.Erase) {
      UserData.erase(tx, chatId);
      List<Delivery> out = new ArrayList<>();
      if (origin.callbackId() != null) {
        out.add(Delivery.notice(origin.callbackId(), null).forgotten());
      }
      if (origin.messageId() != null && origin.messageText() != null) {
        out.add(
            Delivery.mark(
                    origin.messageId(),
                    origin.messageText(),
                    content.text(Msg.CHOSEN, "answer", content.text(Msg.BTN_DELETE_YES)))
                .forgotten());
      }
      out.add(Delivery.send(Reply.text(content.text(Msg.DELETED))).forgotten());
      return done(before, effect, out);
    }
    throw new IllegalStateException("no handler for effect " + effect);
  }

  private static Done done(UserState before, Effect effect, List<Delivery> deliveries) {
    return new Done(new Outcome(before, List.of(), null, effect), deliveries);
  }

  /**
   * The acknowledgement of a tap first, then edits of the tapped message, then new messages. A
   * reply that offers location sharing is followed by a separate prompt, since a message has either
   * inline buttons or a reply keyboard.
   */
  List<Delivery> deliveries(Outcome outcome, Origin origin) {
    List<Delivery> out = new ArrayList<>();
    Ack ack = outcome.ack();
    if (origin.callbackId() != null || ack.notice() != null) {
      out.add(Delivery.notice(origin.callbackId(), ack.notice()));
    }
    if (ack.chosen() != null && origin.messageId() != null && origin.messageText() != null) {
      out.add(
          Delivery.mark(
              origin.messageId(),
              origin.messageText(),
              content.text(Msg.CHOSEN, "answer", ack.chosen())));
    }
    if (ack.replace() != null) {
      out.add(
          origin.messageId() != null
              ? Delivery.edit(origin.messageId(), ack.replace())
              : Delivery.send(ack.replace()));
    }
    for (Reply r : joined(outcome.replies())) {
      if (r.requestLocation()) {
        out.add(Delivery.send(new Reply(r.text(), r.buttons(), false)));
        Button share = Button.of(content.text(Msg.BTN_SEND_LOCATION), new Callback.ShareLocation());
        out.add(
            Delivery.send(
                new Reply(content.text(Msg.BTN_LOCATION_PROMPT), List.of(List.of(share)), true)));
      } else {
        out.add(Delivery.send(r));
      }
    }
    return out;
  }

  /**
   * The replies as messages: a reply without buttons goes in the same message as the reply after
   * it, while the whole still fits in one Telegram message. A turn then reads as one message with
   * its buttons at the end ("Got it" and the next question; welcome, note and consent), and the
   * user's phone buzzes once per turn, not three times.
   */
  static List<Reply> joined(List<Reply> replies) {
    List<Reply> out = new ArrayList<>(replies.size());
    Reply lead = null;
    for (Reply r : replies) {
      if (lead != null) {
        // Shown with a blank line (two characters) where the part break is.
        int shown = lead.shownText().length() + 2 + r.shownText().length();
        if (shown <= Outbox.MAX_TEXT) {
          r = lead.then(r);
        } else {
          out.add(lead);
        }
        lead = null;
      }
      if (r.buttons().isEmpty() && !r.requestLocation() && !r.removeKeyboard()) {
        lead = r;
      } else {
        out.add(r);
      }
    }
    if (lead != null) {
      out.add(lead);
    }
    return out;
  }

  /** The stored state of a chat (a fresh one if unknown). */
  public UserState state(long chatId) {
    return db.read(tx -> users.load(tx, chatId));
  }
}
