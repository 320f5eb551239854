package app.backcoach.conversation;

import app.backcoach.coaching.Profile;
import app.backcoach.content.ContentBundle;
import app.backcoach.content.Msg;
import app.backcoach.content.Question;
import app.backcoach.content.RedFlag;
import app.backcoach.reply.Ack;
import app.backcoach.reply.Button;
import app.backcoach.reply.Callback;
import app.backcoach.reply.Reply;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The onboarding questions: asking one, reading a typed or tapped answer, and moving on to the next
 * or the plan.
 */
final class QuestionFlow {
  static final String NONE = "none";
  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm");
  private final ContentBundle content;
  private final List<Question> questions;
  private final Stage stage;
  private final Finisher finisher;
  private final TimeZones zones;

  /**
   * What happens after the last answer: the plan for onboarding, the adjustments for a check-in.
   */
  @FunctionalInterface
  interface Finisher {
    Outcome finish(UserState answered, List<Reply> replies, Ack ack, Instant now);
  }

  QuestionFlow(ContentBundle content, List<Question> questions, Stage stage, Finisher finisher) {
    this.content = content;
    this.questions = List.copyOf(questions);
    this.stage = stage;
    this.finisher = finisher;
    this.zones = new TimeZones(content.places());
  }

  Question first() {
    return questions.get(0);
  }

  /** The first question asked and not yet answered (a deep link may have answered some). */
  Question firstOpen(UserState s) {
    Question first = first();
    if (!s.answers().containsKey(first.id())) {
      return first;
    }
    Question next = next(s, first);
    return next == null ? first : next;
  }

  Question question(String id) {
    return questions.stream().filter(q -> q.id().equals(id)).findFirst().orElse(null);
  }

  Question current(UserState s) {
    Question q = s.questionId() == null ? null : question(s.questionId());
    return q == null ? first() : q;
  }

  /** The question's place among those this user is asked (earlier answers decide which). */
  int number(UserState s, Question q) {
    return asked(s.answers()).indexOf(q) + 1;
  }

  /** How many questions this user is asked, as far as the answers so far tell. */
  int total(UserState s) {
    return asked(s.answers()).size();
  }

  /**
   * The questions asked of someone with these answers, in order: each question's conditions are
   * read from the answers to the questions before it that were asked.
   */
  List<Question> asked(Map<String, Answer> answers) {
    List<Question> out = new ArrayList<>();
    Set<String> tags = new HashSet<>();
    for (Question q : questions) {
      if (!q.appliesTo(tags)) {
        continue;
      }
      out.add(q);
      Answer a = answers.get(q.id());
      if (a != null) {
        for (String optionId : a.options()) {
          Question.Option o = q.option(optionId);
          if (o != null) {
            tags.addAll(o.tags());
          }
        }
      }
    }
    return out;
  }

  /**
   * The tags of the answers given to the questions asked before {@code q}, among {@code asked}
   * ({@link #asked} of the same answers).
   */
  private static Set<String> tagsBefore(UserState s, Question q, List<Question> asked) {
    Set<String> tags = new HashSet<>();
    for (Question before : asked) {
      if (before == q) {
        break;
      }
      Answer a = s.answers().get(before.id());
      if (a != null) {
        a.options().stream()
            .map(before::option)
            .filter(o -> o != null)
            .forEach(o -> tags.addAll(o.tags()));
      }
    }
    return tags;
  }

  /** The time zone the text names, or null. */
  ZoneId zone(String text) {
    return zones.parse(text);
  }

  /** The question as a message with its buttons; ticks show what a multiple choice has so far. */
  Reply ask(UserState s, Question q) {
    // One walk through the questions gives the number, the total and the tags so far.
    List<Question> asked = asked(s.answers());
    String header =
        content.text(
            Msg.QUESTION_HEADER, "n", asked.indexOf(q) + 1, "total", Math.max(asked.size(), 1));
    Set<String> tags = tagsBefore(s, q, asked);
    StringBuilder text = new StringBuilder(header).append('\n').append(q.text());
    List<Button> buttons = new ArrayList<>();
    switch (q.type()) {
      case MULTI -> {
        text.append("\n\n").append(content.text(Msg.MULTI_HINT));
        for (Question.Option o : q.options()) {
          if (!o.offeredTo(tags)) {
            continue;
          }
          String tick = s.selection().contains(o.id()) ? "\u2705 " : "";
          buttons.add(Button.of(tick + o.label(), new Callback.Tick(q.id(), o.id())));
        }
        List<List<Button>> rows = new ArrayList<>(Layout.rows(buttons));
        rows.add(List.of(Button.of(content.text(Msg.BTN_DONE), new Callback.DoneTicking(q.id()))));
        return Reply.withButtons(text.toString(), rows);
      }
      case REDFLAGS -> {
        text.append('\n');
        for (RedFlag f : content.safety().redFlags()) {
          if (!Boolean.TRUE.equals(f.screen())) {
            continue;
          }
          text.append("\n• ").append(f.label());
          buttons.add(Button.of(f.label(), new Callback.Answer(q.id(), f.id())));
        }
        buttons.add(
            Button.of(content.text(Msg.BTN_NONE_OF_THESE), new Callback.Answer(q.id(), NONE)));
        return Reply.withButtons(text.toString(), Layout.chunk(buttons, 1));
      }
      default -> {
        for (Question.Option o : q.options()) {
          buttons.add(Button.of(o.label(), new Callback.Answer(q.id(), o.id())));
        }
        return new Reply(text.toString(), Layout.rows(buttons), q.type() == Question.Type.ZONE);
      }
    }
  }

  /** A typed answer to the current question. */
  Outcome typed(UserState s, String text, Instant now) {
    Question q = current(s);
    switch (q.type()) {
      case ZONE -> {
        ZoneId zone = zones.parse(text);
        if (zone == null) {
          String normal = Words.normal(text);
          for (Question.Option o : q.options()) {
            if (Words.normalOfContent(o.label()).equals(normal)) {
              zone = zoneOf(o);
            }
          }
        }
        if (zone == null) {
          String shown = text.length() > 40 ? text.substring(0, 40) + "\u2026" : text;
          return again(s, q, content.text(Msg.INVALID_ZONE, "input", shown));
        }
        return zoneChosen(s, q, zone, Msg.ZONE_SET, Ack.NONE, now);
      }
      case REDFLAGS -> {
        // A described flag never reaches here: the engine refers it first.
        String normal = Words.normal(text);
        if (yesNo(text) == Boolean.FALSE
            || normal.equals(Words.normalOfContent(content.text(Msg.BTN_NONE_OF_THESE)))) {
          return record(s, q, Answer.of(NONE), List.of(), Ack.NONE, now);
        }
        return again(s, q, content.text(Msg.INVALID_CHOICE));
      }
      case NUMBER -> {
        List<Question.Option> hits = AnswerMatcher.match(q, text);
        if (hits.size() != 1) {
          int min = q.options().stream().mapToInt(o -> o.range().get(0)).min().orElse(0);
          int max = q.options().stream().mapToInt(o -> o.range().get(1)).max().orElse(0);
          return again(s, q, content.text(Msg.INVALID_NUMBER, "min", min, "max", max));
        }
        Double n = Words.firstNumber(text);
        String value = n != null && hits.get(0).holds(n) ? clean(n) : rangeValue(hits.get(0));
        return record(s, q, new Answer(List.of(hits.get(0).id()), value), List.of(), Ack.NONE, now);
      }
      case MULTI -> {
        if (!s.selection().isEmpty()
            && Words.normal(text).equals(Words.normalOfContent(content.text(Msg.BTN_DONE)))) {
          return done(s, q, now);
        }
        List<Question.Option> hits = AnswerMatcher.match(q, text);
        if (hits.isEmpty()) {
          return again(s, q, content.text(Msg.INVALID_CHOICE));
        }
        // Typed answers add to the boxes already ticked; "none of these" alone replaces them.
        List<String> ids = new ArrayList<>(s.selection());
        ids.removeIf(id -> q.option(id) == null || q.option(id).isNone());
        hits.stream()
            .filter(o -> !o.isNone())
            .map(Question.Option::id)
            .filter(id -> !ids.contains(id))
            .forEach(ids::add);
        if (ids.isEmpty()) {
          ids.add(hits.get(0).id());
        }
        List<String> ordered =
            q.options().stream().map(Question.Option::id).filter(ids::contains).toList();
        return record(s, q, new Answer(ordered, null), List.of(), Ack.NONE, now);
      }
      default -> {
        List<Question.Option> hits = AnswerMatcher.match(q, text);
        if (hits.size() == 1) {
          return record(s, q, Answer.of(hits.get(0).id()), List.of(), Ack.NONE, now);
        }
        if (hits.size() > 1) {
          String options = String.join(" / ", hits.stream().map(Question.Option::label).toList());
          return again(s, q, content.text(Msg.AMBIGUOUS_CHOICE, "options", options));
        }
        return again(s, q, content.text(Msg.INVALID_CHOICE));
      }
    }
  }

  /**
   * A tapped single-choice button. The caller has checked that it belongs to the current question.
   */
  Outcome tapped(UserState s, Question q, String optionId, Instant now) {
    Question.Option o = q.option(optionId);
    if (o == null) {
      return new Outcome(s, List.of(), Ack.notice(content.text(Msg.STALE_BUTTON)));
    }
    if (q.type() == Question.Type.ZONE) {
      ZoneId zone = zoneOf(o);
      if (zone != null) {
        return zoneChosen(s, q, zone, Msg.ZONE_SET, Ack.chosen(o.label()), now);
      }
    }
    return record(
        s, q, new Answer(List.of(o.id()), rangeValue(o)), List.of(), Ack.chosen(o.label()), now);
  }

  /**
   * Ticks or unticks one option of a multiple choice; "none of these" clears the rest and the other
   * way round.
   */
  Outcome toggle(UserState s, Question q, String optionId, Instant now) {
    Question.Option o = q.option(optionId);
    if (o == null) {
      return new Outcome(s, List.of(), Ack.notice(content.text(Msg.STALE_BUTTON)));
    }
    if (o.isNone() && !s.selection().contains(o.id())) {
      // "None of these" needs no Done: it is the whole answer.
      return record(s, q, new Answer(List.of(o.id()), null), List.of(), Ack.chosen(o.label()), now);
    }
    List<String> next = new ArrayList<>(s.selection());
    if (!next.remove(o.id())) {
      if (o.isNone()) {
        next.clear();
      } else {
        next.removeIf(id -> q.option(id) != null && q.option(id).isNone());
      }
      next.add(o.id());
    }
    UserState updated = s.withSelection(next);
    return new Outcome(updated, List.of(), Ack.replace(ask(updated, q)));
  }

  Outcome done(UserState s, Question q, Instant now) {
    if (s.selection().isEmpty()) {
      return new Outcome(s, List.of(), Ack.notice(content.text(Msg.MULTI_EMPTY)));
    }
    List<String> ordered =
        q.options().stream().map(Question.Option::id).filter(s.selection()::contains).toList();
    String chosen = String.join(", ", ordered.stream().map(id -> q.option(id).label()).toList());
    return record(s, q, new Answer(ordered, null), List.of(), Ack.chosen(chosen), now);
  }

  /** True when the current question asks for the time zone. */
  boolean asksZone(UserState s) {
    Question q = current(s);
    return q != null && q.type() == Question.Type.ZONE;
  }

  /** A shared location answers the time-zone question, saying how sure the zone is. */
  Outcome location(UserState s, ZoneFinder.Located found, Instant now) {
    Question q = current(s);
    Reply set = located(content, found, now);
    return record(s, q, new Answer(List.of(), found.zone().getId()), List.of(set), Ack.NONE, now);
  }

  /**
   * What the bot says about a zone found from a location; it also removes the location keyboard.
   */
  static Reply located(ContentBundle content, ZoneFinder.Located found, Instant now) {
    ZoneId zone = found.zone();
    String time = ZonedDateTime.ofInstant(now, zone).format(CLOCK);
    String text =
        switch (found.fit()) {
          case INSIDE -> content.text(Msg.ZONE_FROM_LOCATION, "zone", zone.getId(), "time", time);
          case NEAR_BORDER ->
              content.text(
                  Msg.ZONE_NEAR_BORDER,
                  "zone",
                  zone.getId(),
                  "time",
                  time,
                  "other",
                  found.other().getId(),
                  "other_time",
                  ZonedDateTime.ofInstant(now, found.other()).format(CLOCK));
          case NEAREST_LAND ->
              content.text(Msg.ZONE_NEAREST_LAND, "zone", zone.getId(), "time", time);
          case AT_SEA -> content.text(Msg.ZONE_AT_SEA, "zone", zone.getId(), "time", time);
          case ROUGH -> content.text(Msg.ZONE_ROUGH, "zone", zone.getId(), "time", time);
        };
    return Reply.text(text).removingKeyboard();
  }

  private Outcome zoneChosen(UserState s, Question q, ZoneId zone, Msg msg, Ack ack, Instant now) {
    String time = ZonedDateTime.ofInstant(now, zone).format(CLOCK);
    Reply set =
        Reply.text(content.text(msg, "zone", zone.getId(), "time", time)).removingKeyboard();
    return record(s, q, new Answer(List.of(), zone.getId()), List.of(set), ack, now);
  }

  private ZoneId zoneOf(Question.Option o) {
    return zones.parse(o.match().isEmpty() ? o.label() : o.match().get(0));
  }

  /** Stores the answer and moves on: the next question, or the finisher after the last one. */
  Outcome record(UserState s, Question q, Answer a, List<Reply> before, Ack ack, Instant now) {
    UserState answered = s.withAnswer(q.id(), a).withSelection(List.of());
    List<Reply> replies = new ArrayList<>(before);
    Question next = next(answered, q);
    if (next != null) {
      UserState moved = answered.withStage(stage, next.id());
      replies.add(ask(moved, next));
      return new Outcome(moved, replies, ack);
    }
    return finisher.finish(answered, replies, ack, now);
  }

  /**
   * The next question to ask after {@code q}: the first later one this user is asked and has not
   * answered (after changing one answer, only the questions it newly brings in), or null.
   */
  private Question next(UserState answered, Question q) {
    List<Question> asked = asked(answered.answers());
    int at = questions.indexOf(q);
    for (Question later : asked) {
      if (questions.indexOf(later) > at && !answered.answers().containsKey(later.id())) {
        return later;
      }
    }
    return null;
  }

  /**
   * The plan rules' view of the answers: tags and summed mistake signals of every chosen option.
   */
  Profile profile(Map<String, Answer> answers) {
    Set<String> tags = new HashSet<>();
    Map<String, Integer> signals = new HashMap<>();
    Set<String> confirmed = new HashSet<>();
    // An answer to a question no longer asked (training changed to none) no longer counts.
    Set<String> asked = new HashSet<>();
    for (Question q : asked(answers)) {
      asked.add(q.id());
    }
    answers.forEach(
        (qid, answer) -> {
          Question q = content.onboarding().question(qid);
          if (q == null || (this.questions.contains(q) && !asked.contains(qid))) {
            return;
          }
          for (String optionId : answer.options()) {
            Question.Option o = q.option(optionId);
            if (o != null) {
              tags.addAll(o.tags());
              confirmed.addAll(o.confirms());
              o.signals().forEach((m, w) -> signals.merge(m, w, Integer::sum));
            }
          }
        });
    return new Profile(tags, signals, confirmed);
  }

  Outcome again(UserState s, Question q, String why) {
    return new Outcome(s, List.of(Reply.text(why), ask(s, q)), Ack.NONE);
  }

  /** TRUE for a yes, FALSE for a no, null for anything else, using the bundle's word lists. */
  Boolean yesNo(String text) {
    List<String> words = Words.tokens(text);
    if (words.size() > 6) {
      return null;
    }
    boolean yes = anyPhrase(words, content.text(Msg.WORDS_YES));
    boolean no = anyPhrase(words, content.text(Msg.WORDS_NO));
    return yes == no ? null : yes;
  }

  private static boolean anyPhrase(List<String> words, String commaList) {
    for (String phrase : commaList.split(",")) {
      if (!phrase.isBlank() && Words.find(words, phrase) != null) {
        return true;
      }
    }
    return false;
  }

  private static String rangeValue(Question.Option o) {
    return o.range().size() == 2 && o.range().get(0).equals(o.range().get(1))
        ? String.valueOf(o.range().get(0))
        : null;
  }

  private static String clean(double n) {
    return n == Math.rint(n) ? String.valueOf((long) n) : String.valueOf(n);
  }
}
