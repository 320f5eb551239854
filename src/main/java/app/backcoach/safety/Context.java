package app.backcoach.safety;

import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Context rules in the manner of NegEx and ConText (Chapman et al.): a red-flag mention does not
 * count when it is negated ("no numbness"), past and over ("I had a fever last year"), hypothetical
 * ("what if my leg goes numb") or about someone else ("my dad has sciatica"). Words that show the
 * problem is current ("still", "since", "keeps") win over past and hypothetical, so doubt falls on
 * the side of safety.
 */
final class Context {
  /** How far before a mention a negation still reaches, in words (NegEx uses five or six). */
  static final int NEGATION_REACH = 6;

  /** How far after a mention a word such as "fine" or "gone" reaches. */
  static final int AFTER_REACH = 3;

  private static final Vocabulary NONE = new Vocabulary(Map.of());

  private static final Set<String> NEGATIONS =
      Set.of(
          "no", "not", "never", "without", "nor", "zero", "none", "neither", "dont", "doesnt",
          "didnt", "havent", "hasnt", "hadnt", "isnt", "arent", "wasnt", "werent", "aint", "denies",
          "deny", "denied", "nil", "nothing", "cannot");

  /** Negation-like words that do not negate (NegEx's pseudo-triggers). */
  private static final List<Phrase> PSEUDO =
      phrases(
          "cannot tell",
          "zero force",
          "not be able",
          "not able to",
          "no diet",
          "not dieting",
          "not on purpose",
          "not trying",
          "no appetite",
          "not hungry",
          "didnt diet",
          "dont diet",
          "not mine",
          "isnt mine",
          "not quite",
          "not sure",
          "not certain",
          "dont know",
          "didnt know",
          "no idea",
          "cant tell",
          "not only",
          "not just",
          "no matter",
          "doesnt matter",
          "dont understand",
          "no reason",
          "without warning",
          "without any warning",
          "without trying",
          "without meaning",
          "without noticing",
          "without realising",
          "without realizing",
          "without feeling",
          "without knowing",
          "dont think",
          "didnt think",
          "not been able",
          "havent been able",
          "hasnt been able",
          "dont remember",
          "never been the same",
          "not getting better",
          "isnt getting better",
          "not improving",
          "not going away",
          "wont go away",
          "doesnt go away",
          "isnt going away",
          "doesnt stop",
          "never stops",
          "never goes away",
          "never eases",
          "doesnt ease",
          "nothing helps",
          "nothing eases",
          "not normal",
          "isnt normal",
          "not right",
          "isnt right",
          "doesnt feel right",
          "not working",
          "doesnt work",
          "not able",
          "no control",
          "no strength",
          "no power",
          "no feeling",
          "no sensation",
          "cannot feel",
          "not feel",
          "dont feel",
          "doesnt feel",
          "didnt feel",
          "nothing comes",
          "never had this",
          "never had anything like",
          "never felt",
          "never happened before",
          "not a joke",
          "not kidding",
          "no joke",
          "no warning",
          "no lie",
          "not lying",
          "never used to",
          "didnt used to",
          "didnt use to",
          "not anymore but",
          "no sleep",
          "no position",
          "nothing makes it better",
          "never lets up",
          "didnt make it",
          "not even",
          "not making it");

  private static final List<Phrase> AFTER =
      phrases(
          "fine",
          "normal",
          "ok",
          "okay",
          "none",
          "nope",
          "resolved",
          "cleared",
          "all good",
          "no problem*",
          "no issue*",
          "not an issue",
          "not a problem",
          "unaffected",
          "is good",
          "are good",
          "totally fine",
          "all fine",
          "intact",
          "no change*");

  private static final Set<String> FIRST_PERSON =
      Set.of(
          "us", "we", "our", "ours", "i", "im", "ive", "id", "ill", "my", "me", "mine", "myself");

  private static final Set<String> OTHERS =
      Set.of(
          "he",
          "she",
          "his",
          "her",
          "him",
          "hes",
          "shes",
          "someone",
          "somebody",
          "people",
          "lifters",
          "everyone",
          "others",
          "patients",
          "clients");

  private static final Set<String> RELATIVES =
      Set.of(
          "hooker",
          "player",
          "team",
          "toddler",
          "baby",
          "infant",
          "dad",
          "father",
          "mum",
          "mom",
          "mother",
          "wife",
          "husband",
          "partner",
          "gf",
          "bf",
          "girlfriend",
          "boyfriend",
          "friend",
          "mate",
          "buddy",
          "brother",
          "sister",
          "bro",
          "sis",
          "son",
          "daughter",
          "kid",
          "child",
          "children",
          "grandma",
          "grandpa",
          "gran",
          "nan",
          "nana",
          "grandad",
          "granddad",
          "grandmother",
          "grandfather",
          "uncle",
          "aunt",
          "auntie",
          "cousin",
          "colleague",
          "coworker",
          "boss",
          "client",
          "patient",
          "neighbour",
          "neighbor",
          "roommate",
          "flatmate",
          "housemate",
          "teammate",
          "coach",
          "trainer",
          "missus",
          "missis",
          "hubby",
          "fiance",
          "fiancee",
          "stepdad",
          "stepmum",
          "stepmom",
          "parent",
          "parents",
          "family",
          "gym buddy",
          "pal",
          "old man",
          "old lady",
          "grandmas",
          "sibling",
          "nephew",
          "niece",
          "wifey",
          "spouse",
          "ex",
          "daughters",
          "sons",
          "kids",
          "mates",
          "friends",
          "colleagues",
          "clients",
          "patients",
          "grandson",
          "granddaughter",
          "man",
          "woman",
          "guy",
          "girl",
          "lady",
          "bloke",
          "lad");

  private static final List<Phrase> HYPOTHETICAL =
      phrases(
          "how would i even know",
          "even know if",
          "reading up",
          "just reading",
          "should i be worried about",
          "if my * ever",
          "ever did",
          "id go straight",
          "how do i test",
          "test if",
          "watch for",
          "to watch",
          "told me to look",
          "what exactly counts",
          "what if",
          "what happens if",
          "what should i do if",
          "what do i do if",
          "what would happen if",
          "what to do if",
          "if i ever",
          "if i get",
          "if i got",
          "if i start",
          "if i were",
          "if i was to",
          "if ever",
          "in case",
          "how do i know if",
          "how do i know when",
          "how would i know",
          "how can i tell",
          "how to tell",
          "how do you know",
          "how do i tell",
          "when should i",
          "when to see",
          "when do i need",
          "should i worry if",
          "should i be worried if",
          "signs of",
          "symptoms of",
          "warning sign*",
          "red flag*",
          "risk of",
          "chance of",
          "chances of",
          "to avoid",
          "to prevent",
          "prevent",
          "avoid getting",
          "so i dont get",
          "so i dont end up",
          "worried about getting",
          "worried i might",
          "worried i will",
          "worried ill",
          "afraid of getting",
          "afraid i might",
          "scared of getting",
          "scared i might",
          "could i get",
          "can you get",
          "can i get",
          "do people get",
          "is it possible to get",
          "possible to get",
          "hypothetically",
          "is * common",
          "how common",
          "is it normal to get",
          "is it normal for people",
          "ever get",
          "asked if",
          "asked me if",
          "asked whether",
          "is it true",
          "if you",
          "when you",
          "do you",
          "look out for",
          "watch out for",
          "will * make",
          "would * make",
          "in general",
          "a bad sign",
          "bad sign",
          "what would it mean",
          "would it mean",
          "what would");

  private static final Set<String> QUESTION_START =
      Set.of(
          "can", "could", "does", "do", "will", "would", "is", "are", "should", "how", "what",
          "whats", "which", "why", "when");

  private static final List<Phrase> CAUSAL =
      phrases("cause", "causes", "lead to", "leads to", "give you", "result in", "end up with");

  private static final List<Phrase> PAST =
      phrases(
          "always had",
          "ive always",
          "always have",
          "last year",
          "years ago",
          "year ago",
          "ages ago",
          "long ago",
          "long time ago",
          "a while ago",
          "a while back",
          "decade*",
          "as a kid",
          "as a child",
          "as a teen*",
          "when i was",
          "in my twenties",
          "in my teens",
          "in my 20s",
          "in my thirties",
          "in my 30s",
          "back in",
          "used to",
          "previously",
          "in the past",
          "once before",
          "months ago",
          "month ago",
          "last summer",
          "last winter",
          "last spring",
          "last autumn",
          "the other year",
          "years back",
          "at school",
          "in school",
          "in college",
          "at uni",
          "in high school",
          "childhood",
          "old injury",
          "few years",
          "couple of years",
          "couple years",
          "in my youth",
          "before covid",
          "before i had",
          "after my pregnancy",
          "after giving birth",
          "after i gave birth",
          "after my son was born",
          "after my daughter was born",
          "during pregnancy",
          "when i was pregnant",
          "one time",
          "once in",
          "had it once",
          "happened once",
          "one off",
          "one-off",
          "till i was",
          "until i was",
          "when i was little",
          "after my first baby",
          "after my baby",
          "after having my",
          "after the baby",
          "postpartum",
          "post partum",
          "yrs ago",
          "nothing new",
          "always been like that",
          "been like that for years",
          "for years",
          "since my kids were born",
          "since i had my",
          "my last",
          "last flare",
          "years since",
          "months since");

  private static final List<Phrase> OVER =
      phrases(
          "warmed up fine",
          "was fine the rest",
          "fine the rest of",
          "no change",
          "wore off",
          "comes right",
          "goes as soon as",
          "as soon as i get up",
          "the second i stand up",
          "then fine",
          "always made it",
          "always has been",
          "not new",
          "hasnt changed",
          "fine in a",
          "was fine in",
          "shook it out",
          "shake it out",
          "been normal since",
          "totally normal since",
          "normal ever since",
          "totally normal",
          "fine as soon as",
          "as soon as i take",
          "once i take",
          "fine * min later",
          "fine * mins later",
          "fine * minutes later",
          "normal again",
          "everything works",
          "went away",
          "go away",
          "goes away",
          "gone now",
          "long gone",
          "all gone",
          "is gone",
          "was gone",
          "its gone",
          "cleared up",
          "cleared",
          "resolved",
          "recovered",
          "fine since",
          "been fine",
          "fine now",
          "ok now",
          "okay now",
          "better now",
          "not anymore",
          "healed",
          "sorted",
          "sorted out",
          "passed",
          "passes",
          "back to normal",
          "went back to normal",
          "settled",
          "only lasted",
          "lasted a",
          "lasted about",
          "for a few seconds",
          "for a second",
          "for a couple of seconds",
          "a few seconds",
          "few secs",
          "within a minute",
          "within seconds",
          "within a few minutes",
          "after a minute",
          "after a few minutes",
          "after a few seconds",
          "shook it off",
          "shake it off",
          "walk it off",
          "walked it off",
          "came back",
          "comes back",
          "returns",
          "no issues since",
          "nothing since",
          "never again",
          "never came back",
          "never returned",
          "never since",
          "not since",
          "havent had it since",
          "hasnt come back",
          "all clear",
          "fixed it",
          "fixed",
          "fully recovered",
          "solid now",
          "feel great",
          "nothing new",
          "always been",
          "for years",
          "been like that for",
          "fine once",
          "fine when",
          "fine after",
          "went away when",
          "goes away when",
          "gone when",
          "stopped when",
          "once i stood",
          "once i got up");

  private static final List<Phrase> CURRENT =
      phrases(
          "its back",
          "came back",
          "back again",
          "still",
          "again",
          "currently",
          "lately",
          "recently",
          "today",
          "tonight",
          "yesterday",
          "this week",
          "this morning",
          "this evening",
          "since",
          "ever since",
          "keeps",
          "keep",
          "kept",
          "started",
          "starting",
          "came back",
          "back again",
          "returned",
          "is back",
          "flared",
          "for * days",
          "for * weeks",
          "for days",
          "for weeks",
          "getting worse",
          "at the moment",
          "right now",
          "atm",
          "these days",
          "this past week",
          "now",
          "nowadays",
          "for the past",
          "for the last",
          "past few days",
          "last few days",
          "every day",
          "daily",
          "constantly",
          "all the time",
          "last week",
          "last night",
          "few days ago",
          "couple of days ago",
          "a week ago",
          "is getting",
          "has been",
          "have been",
          "never been the same",
          "not the same since");

  /** Words after which "now" means over, not current: "gone now", "fine now". */
  private static final Set<String> OVER_BEFORE_NOW =
      Set.of("gone", "fine", "ok", "okay", "better", "normal", "good", "over");

  private Context() {}

  /**
   * Why a mention does not count, or null when it does; the reason is shown by {@code ask}.
   *
   * @param parts the whole span first, then the span of each part of the pattern
   */
  static String clearedBy(
      List<Clauses.Clause> all, int clause, int[][] parts, boolean historyCounts) {
    return clearedBy(all, clause, parts, parts[0][0], historyCounts);
  }

  private static String clearedBy(
      List<Clauses.Clause> all, int clause, int[][] parts, int person, boolean historyCounts) {
    Clauses.Clause c = all.get(clause);
    int start = parts[0][0];
    int end = parts[0][1];
    if (negated(c, parts)) {
      return "negated";
    }
    if (someoneElse(all, clause, person)) {
      return "someone else";
    }
    if (!current(c, 0, c.size())
        && !reportElsewhere(all, c.sentence())
        && hypothetical(all, clause)) {
      return "hypothetical";
    }
    if (!historyCounts && past(all, clause, start, end)) {
      return "past";
    }
    return null;
  }

  /** The rules for a whole clause, for the meaning-based net, which has no span to go on. */
  static String clearedBy(List<Clauses.Clause> all, int clause, boolean historyCounts) {
    Clauses.Clause c = all.get(clause);
    for (int i = 0; i < c.size(); i++) {
      if (NEGATIONS.contains(c.word(i)) && !pseudo(c, i)) {
        return "negated";
      }
    }
    int[] whole = {0, c.size()};
    // Whose problem: the person word nearest the clause's end ("my dad says ...", "my wife says
    // I").
    return clearedBy(all, clause, new int[][] {whole, whole}, c.size(), historyCounts);
  }

  /**
   * A negation before the mention, or between its parts ("my legs aren't weak"), within reach and
   * not across a new subject; or "fine", "gone" right after it.
   */
  private static boolean negated(Clauses.Clause c, int[][] parts) {
    int anchor = parts[1][0];
    for (int i = anchor - 1; i >= 0 && anchor - i <= NEGATION_REACH; i--) {
      if (newSubjectAt(c, i + 1) && i + 1 < anchor) {
        break; // "no pain, my foot drags", "no pain and my foot drags"
      }
      if (!inside(parts, i) && negation(c, i)) {
        return true;
      }
    }
    for (int i = parts[0][0]; i < parts[0][1]; i++) {
      if (i > anchor && !inside(parts, i) && negation(c, i)) {
        return true; // between the parts: "my legs aren't weak"
      }
    }
    for (int p = 2; p < parts.length; p++) {
      for (int i = parts[p][0] - 1; i >= 0 && parts[p][0] - i <= 2; i--) {
        if (!inside(parts, i) && negation(c, i)) {
          return true; // right before another part: "no weakness, I can heel walk"
        }
      }
    }
    return after(c, parts[0][1]) || after(c, parts[1][1]);
  }

  private static boolean negation(Clauses.Clause c, int i) {
    return NEGATIONS.contains(c.word(i)) && !pseudo(c, i);
  }

  /** "fine", "normal", "no problem" right after a mention: "my erection is fine". */
  private static boolean after(Clauses.Clause c, int end) {
    Text t = Text.exact(c);
    for (int i = end; i < c.size() && i - end < AFTER_REACH; i++) {
      if (newSubjectAt(c, i)) {
        break;
      }
      for (Phrase p : AFTER) {
        if (!p.ends(t, i).isEmpty()) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean inside(int[][] parts, int i) {
    for (int p = 1; p < parts.length; p++) {
      if (i >= parts[p][0] && i < parts[p][1]) {
        return true;
      }
    }
    return false;
  }

  /** Whether a new subject starts at word i: after a comma, or after "and", "so", "then". */
  private static boolean newSubjectAt(Clauses.Clause c, int i) {
    if (i <= 0 || i >= c.size() || !SUBJECTS.contains(c.word(i))) {
      return false;
    }
    return c.comma().get(i) || JOINS.contains(c.word(i - 1));
  }

  private static final Set<String> SUBJECTS =
      Set.of(
          "i", "im", "ive", "my", "me", "it", "its", "the", "this", "that", "just", "only", "now",
          "still", "and", "back", "but", "so", "then");

  private static final Set<String> JOINS = Set.of("and", "so", "then", "plus", "also");

  /** Whether the negation word at i is part of a pseudo-trigger such as "not sure". */
  private static boolean pseudo(Clauses.Clause c, int i) {
    Text t = Text.exact(c);
    for (Phrase p : PSEUDO) {
      for (int from = Math.max(0, i - 2); from <= i; from++) {
        BitSet ends = p.ends(t, from);
        if (!ends.isEmpty() && ends.length() - 1 > i) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean someoneElse(List<Clauses.Clause> all, int clause, int start) {
    for (int k = clause; k >= 0 && all.get(k).sentence() == all.get(clause).sentence(); k--) {
      Clauses.Clause c = all.get(k);
      for (int i = (k == clause ? start : c.size()) - 1; i >= 0; i--) {
        String w = c.word(i);
        if (relative(w) && shared(c, i)) {
          return false; // "me and my wife", "my wife and I"
        }
        if (relative(w) && i + 1 < c.size() && EVENTS.contains(c.word(i + 1))) {
          continue; // "my nephew's birthday": an occasion, not whose problem
        }
        if (relative(w)
            || (w.equals("old")
                && i > 0
                && Set.of("year", "yr", "years").contains(c.word(i - 1)))) {
          return !firstPersonObject(all.get(clause), start); // "someone t-boned us"
        }
        if (w.equals("mine") && i >= 2 && relative(c.word(i - 2))) {
          return true; // "a patient of mine"
        }
        if (OTHERS.contains(w)
            && !(i > 0 && Set.of("like", "wiping", "touching", "to").contains(c.word(i - 1)))) {
          // "like someone else's bum" is a comparison, not someone else's problem
          return !firstPersonObject(all.get(clause), start);
        }
        if (FIRST_PERSON.contains(w)) {
          return false;
        }
      }
    }
    return false;
  }

  private static final Set<String> EVENTS =
      Set.of(
          "birthday",
          "party",
          "wedding",
          "house",
          "place",
          "funeral",
          "game",
          "match",
          "school",
          "work",
          "garden",
          "farm",
          "gym",
          "car",
          "bike",
          "yard",
          "barbecue",
          "bbq");

  /** "me and my wife", "my wife and I": the user is in it too. */
  private static boolean shared(Clauses.Clause c, int i) {
    boolean before =
        i >= 3
            && c.word(i - 1).equals("my")
            && c.word(i - 2).equals("and")
            && FIRST_PERSON.contains(c.word(i - 3));
    boolean after =
        i + 2 < c.size() && c.word(i + 1).equals("and") && FIRST_PERSON.contains(c.word(i + 2));
    return before || after;
  }

  /** "someone t-boned us", "a car hit me": the user is the one it happened to. */
  private static boolean firstPersonObject(Clauses.Clause c, int start) {
    for (int i = start; i < Math.min(c.size(), start + 4); i++) {
      if (Set.of("us", "me", "myself").contains(c.word(i))) {
        return true;
      }
    }
    return false;
  }

  private static boolean relative(String w) {
    return RELATIVES.contains(w)
        || (w.endsWith("s")
            && w.length() > 2
            && RELATIVES.contains(w.substring(0, w.length() - 1)));
  }

  /**
   * Whether another sentence says it is happening to the user now: "is that a red flag? asking
   * because it's happening to me right now".
   */
  private static final List<Phrase> REPORT =
      phrases(
          "happening to me",
          "because i have",
          "i have it",
          "ive had it",
          "its been since",
          "it started",
          "started",
          "since last",
          "since yesterday",
          "for * days",
          "for * weeks",
          "because mine",
          "since mine",
          "because i do");

  private static boolean reportElsewhere(List<Clauses.Clause> all, int sentence) {
    for (Clauses.Clause c : all) {
      if (c.sentence() != sentence && any(c, REPORT, null)) {
        return true;
      }
    }
    return false;
  }

  /** Whether words from..to-1 hold a sign that the problem is current ("still", "since"). */
  private static boolean current(Clauses.Clause c, int from, int to) {
    Text t = Text.exact(c);
    for (int i = from; i < to; i++) {
      if (c.word(i).equals("now") && i > 0 && OVER_BEFORE_NOW.contains(c.word(i - 1))) {
        continue;
      }
      if (backAsBodyPart(c, i)) {
        continue; // "is back pain a bad sign" is not "it is back"
      }
      for (Phrase p : CURRENT) {
        BitSet ends = p.ends(t, i);
        if (!ends.isEmpty() && ends.length() - 1 <= to) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean hypothetical(List<Clauses.Clause> all, int clause) {
    int sentence = all.get(clause).sentence();
    Clauses.Clause first = null;
    for (int k = 0; k < all.size(); k++) {
      Clauses.Clause c = all.get(k);
      if (c.sentence() != sentence) {
        continue;
      }
      if (first == null) {
        first = c;
      }
      if (k <= clause && any(c, HYPOTHETICAL, null)) {
        return true;
      }
    }
    if (first == null) {
      return false;
    }
    boolean question = QUESTION_START.contains(first.word(0)) || first.word(0).equals("whats");
    if (question && any(all.get(clause), CAUSAL, null)) {
      return true;
    }
    // A general question, about no one in particular: "is numbness a sign of a slipped disc?"
    boolean personal = false;
    boolean conditional = false;
    for (Clauses.Clause c : all) {
      // Anyone in the message: "is it normal to leak? it's happened twice today" is personal.
      personal |= c.words().stream().anyMatch(FIRST_PERSON::contains);
      personal |= c.sentence() != sentence && current(c, 0, c.size());
      if (c.sentence() == sentence) {
        conditional |= c.words().contains("if");
      }
    }
    if (question && !personal) {
      return true;
    }
    // "if my legs start giving way, what do I do"
    return conditional && anyInSentence(all, sentence, WHAT_TO_DO);
  }

  private static final List<Phrase> WHAT_TO_DO =
      phrases("what do i do", "what should i do", "what happens", "what would happen");

  private static boolean anyInSentence(List<Clauses.Clause> all, int sentence, List<Phrase> ps) {
    for (Clauses.Clause c : all) {
      if (c.sentence() == sentence && any(c, ps, null)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Past and over: a past-time phrase in the mention's own comma-separated part with no sign there
   * that it is current; or a phrase later in the sentence saying it went away.
   */
  private static boolean past(List<Clauses.Clause> all, int clause, int start, int end) {
    Clauses.Clause c = all.get(clause);
    int from = start;
    while (from > 0 && !c.comma().get(from)) {
      from--;
    }
    int to = end;
    while (to < c.size() && !c.comma().get(to)) {
      to++;
    }
    if (!current(c, from, to) && (pastPhrase(c, from, to) || year(c, from, to))) {
      return true;
    }
    if (longstanding(all, c.sentence())) {
      return true; // "since my second baby 8 years ago I leak a bit, not new"
    }
    // Over since: "went away", "fine as soon as I stand up", unless it is back again after that.
    int sentence = c.sentence();
    boolean over = false;
    for (int k = clause; k < all.size() && all.get(k).sentence() == sentence; k++) {
      Clauses.Clause d = all.get(k);
      int at = overAt(d, k == clause ? end : 0);
      if (over && strongCurrent(d, 0, d.size())) {
        return false; // "it went away, but now it's back again"
      }
      if (at >= 0) {
        over = true;
        int segmentEnd = at; // overAt gives the end of the phrase
        while (segmentEnd < d.size() && !d.comma().get(segmentEnd)) {
          segmentEnd++;
        }
        if (strongCurrent(d, at, segmentEnd)) {
          return false;
        }
      }
    }
    return over;
  }

  private static final List<Phrase> STRONG_CURRENT =
      phrases("still", "again", "came back", "back again", "its back", "is back", "returned");

  /** Where an "over" phrase starts at or after {@code from}, or -1. */
  private static int overAt(Clauses.Clause c, int from) {
    Text t = Text.exact(c);
    for (int i = from; i < c.size(); i++) {
      for (Phrase p : OVER) {
        if (!p.ends(t, i).isEmpty() && !negatedAt(c, i)) {
          BitSet ends = p.ends(t, i);
          return ends.length() - 1;
        }
      }
    }
    return -1;
  }

  /** "is back pain ...": "back" the body part, not "it is back again". */
  private static boolean backAsBodyPart(Clauses.Clause c, int i) {
    return Set.of("is", "its").contains(c.word(i))
        && i + 2 < c.size()
        && c.word(i + 1).equals("back")
        && !c.comma().get(i + 2)
        && !c.word(i + 2).equals("again");
  }

  private static boolean strongCurrent(Clauses.Clause c, int from, int to) {
    Text t = Text.exact(c);
    for (int i = Math.max(0, from); i < to; i++) {
      if (backAsBodyPart(c, i)) {
        continue;
      }
      for (Phrase p : STRONG_CURRENT) {
        if (!p.ends(t, i).isEmpty()) {
          return true;
        }
      }
    }
    return false;
  }

  private static final List<Phrase> LONGSTANDING =
      phrases(
          "since my daughter was born",
          "since my son was born",
          "since my kids",
          "since my * baby",
          "since my kids",
          "since my twins",
          "since having kids",
          "since i had kids",
          "since menopause",
          "since the menopause",
          "since my kids were born",
          "ever since my * baby");

  private static final List<Phrase> NEWLY =
      phrases("started", "again", "worse", "new", "never had", "never happened", "first time");

  /** A problem the person has had since long before: "since my kids were born, not new". */
  private static boolean longstanding(List<Clauses.Clause> all, int sentence) {
    boolean since = false;
    for (Clauses.Clause c : all) {
      if (c.sentence() == sentence) {
        if (any(c, NEWLY, null) && !any(c, phrases("not new", "nothing new"), null)) {
          return false;
        }
        since |= any(c, LONGSTANDING, null);
      }
    }
    return since;
  }

  private static boolean pastPhrase(Clauses.Clause c, int from, int to) {
    Text t = Text.exact(c);
    for (int i = from; i < to; i++) {
      for (Phrase p : PAST) {
        if (!p.ends(t, i).isEmpty() && !negatedAt(c, i)) {
          return true;
        }
      }
    }
    return false;
  }

  /** "in 2016", "back in 2019": a year before this one, after a word that places it in time. */
  private static boolean year(Clauses.Clause c, int from, int to) {
    for (int i = Math.max(1, from); i < to; i++) {
      String w = c.word(i);
      if (w.length() == 4
          && (w.startsWith("19") || w.startsWith("20"))
          && w.chars().allMatch(Character::isDigit)
          && Set.of("in", "during", "around", "circa", "back").contains(c.word(i - 1))) {
        return true;
      }
    }
    return false;
  }

  /** "went away", "gone now", but not "never went away" or "won't go away". */
  private static boolean over(Clauses.Clause c, int from) {
    Text t = Text.exact(c);
    for (int i = from; i < c.size(); i++) {
      for (Phrase p : OVER) {
        if (!p.ends(t, i).isEmpty() && !negatedAt(c, i)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean negatedAt(Clauses.Clause c, int i) {
    for (int j = i - 1; j >= 0 && i - j <= 2; j--) {
      if (NEGATIONS.contains(c.word(j)) || c.word(j).equals("wont") || c.word(j).equals("cant")) {
        return true;
      }
    }
    return false;
  }

  private static boolean any(Clauses.Clause c, List<Phrase> phrases, Integer from) {
    Text t = Text.exact(c);
    for (int i = from == null ? 0 : from; i < c.size(); i++) {
      for (Phrase p : phrases) {
        if (!p.ends(t, i).isEmpty()) {
          return true;
        }
      }
    }
    return false;
  }

  private static List<Phrase> phrases(String... texts) {
    return java.util.Arrays.stream(texts).map(s -> Phrase.compile(s, NONE)).toList();
  }
}
