package app.backcoach.conversation;

import app.backcoach.content.ContentBundle;
import app.backcoach.content.Msg;
import app.backcoach.reminders.Kind;
import app.backcoach.reminders.Reminder;
import app.backcoach.reminders.ReminderPlanner;
import app.backcoach.reminders.Schedule;
import app.backcoach.reply.Ack;
import app.backcoach.reply.Button;
import app.backcoach.reply.Callback;
import app.backcoach.reply.Reply;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reminder settings in the chat: the proposal after onboarding, /reminders, /pause, /resume, /desk,
 * /timezone.
 */
final class SettingsFlow {
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("EEE HH:mm", Locale.ENGLISH);
  private final ContentBundle content;
  private final ReminderSettings settings;
  private final QuestionFlow onboarding;

  SettingsFlow(ContentBundle content, QuestionFlow onboarding) {
    this.content = content;
    this.settings = new ReminderSettings(content);
    this.onboarding = onboarding;
  }

  static ZoneId zone(UserState s) {
    try {
      return s.zone() == null ? ZoneOffset.UTC : ZoneId.of(s.zone());
    } catch (java.time.DateTimeException e) {
      return ZoneOffset.UTC;
    }
  }

  List<Reminder> proposed(UserState s) {
    return ReminderPlanner.propose(onboarding.profile(s.answers()), s.chatId());
  }

  /** The reminders matched to the answers, offered with Accept / Not now. */
  Reply proposal(UserState s, Instant now) {
    return Reply.withButtons(
        content.text(Msg.REMINDERS_PROPOSAL, "list", settings.lines(proposed(s), zone(s), now)),
        List.of(
            List.of(
                Button.of(content.text(Msg.BTN_ACCEPT_REMINDERS), new Callback.Proposal(true)),
                Button.of(content.text(Msg.BTN_LATER), new Callback.Proposal(false)))));
  }

  Outcome proposalAnswer(UserState s, boolean accept, Instant now) {
    if (!accept) {
      return new Outcome(
          s.withPending(null),
          List.of(Reply.text(content.text(Msg.REMINDERS_LATER))),
          Ack.chosen(content.text(Msg.BTN_LATER)));
    }
    List<Reminder> kept = new ArrayList<>();
    for (Reminder r : s.coaching().reminders()) {
      if (r.once()) {
        kept.add(r);
      }
    }
    kept.addAll(proposed(s));
    UserState set = s.withPending(null).withCoaching(s.coaching().withReminders(kept));
    return new Outcome(
        set,
        List.of(Reply.text(content.text(Msg.REMINDERS_SET))),
        Ack.chosen(content.text(Msg.BTN_ACCEPT_REMINDERS)));
  }

  /**
   * Buttons that switch reminder kinds off (those on now) or on (those off or never set up); the
   * check-in itself is left out, as it also re-asks the safety questions.
   */
  List<List<Button>> toggles(UserState s, boolean turnOff) {
    List<Button> out = new ArrayList<>();
    for (Kind k : Kind.values()) {
      if (k == Kind.CHECKIN) {
        continue;
      }
      Reminder r = ReminderSettings.find(s.coaching().reminders(), k);
      boolean on = r != null && r.enabled();
      if (on == turnOff) {
        out.add(
            Button.of(
                content.text(
                    turnOff ? Msg.BTN_TURN_OFF : Msg.BTN_TURN_ON, "name", settings.name(k)),
                new Callback.ToggleReminder(k.name())));
      }
    }
    return Layout.chunk(out, 1);
  }

  /** The check-in reminder alone, for a user whose exercise advice is paused by a red flag. */
  UserState checkinOnly(UserState s) {
    List<Reminder> kept = new ArrayList<>(s.coaching().reminders());
    if (ReminderSettings.find(kept, Kind.CHECKIN) == null) {
      proposed(s).stream().filter(r -> r.kind() == Kind.CHECKIN).forEach(kept::add);
    }
    return s.withCoaching(s.coaching().withReminders(kept));
  }

  Outcome overview(UserState s, Instant now) {
    return new Outcome(s, List.of(settings.overview(s, zone(s), now)), null);
  }

  Outcome toggle(UserState s, String kindName, Instant now) {
    Kind kind;
    try {
      kind = Kind.valueOf(kindName);
    } catch (IllegalArgumentException e) {
      return null;
    }
    UserState next = s.withCoaching(settings.toggle(s.coaching(), kind, s.chatId(), proposed(s)));
    return new Outcome(next, List.of(), Ack.replace(settings.overview(next, zone(next), now)));
  }

  Outcome toggleQuietMode(UserState s, Instant now) {
    Coaching c = s.coaching();
    UserState next = s.withCoaching(c.withQuiet(c.quietStart(), c.quietEnd(), !c.quietSilent()));
    return new Outcome(next, List.of(), Ack.replace(settings.overview(next, zone(next), now)));
  }

  /** A typed change such as "mobility 7:30"; null when the text is not a setting. */
  Outcome typed(UserState s, String text) {
    ReminderSettings.Change change = settings.parse(text, s.coaching(), s.chatId());
    if (change == null) {
      return null;
    }
    return new Outcome(
        s.withCoaching(change.coaching()),
        List.of(Reply.text(content.text(Msg.SETTING_SAVED, "what", change.what()))),
        null);
  }

  Outcome askPause(UserState s) {
    return new Outcome(
        s,
        List.of(
            Reply.withButtons(
                content.text(Msg.PAUSE_ASK),
                List.of(
                    List.of(
                        Button.of(
                            content.text(Msg.BTN_PAUSE_TODAY),
                            new Callback.Pause(Callback.PauseSpan.DAY)),
                        Button.of(
                            content.text(Msg.BTN_PAUSE_WEEK),
                            new Callback.Pause(Callback.PauseSpan.WEEK)),
                        Button.of(
                            content.text(Msg.BTN_PAUSE_FOREVER),
                            new Callback.Pause(Callback.PauseSpan.UNTIL_RESUMED)))))),
        null);
  }

  Outcome pause(UserState s, Callback.PauseSpan how, Instant now) {
    ZoneId zone = zone(s);
    long until;
    String label;
    switch (how) {
      case DAY -> {
        until =
            ZonedDateTime.ofInstant(now, zone)
                .toLocalDate()
                .plusDays(1)
                .atStartOfDay(zone)
                .toInstant()
                .toEpochMilli();
        label = content.text(Msg.BTN_PAUSE_TODAY);
      }
      case WEEK -> {
        until = now.plus(Duration.ofDays(7)).toEpochMilli();
        label = content.text(Msg.BTN_PAUSE_WEEK);
      }
      case UNTIL_RESUMED -> {
        until = Long.MAX_VALUE;
        label = content.text(Msg.BTN_PAUSE_FOREVER);
      }
      default -> {
        return null;
      }
    }
    UserState paused = s.withCoaching(s.coaching().withPausedUntil(until));
    String text =
        until == Long.MAX_VALUE
            ? content.text(Msg.PAUSED_FOREVER)
            : content.text(
                Msg.PAUSED, "until", WHEN.format(Instant.ofEpochMilli(until).atZone(zone)));
    return new Outcome(paused, List.of(Reply.text(text)), Ack.chosen(label));
  }

  Outcome resume(UserState s, Instant now) {
    Long until = s.coaching().pausedUntil();
    if (until == null || until <= now.toEpochMilli()) {
      return new Outcome(s, List.of(Reply.text(content.text(Msg.NOT_PAUSED))), null);
    }
    return new Outcome(
        s.withCoaching(s.coaching().withPausedUntil(null)),
        List.of(Reply.text(content.text(Msg.RESUMED))),
        null);
  }

  /**
   * "I'm at my desk now": posture breaks from now until the end of the work day (or eight hours),
   * for people without fixed hours; sending it again ends the session.
   */
  Outcome desk(UserState s, Instant now) {
    ZoneId zone = zone(s);
    List<Reminder> rs = new ArrayList<>(s.coaching().reminders());
    boolean ended =
        rs.removeIf(
            r ->
                r.untilMillis() != null
                    && r.untilMillis() > now.toEpochMilli()
                    && r.kind() == Kind.POSTURE);
    if (ended) {
      return new Outcome(
          s.withCoaching(s.coaching().withReminders(rs)),
          List.of(Reply.text(content.text(Msg.DESK_ENDED))),
          null);
    }
    Reminder posture = ReminderSettings.find(rs, Kind.POSTURE);
    int every =
        posture != null
            ? posture.interval()
            : ReminderPlanner.postureInterval(onboarding.profile(s.answers()));
    ZonedDateTime local = now.atZone(zone).truncatedTo(ChronoUnit.MINUTES);
    LocalTime start = local.toLocalTime();
    LocalTime end =
        posture != null && posture.windowEnd().isAfter(start)
            ? posture.windowEnd()
            : start.plusHours(8).isAfter(start) ? start.plusHours(8) : LocalTime.of(23, 59);
    Instant until = Schedule.at(local.toLocalDate(), end, zone);
    rs.add(
        new Reminder(
            0,
            s.chatId(),
            Kind.POSTURE,
            true,
            null,
            Schedule.EVERY_DAY,
            every,
            start,
            end,
            false,
            until.toEpochMilli()));
    return new Outcome(
        s.withCoaching(s.coaching().withReminders(rs)),
        List.of(Reply.text(content.text(Msg.DESK_STARTED, "every", every, "until", end))),
        null);
  }

  Outcome askZone(UserState s) {
    return new Outcome(
        s.withPending(Pending.ZONE),
        List.of(new Reply(content.text(Msg.TIMEZONE_ASK), List.of(), true)),
        null);
  }

  /** A zone typed or shared after /timezone; null if the text names none. */
  Outcome zoneGiven(UserState s, ZoneId zone, Msg msg, Instant now) {
    String time = ZonedDateTime.ofInstant(now, zone).format(DateTimeFormatter.ofPattern("HH:mm"));
    UserState set = s.withPending(null).withAnswer("timezone", new Answer(List.of(), zone.getId()));
    Reply said = Reply.text(content.text(msg, "zone", zone.getId(), "time", time));
    return new Outcome(set, List.of(said.removingKeyboard()), null);
  }

  /** /timezone answered with a shared location. */
  Outcome zoneLocated(UserState s, ZoneFinder.Located found, Instant now) {
    UserState set =
        s.withPending(null).withAnswer("timezone", new Answer(List.of(), found.zone().getId()));
    return new Outcome(set, List.of(QuestionFlow.located(content, found, now)), null);
  }
}
