package app.backcoach.conversation;

import app.backcoach.content.ContentBundle;
import app.backcoach.content.Msg;
import app.backcoach.reminders.Kind;
import app.backcoach.reminders.Reminder;
import app.backcoach.reminders.ReminderPlanner;
import app.backcoach.reminders.Schedule;
import app.backcoach.reply.Button;
import app.backcoach.reply.Callback;
import app.backcoach.reply.Reply;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Shows a user's reminders with their next local times, and reads typed changes like "workout mon
 * wed 18:00".
 */
final class ReminderSettings {
  private static final DateTimeFormatter NEXT =
      DateTimeFormatter.ofPattern("EEE HH:mm", Locale.ENGLISH);
  private static final Pattern TIME =
      Pattern.compile("\\b(\\d{1,2})(?:[:.h](\\d{2}))?\\s*(am|pm)?\\b");
  private static final Pattern RANGE =
      Pattern.compile(
          "\\b(\\d{1,2})(?:[:.](\\d{2}))?\\s*(?:-|to|–)\\s*(\\d{1,2})(?:[:.](\\d{2}))?\\b");
  private final ContentBundle content;

  /** A typed change: the new settings and what to say about them. */
  record Change(Coaching coaching, String what) {}

  ReminderSettings(ContentBundle content) {
    this.content = content;
  }

  /** One line per reminder (snoozes hidden), with the next local time. */
  String lines(List<Reminder> reminders, ZoneId zone, Instant now) {
    List<String> out = new ArrayList<>();
    for (Reminder r : reminders) {
      if (r.once() || r.untilMillis() != null) {
        continue;
      }
      Instant next = r.enabled() ? Schedule.next(r, zone, now) : null;
      out.add(
          r.enabled() && next != null
              ? content.text(
                  Msg.REMINDER_LINE,
                  "name",
                  name(r.kind()),
                  "when",
                  when(r),
                  "next",
                  NEXT.format(next.atZone(zone)))
              : content.text(Msg.REMINDER_LINE_OFF, "name", name(r.kind()), "when", when(r)));
    }
    return out.isEmpty() ? content.text(Msg.REMINDERS_NONE) : String.join("\n", out);
  }

  Reply overview(UserState s, ZoneId zone, Instant now) {
    Coaching c = s.coaching();
    String quiet =
        content.text(
            Msg.QUIET_LINE,
            "start",
            c.quietStart(),
            "end",
            c.quietEnd(),
            "mode",
            content.text(c.quietSilent() ? Msg.QUIET_SILENT : Msg.QUIET_MOVE));
    String paused = "";
    if (c.pausedUntil() != null && c.pausedUntil() > now.toEpochMilli()) {
      paused =
          c.pausedUntil() == Long.MAX_VALUE
              ? content.text(Msg.PAUSED_LINE_FOREVER)
              : content.text(
                  Msg.PAUSED_LINE,
                  "until",
                  NEXT.format(Instant.ofEpochMilli(c.pausedUntil()).atZone(zone)));
    }
    if (s.advicePaused()) {
      paused += "\n" + content.text(Msg.REMINDERS_ADVICE_PAUSED);
    }
    String text =
        content.text(
            Msg.REMINDERS_LIST,
            "list",
            lines(c.reminders(), zone, now),
            "quiet",
            quiet,
            "paused",
            paused,
            "help",
            content.text(Msg.SETTINGS_HELP));
    List<Button> buttons = new ArrayList<>();
    for (Kind k : Kind.values()) {
      Reminder r = find(c.reminders(), k);
      boolean on = r != null && r.enabled();
      buttons.add(
          Button.of(
              content.text(on ? Msg.BTN_TURN_OFF : Msg.BTN_TURN_ON, "name", name(k)),
              new Callback.ToggleReminder(k.name())));
    }
    buttons.add(Button.of(content.text(Msg.BTN_QUIET_MODE), new Callback.QuietMode()));
    buttons.add(Button.of(content.text(Msg.BTN_CHANGE_ANSWER), new Callback.Edit(null)));
    return Reply.withButtons(text, Layout.chunk(buttons, 1));
  }

  /** A kind the user never had, with its defaults: posture breaks in work hours, others daily. */
  static Reminder fresh(Kind kind, long chatId) {
    return kind == Kind.POSTURE
        ? new Reminder(
            0,
            chatId,
            Kind.POSTURE,
            true,
            null,
            kind.defaultDays,
            45,
            kind.defaultTime,
            LocalTime.of(17, 0),
            false,
            null)
        : ReminderPlanner.daily(chatId, kind, kind.defaultTime, kind.defaultDays);
  }

  /**
   * Switches a kind on or off; switching on one the user never had adds it with the proposed
   * defaults.
   */
  Coaching toggle(Coaching c, Kind kind, long chatId, List<Reminder> proposed) {
    List<Reminder> next = new ArrayList<>(c.reminders());
    Reminder r = find(next, kind);
    if (r != null) {
      next.set(next.indexOf(r), with(r, !r.enabled()));
    } else {
      proposed.stream()
          .filter(p -> p.kind() == kind)
          .findFirst()
          .ifPresentOrElse(next::add, () -> next.add(fresh(kind, chatId)));
    }
    return c.withReminders(next);
  }

  /** Reads a typed setting; null when the text is not one. */
  Change parse(String text, Coaching c, long chatId) {
    String t = text.toLowerCase(Locale.ROOT).strip();
    List<String> words = Words.tokens(t);
    if (words.isEmpty()) {
      return null;
    }
    String head = words.get(0);
    if (head.equals("quiet")) {
      Matcher m = RANGE.matcher(t);
      if (!m.find()) {
        return null;
      }
      LocalTime start = time(m.group(1), m.group(2), null);
      LocalTime end = time(m.group(3), m.group(4), null);
      if (start == null || end == null) {
        return null;
      }
      boolean silent =
          words.contains("silent") || words.contains("silently") || words.contains("quietly");
      return new Change(c.withQuiet(start, end, silent), "quiet hours " + start + "-" + end);
    }
    if (head.equals("work")) {
      Matcher m = RANGE.matcher(t);
      Reminder r = find(c.reminders(), Kind.POSTURE);
      if (!m.find() || r == null) {
        return null;
      }
      LocalTime from = time(m.group(1), m.group(2), null);
      LocalTime to = time(m.group(3), m.group(4), null);
      if (from == null || to == null || !from.isBefore(to)) {
        return null;
      }
      Set<DayOfWeek> days = days(words, r.days());
      Reminder changed =
          new Reminder(
              r.id(), r.chatId(), r.kind(), true, null, days, r.interval(), from, to, false, null);
      return new Change(replace(c, changed), name(Kind.POSTURE) + ": " + when(changed));
    }
    Kind kind = kind(head);
    if (kind == null) {
      return null;
    }
    Reminder r = find(c.reminders(), kind);
    if (words.contains("off") || words.contains("stop")) {
      return r == null ? null : new Change(replace(c, with(r, false)), name(kind) + ": off");
    }
    if (kind == Kind.POSTURE) {
      Double every = Words.firstNumber(t);
      if (every == null || every < 10 || every > 180) {
        return r == null || !words.contains("on")
            ? null
            : new Change(replace(c, with(r, true)), name(kind) + ": on");
      }
      Reminder base =
          r != null
              ? r
              : new Reminder(
                  0,
                  chatId,
                  Kind.POSTURE,
                  true,
                  null,
                  Schedule.WORK_DAYS,
                  45,
                  LocalTime.of(9, 0),
                  LocalTime.of(17, 0),
                  false,
                  null);
      Reminder changed =
          new Reminder(
              base.id(),
              chatId,
              Kind.POSTURE,
              true,
              null,
              days(words, base.days()),
              every.intValue(),
              base.windowStart(),
              base.windowEnd(),
              false,
              null);
      return new Change(replace(c, changed), name(kind) + ": " + when(changed));
    }
    Matcher m = TIME.matcher(t);
    LocalTime time = null;
    while (m.find() && time == null) {
      time = time(m.group(1), m.group(2), m.group(3));
    }
    Set<DayOfWeek> fallbackDays = r != null ? r.days() : kind.defaultDays;
    Set<DayOfWeek> days = days(words, fallbackDays);
    if (time == null && r == null) {
      return null;
    }
    if (time == null && !words.contains("on") && days.equals(fallbackDays)) {
      return null;
    }
    LocalTime at = time != null ? time : r.time();
    Reminder changed =
        new Reminder(
            r == null ? 0 : r.id(), chatId, kind, true, at, days, null, null, null, false, null);
    return new Change(replace(c, changed), name(kind) + ": " + when(changed));
  }

  private static Coaching replace(Coaching c, Reminder changed) {
    List<Reminder> next = new ArrayList<>(c.reminders());
    Reminder old = find(next, changed.kind());
    if (old == null) {
      next.add(changed);
    } else {
      next.set(next.indexOf(old), changed);
    }
    return c.withReminders(next);
  }

  static Reminder find(List<Reminder> rs, Kind kind) {
    return rs.stream()
        .filter(r -> r.kind() == kind && !r.once() && r.untilMillis() == null)
        .findFirst()
        .orElse(null);
  }

  private static Reminder with(Reminder r, boolean enabled) {
    return new Reminder(
        r.id(),
        r.chatId(),
        r.kind(),
        enabled,
        r.time(),
        r.days(),
        r.interval(),
        r.windowStart(),
        r.windowEnd(),
        r.once(),
        r.untilMillis());
  }

  private static Kind kind(String word) {
    return Kind.typed(word);
  }

  private static LocalTime time(String h, String m, String ampm) {
    int hour = Integer.parseInt(h);
    int minute = m == null ? 0 : Integer.parseInt(m);
    if ("pm".equals(ampm) && hour < 12) {
      hour += 12;
    } else if ("am".equals(ampm) && hour == 12) {
      hour = 0;
    }
    return hour > 23 || minute > 59 ? null : LocalTime.of(hour, minute);
  }

  private static Set<DayOfWeek> days(List<String> words, Set<DayOfWeek> fallback) {
    if (words.contains("daily") || words.contains("everyday")) {
      return Schedule.EVERY_DAY;
    }
    if (words.contains("weekdays")) {
      return Schedule.WORK_DAYS;
    }
    Set<DayOfWeek> out = EnumSet.noneOf(DayOfWeek.class);
    for (String w : words) {
      for (DayOfWeek d : DayOfWeek.values()) {
        String full = d.getDisplayName(TextStyle.FULL, Locale.ENGLISH).toLowerCase(Locale.ROOT);
        if (w.length() >= 3 && full.startsWith(w)) {
          out.add(d);
        }
      }
    }
    return out.isEmpty() ? fallback : out;
  }

  String name(Kind k) {
    return content.text(k.shownName);
  }

  String when(Reminder r) {
    String days =
        r.days().equals(Schedule.EVERY_DAY)
            ? content.text(Msg.DAYS_EVERY)
            : r.days().equals(Schedule.WORK_DAYS)
                ? content.text(Msg.DAYS_WEEKDAYS)
                : String.join(
                    " ",
                    r.days().stream()
                        .sorted()
                        .map(d -> d.getDisplayName(TextStyle.SHORT, Locale.ENGLISH))
                        .toList());
    if (r.kind() == Kind.POSTURE) {
      return content.text(
          Msg.WHEN_POSTURE,
          "every",
          r.interval(),
          "from",
          r.windowStart(),
          "to",
          r.windowEnd(),
          "days",
          days);
    }
    return content.text(Msg.WHEN_DAILY, "time", r.time(), "days", days);
  }
}
