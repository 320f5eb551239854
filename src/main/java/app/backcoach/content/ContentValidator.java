package app.backcoach.content;

import static app.backcoach.content.ContentLoader.EXERCISES;
import static app.backcoach.content.ContentLoader.GUIDANCE;
import static app.backcoach.content.ContentLoader.MESSAGES;
import static app.backcoach.content.ContentLoader.MISTAKES;
import static app.backcoach.content.ContentLoader.ONBOARDING;
import static app.backcoach.content.ContentLoader.PLACES;
import static app.backcoach.content.ContentLoader.ROUTINES;
import static app.backcoach.content.ContentLoader.SAFETY;

import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a parsed bundle: ids, required fields, references, vocabularies and Telegram's size
 * limits.
 */
final class ContentValidator {
  /** Telegram's limit on one message's text. */
  static final int MAX_MESSAGE = 4096;

  /** Telegram's limit on callback_data, in bytes. */
  static final int MAX_BUTTON_DATA = 64;

  /** The longest button label we accept, so buttons stay readable on a phone. */
  static final int MAX_LABEL = 48;

  static final Pattern ID = Pattern.compile("[a-z][a-z0-9_]{0,23}");
  static final Set<String> KINDS =
      Set.of("core", "strength", "pull", "hinge", "stretch", "mobility", "cardio");
  static final Set<String> EQUIPMENT =
      Set.of(
          "none",
          "mat",
          "band",
          "dumbbell",
          "kettlebell",
          "barbell",
          "cable",
          "machine",
          "bench",
          "pullup_bar",
          "rings",
          "wall",
          "chair",
          "foam_roller");
  private final ContentBundle b;
  private final List<Problem> problems = new ArrayList<>();

  private ContentValidator(ContentBundle bundle) {
    this.b = bundle;
  }

  static List<Problem> validate(ContentBundle bundle) {
    ContentValidator v = new ContentValidator(bundle);
    v.ids();
    v.mistakes();
    v.exercises();
    v.routines();
    v.guidance();
    v.safety();
    v.onboarding();
    v.messages();
    v.places();
    if (v.problems.isEmpty()) {
      v.examples(); // a renamed entry is reported once, at the entry, not again here
    }
    v.lengths();
    return v.problems;
  }

  private void problem(String file, String entry, String field, String what) {
    problems.add(new Problem(file, entry, field, what));
  }

  private void ids() {
    Map<String, String> seen = new HashMap<>();
    checkIds(MISTAKES, b.mistakes().stream().map(Mistake::id).toList(), seen);
    checkIds(EXERCISES, b.exercises().stream().map(Exercise::id).toList(), seen);
    checkIds(ROUTINES, b.routines().stream().map(Routine::id).toList(), seen);
    checkIds(GUIDANCE, b.guidance().stream().map(Guidance::id).toList(), seen);
  }

  private void checkIds(String file, List<String> ids, Map<String, String> seen) {
    for (int i = 0; i < ids.size(); i++) {
      String id = ids.get(i);
      if (id == null) {
        problem(file, "#" + (i + 1), "id", "required");
        continue;
      }
      if (!ID.matcher(id).matches()) {
        problem(file, id, "id", "must be 1-24 of a-z, 0-9, _ and start with a letter");
      }
      String earlier = seen.putIfAbsent(id, file);
      if (earlier != null) {
        problem(file, id, "id", "duplicate: already used in " + earlier);
      }
    }
    // The bundle keeps the first of duplicate ids, so lists and maps may differ in size.
  }

  private void mistakes() {
    for (Mistake m : b.mistakes()) {
      String id = m.id();
      text(MISTAKES, id, "title", m.title());
      text(MISTAKES, id, "why", m.why());
      list(MISTAKES, id, "signs", m.signs());
      list(MISTAKES, id, "fix", m.fix());
      if (!m.fixNoKit().isEmpty()) {
        list(MISTAKES, id, "fixNoKit", m.fixNoKit());
      }
      list(MISTAKES, id, "exercises", m.exercises());
      refs(MISTAKES, id, "exercises", m.exercises());
      sources(MISTAKES, id, m.sources());
    }
  }

  private void exercises() {
    for (Exercise e : b.exercises()) {
      String id = e.id();
      text(EXERCISES, id, "name", e.name());
      text(EXERCISES, id, "dose", e.dose());
      list(EXERCISES, id, "steps", e.steps());
      list(EXERCISES, id, "equipment", e.equipment());
      if (e.kind() == null || !KINDS.contains(e.kind())) {
        problem(EXERCISES, id, "kind", "must be one of " + new java.util.TreeSet<>(KINDS));
      }
      if (e.equipment() != null) {
        for (String kit : e.equipment()) {
          if (kit == null || !EQUIPMENT.contains(kit)) {
            problem(EXERCISES, id, "equipment", "unknown item '" + kit + "'");
          }
        }
      }
      if (e.flareUpSafe() == null) {
        problem(EXERCISES, id, "flareUpSafe", "required (true or false)");
      }
      for (String[] ref :
          new String[][] {
            {"easier", e.easier()}, {"harder", e.harder()}, {"substitute", e.substitute()}
          }) {
        if (ref[1] != null) {
          refs(EXERCISES, id, ref[0], List.of(ref[1]));
          if (ref[1].equals(id)) {
            problem(EXERCISES, id, ref[0], "must name another exercise, not itself");
          }
        }
      }
      sources(EXERCISES, id, e.sources());
    }
    substituteChains();
  }

  /** A substitute chain must end, or the plan could loop looking for something doable. */
  private void substituteChains() {
    for (Exercise e : b.exercises()) {
      Set<String> visited = new HashSet<>();
      Exercise at = e;
      while (at != null && at.substitute() != null) {
        if (!visited.add(at.id())) {
          problem(EXERCISES, e.id(), "substitute", "substitutes form a loop through " + at.id());
          break;
        }
        at = b.exercise(at.substitute());
      }
    }
  }

  private void routines() {
    for (Routine r : b.routines()) {
      String id = r.id();
      text(ROUTINES, id, "title", r.title());
      text(ROUTINES, id, "purpose", r.purpose());
      if (r.minutes() == null || r.minutes() < 1 || r.minutes() > 180) {
        problem(ROUTINES, id, "minutes", "required, 1 to 180");
      }
      if (r.flareUpSafe() == null) {
        problem(ROUTINES, id, "flareUpSafe", "required (true or false)");
      }
      if (r.steps() == null || r.steps().isEmpty()) {
        problem(ROUTINES, id, "steps", "required, at least one step");
        continue;
      }
      for (int i = 0; i < r.steps().size(); i++) {
        Routine.Step s = r.steps().get(i);
        String field = "steps[" + i + "]";
        if (s == null || (s.exercise() == null) == (s.note() == null)) {
          problem(ROUTINES, id, field, "needs exactly one of exercise or note");
          continue;
        }
        if (s.exercise() != null) {
          Exercise e = b.exercise(s.exercise());
          if (e == null) {
            problem(ROUTINES, id, field + ".exercise", "unknown exercise '" + s.exercise() + "'");
          } else if (Boolean.TRUE.equals(r.flareUpSafe())
              && !Boolean.TRUE.equals(e.flareUpSafe())) {
            problem(
                ROUTINES,
                id,
                field + ".exercise",
                "'" + e.id() + "' is not flare-up safe, but the routine says it is");
          }
        }
      }
      sources(ROUTINES, id, r.sources());
    }
    for (String id : Required.ROUTINES) {
      if (b.routine(id) == null) {
        problem(ROUTINES, id, "-", "required routine is missing");
      }
    }
  }

  private void guidance() {
    for (Guidance g : b.guidance()) {
      text(GUIDANCE, g.id(), "title", g.title());
      text(GUIDANCE, g.id(), "text", g.text());
      sources(GUIDANCE, g.id(), g.sources());
    }
  }

  private void safety() {
    Safety s = b.safety();
    text(SAFETY, "-", "disclaimer", s.disclaimer());
    if (s.referrals() == null) {
      problem(SAFETY, "-", "referrals", "required: emergency, urgent and soon");
    } else {
      text(SAFETY, "-", "referrals.emergency", s.referrals().emergency());
      text(SAFETY, "-", "referrals.urgent", s.referrals().urgent());
      text(SAFETY, "-", "referrals.soon", s.referrals().soon());
    }
    if (s.redFlags() == null || s.redFlags().isEmpty()) {
      problem(SAFETY, "-", "redFlags", "required, at least one red flag");
      return;
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < s.redFlags().size(); i++) {
      RedFlag f = s.redFlags().get(i);
      if (f == null) {
        problem(SAFETY, "#" + (i + 1), "redFlags", "empty item");
        continue;
      }
      String id = f.id() == null ? "-" : f.id();
      if (f.id() == null || !ID.matcher(f.id()).matches()) {
        problem(SAFETY, id, "id", "required, 1-24 of a-z, 0-9, _");
      } else if (!seen.add(f.id())) {
        problem(SAFETY, id, "id", "duplicate");
      }
      text(SAFETY, id, "label", f.label());
      if (f.urgency() == null) {
        problem(SAFETY, id, "urgency", "required: emergency, urgent or soon");
      }
      list(SAFETY, id, "patterns", f.patterns());
      if (f.scope() != null && !f.sentenceScope()) {
        problem(SAFETY, id, "scope", "must be \"sentence\" or left out");
      }
      if (f.history() != null && !f.historyCounts()) {
        problem(SAFETY, id, "history", "must be \"counts\" or left out");
      }
    }
    for (RedFlag f : problems.isEmpty() ? s.redFlags() : List.<RedFlag>of()) {
      for (String covered : f == null ? List.<String>of() : f.covers()) {
        if (s.redFlag(covered) == null) {
          problem(SAFETY, f.id(), "covers", "unknown red flag " + covered);
        }
      }
    }
    for (RedFlag f : s.redFlags()) {
      if (f != null) {
        patterns(s, f.id(), "patterns", f.patterns());
        patterns(s, f.id(), "unless", f.unless());
        patterns(s, f.id(), "notWith", f.notWith());
      }
    }
    s.vocabulary().forEach((name, entries) -> patterns(s, "@" + name, "vocabulary", entries));
  }

  /** Each phrase names only known classes and neither starts nor ends with "~". */
  private void patterns(Safety s, String id, String field, List<String> values) {
    for (int i = 0; values != null && i < values.size(); i++) {
      String v = values.get(i);
      if (v == null || v.isBlank()) {
        continue; // reported as an empty item
      }
      for (String part : v.split("\\s\\+\\s")) {
        String[] words = part.trim().split("\\s+");
        if (words[0].equals("~") || words[words.length - 1].equals("~") || part.isBlank()) {
          problem(
              SAFETY,
              id,
              field + "[" + i + "]",
              "\"" + v + "\": a part needs a word first and last");
        }
        for (String w : words) {
          if (w.startsWith("@") && !s.vocabulary().containsKey(w.substring(1))) {
            problem(SAFETY, id, field + "[" + i + "]", "unknown vocabulary class " + w);
          }
        }
      }
    }
  }

  private void onboarding() {
    Onboarding o = b.onboarding();
    if (o.plan() == null || o.plan().topFixes() == null || o.plan().topFixes() < 1) {
      problem(ONBOARDING, "-", "plan.topFixes", "required, at least 1");
    }
    if (o.plan() == null
        || o.plan().resumeAfterHours() == null
        || o.plan().resumeAfterHours() < 1) {
      problem(ONBOARDING, "-", "plan.resumeAfterHours", "required, at least 1");
    }
    Set<String> qids = new HashSet<>();
    questions(o.questions(), qids);
    questions(o.checkin(), qids);
    required(Required.QUESTIONS, o.questions());
    required(Required.CHECKIN, o.checkin());
    branching(o.questions());
  }

  /**
   * The intake branches on earlier answers only: every askIf/skipIf tag is given by an option of an
   * earlier question. Every question can change the plan: one of its options carries signals or
   * tags (the time zone and the safety screen aside), and each has a short name for /settings.
   */
  private void branching(List<Question> list) {
    Set<String> earlier = new HashSet<>();
    for (Question q : list) {
      if (q == null || q.id() == null || q.type() == null) {
        continue;
      }
      conditionTags(q.id(), "askIf", q.askIf(), earlier);
      conditionTags(q.id(), "skipIf", q.skipIf(), earlier);
      if (q.name() == null || q.name().isBlank()) {
        problem(ONBOARDING, q.id(), "name", "required: a short name shown in /settings");
      }
      boolean special = q.type() == Question.Type.ZONE || q.type() == Question.Type.REDFLAGS;
      boolean shapesPlan =
          q.options().stream()
              .anyMatch(o -> o != null && (!o.signals().isEmpty() || !o.tags().isEmpty()));
      if (!special && !shapesPlan && q.options().size() >= 2) {
        problem(
            ONBOARDING,
            q.id(),
            "options",
            "no option has signals or tags: the answer cannot change the plan");
      }
      for (Question.Option o : q.options()) {
        if (o != null) {
          conditionTags(q.id() + "." + o.id(), "askIf", o.askIf(), earlier);
          for (String m : o.confirms()) {
            if (b.mistake(m) == null) {
              problem(ONBOARDING, q.id() + "." + o.id(), "confirms", "unknown mistake " + m);
            }
          }
        }
      }
      for (Question.Option o : q.options()) {
        if (o != null) {
          earlier.addAll(o.tags());
        }
      }
    }
  }

  private void conditionTags(String where, String field, List<String> tags, Set<String> earlier) {
    for (String t : tags) {
      if (!earlier.contains(t)) {
        problem(
            ONBOARDING,
            where,
            field,
            "tag " + t + " is not given by any earlier question's options");
      }
    }
  }

  private void questions(List<Question> list, Set<String> qids) {
    for (int i = 0; i < list.size(); i++) {
      Question q = list.get(i);
      if (q == null) {
        problem(ONBOARDING, "#" + (i + 1), "questions", "empty item");
        continue;
      }
      String id = q.id() == null ? "-" : q.id();
      if (q.id() == null || !ID.matcher(q.id()).matches()) {
        problem(ONBOARDING, id, "id", "required, 1-24 of a-z, 0-9, _");
      } else if (!qids.add(q.id())) {
        problem(ONBOARDING, id, "id", "duplicate question id");
      }
      text(ONBOARDING, id, "text", q.text());
      if (q.type() == null) {
        problem(ONBOARDING, id, "type", "required: choice, multi, number, zone or redflags");
        continue;
      }
      boolean needsOptions = q.type() != Question.Type.ZONE && q.type() != Question.Type.REDFLAGS;
      if (needsOptions && q.options().size() < 2) {
        problem(
            ONBOARDING,
            id,
            "options",
            "a " + q.type().name().toLowerCase() + " question needs 2+ options");
      }
      options(q, id);
    }
  }

  private void required(Map<String, Question.Type> wanted, List<Question> list) {
    wanted.forEach(
        (qid, type) -> {
          Question q =
              list.stream().filter(x -> x != null && qid.equals(x.id())).findFirst().orElse(null);
          if (q == null) {
            problem(ONBOARDING, qid, "-", "required question is missing");
          } else if (q.type() != type) {
            problem(ONBOARDING, qid, "type", "must be " + type.name().toLowerCase());
          }
        });
  }

  private void options(Question q, String qid) {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < q.options().size(); i++) {
      Question.Option opt = q.options().get(i);
      String field = "options[" + i + "]";
      if (opt == null) {
        problem(ONBOARDING, qid, field, "empty item");
        continue;
      }
      if (opt.id() == null || !ID.matcher(opt.id()).matches()) {
        problem(ONBOARDING, qid, field + ".id", "required, 1-24 of a-z, 0-9, _");
      } else if (!seen.add(opt.id())) {
        problem(ONBOARDING, qid, field + ".id", "duplicate option id '" + opt.id() + "'");
      } else if (buttonBytes(new app.backcoach.reply.Callback.Answer(qid, opt.id()).encode())
          > MAX_BUTTON_DATA) {
        problem(
            ONBOARDING,
            qid,
            field + ".id",
            "question and option ids too long for 64-byte button data");
      }
      text(ONBOARDING, qid, field + ".label", opt.label());
      if (opt.label() != null && opt.label().length() > MAX_LABEL) {
        problem(ONBOARDING, qid, field + ".label", "longer than " + MAX_LABEL + " characters");
      }
      if (q.type() == Question.Type.NUMBER
          && (opt.range().size() != 2
              || opt.range().contains(null)
              || opt.range().get(0) > opt.range().get(1))) {
        problem(
            ONBOARDING,
            qid,
            field + ".range",
            "a number option needs [low, high] with low <= high");
      }
      if (q.type() == Question.Type.ZONE) {
        String zone = opt.match().isEmpty() ? null : opt.match().get(0);
        if (zone == null || !(zone.equals("UTC") || ZoneId.getAvailableZoneIds().contains(zone))) {
          problem(
              ONBOARDING,
              qid,
              field + ".match",
              "a time-zone quick pick needs an IANA zone id as its first match");
        }
      }
      for (String mistake : opt.signals().keySet()) {
        if (b.mistake(mistake) == null) {
          problem(ONBOARDING, qid, field + ".signals", "unknown mistake '" + mistake + "'");
        }
      }
    }
  }

  private void messages() {
    Set<String> known = new HashSet<>();
    for (Msg msg : Msg.values()) {
      known.add(msg.key());
      String raw = b.messages().raw(msg.key());
      if (raw == null || raw.isBlank()) {
        problem(MESSAGES, msg.key(), "-", "required message is missing or empty");
        continue;
      }
      Template t;
      try {
        t = b.messages().template(msg.key());
      } catch (Template.Malformed e) {
        problem(MESSAGES, msg.key(), "-", e.getMessage());
        continue;
      }
      for (String name : t.names()) {
        if (!msg.placeholders().contains(name)) {
          problem(
              MESSAGES,
              msg.key(),
              "-",
              "unknown placeholder {" + name + "}; allowed: " + sorted(msg.placeholders()));
        } else if (t.counted().contains(name) && !msg.counts().contains(name)) {
          problem(
              MESSAGES,
              msg.key(),
              "-",
              "{"
                  + name
                  + "} is not a number, so it cannot choose a plural form; numbers here: "
                  + sorted(msg.counts()));
        }
      }
    }
    String menu = b.messages().raw(Msg.COMMAND_MENU.key());
    if (menu != null) {
      for (String line : menu.split("\n")) {
        if (!line.matches("[a-z0-9_]{1,32} - .{1,256}")) {
          problem(
              MESSAGES,
              Msg.COMMAND_MENU.key(),
              "-",
              "each line must be 'command - description' (command 1-32 of a-z, 0-9, _), not '"
                  + line
                  + "'");
        }
      }
    }
    // Telegram's limits for the bot's profile (setMyDescription, setMyShortDescription).
    profileLength(Msg.BOT_DESCRIPTION, 512);
    profileLength(Msg.BOT_SHORT_DESCRIPTION, 120);
    for (String key : b.messages().all().keySet()) {
      if (!known.contains(key)) {
        problem(MESSAGES, key, "-", "unknown message key (a typo?)");
      }
    }
  }

  private void profileLength(Msg msg, int max) {
    String text = b.messages().raw(msg.key());
    if (text != null && text.strip().length() > max) {
      problem(
          MESSAGES,
          msg.key(),
          "-",
          "Telegram takes at most " + max + " characters here, not " + text.strip().length());
    }
  }

  private static List<String> sorted(Set<String> names) {
    return names.stream().sorted().toList();
  }

  /** Every example belongs to an entry that exists. */
  private void examples() {
    for (String id : b.examples().keySet()) {
      if (b.mistake(id) == null
          && b.exercise(id) == null
          && b.routine(id) == null
          && b.guidance(id) == null) {
        problem(
            ContentLoader.EXAMPLES,
            id,
            "examples",
            "no mistake, exercise, routine or guidance entry has this id");
      }
    }
  }

  private void places() {
    b.places()
        .forEach(
            (name, zone) -> {
              if (!ZoneId.getAvailableZoneIds().contains(zone)) {
                problem(PLACES, name, "-", "'" + zone + "' is not an IANA time zone id");
              }
              if (!name.equals(name.toLowerCase(java.util.Locale.ROOT))) {
                problem(PLACES, name, "-", "place names must be lower case");
              }
            });
  }

  /** Every card the bot can send must fit in one Telegram message. */
  private void lengths() {
    if (!problems.isEmpty()) {
      return; // rendering needs a consistent bundle
    }
    Cards cards = new Cards(b);
    b.mistakes().forEach(m -> fits(MISTAKES, m.id(), cards.mistake(m)));
    b.exercises().forEach(e -> fits(EXERCISES, e.id(), cards.exercise(e)));
    b.routines().forEach(r -> fits(ROUTINES, r.id(), cards.routine(r)));
    b.guidance().forEach(g -> fits(GUIDANCE, g.id(), cards.guidance(g)));
    fits(SAFETY, "-", b.safety().disclaimer() + "\n\n" + b.safety().referrals().emergency());
    for (Question q : b.onboarding().questions()) {
      fits(ONBOARDING, q.id(), q.text());
    }
    for (Msg msg : Msg.values()) {
      fits(MESSAGES, msg.key(), b.messages().raw(msg.key()));
    }
  }

  private void fits(String file, String id, String rendered) {
    if (rendered != null && rendered.length() > MAX_MESSAGE) {
      problem(
          file,
          id,
          "-",
          "renders to " + rendered.length() + " characters; Telegram allows " + MAX_MESSAGE);
    }
  }

  private void text(String file, String id, String field, String value) {
    if (value == null || value.isBlank()) {
      problem(file, id, field, "required");
    }
  }

  private void list(String file, String id, String field, List<String> values) {
    if (values == null || values.isEmpty()) {
      problem(file, id, field, "required, at least one item");
      return;
    }
    for (int i = 0; i < values.size(); i++) {
      if (values.get(i) == null || values.get(i).isBlank()) {
        problem(file, id, field + "[" + i + "]", "empty item");
      }
    }
  }

  private void refs(String file, String id, String field, List<String> exerciseIds) {
    if (exerciseIds == null) {
      return;
    }
    for (String ref : exerciseIds) {
      if (ref != null && b.exercise(ref) == null) {
        problem(file, id, field, "unknown exercise '" + ref + "'");
      }
    }
  }

  private static final Pattern SEED = Pattern.compile("\\d{3}_[0-9a-f]{16}\\.txt");

  private void sources(String file, String id, List<String> sources) {
    for (String s : sources) {
      if (s == null || !SEED.matcher(s).matches()) {
        problem(
            file,
            id,
            "sources",
            "'" + s + "' is not a source article file name like 000_0123456789abcdef.txt");
      }
    }
  }

  private static int buttonBytes(String data) {
    return data.getBytes(StandardCharsets.UTF_8).length;
  }
}
