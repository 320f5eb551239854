package app.backcoach.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.backcoach.TestContent;
import app.backcoach.content.ContentBundle;
import app.backcoach.reply.Button;
import app.backcoach.reply.Reply;
import app.backcoach.search.ContentIndex;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Free-text questions outside a question that expects an answer, answered from the bundle. */
class EngineAskTest {
  static final ContentBundle CONTENT = TestContent.bundle();
  static final Engine ENGINE = new Engine(CONTENT, ContentIndex.build(CONTENT));

  /** The desk worker with a plan, driven through the search-enabled engine. */
  static UserState ready(String[] script) {
    UserState s = UserState.fresh(8);
    Instant now = Instant.parse("2026-03-02T08:00:00Z");
    s = ENGINE.handle(s, Inputs.parse("/start"), now).state();
    s = ENGINE.handle(s, new Event.Tap("c:y"), now).state();
    for (String a : script) {
      s = ENGINE.handle(s, Inputs.parse(a), now).state();
    }
    assertEquals(Stage.READY, s.stage());
    return s;
  }

  static Outcome ask(UserState s, String text) {
    return ENGINE.handle(s, new Event.Text(text), Instant.parse("2026-03-02T09:00:00Z"));
  }

  @Test
  void questionGetsTheBestEntryWithTheNextTwoAndThePlanAsButtons() {
    Outcome o = ask(ready(Personas.DESK_WORKER), "what should I stretch after sitting all day");
    Reply r = o.replies().get(0);
    assertTrue(r.text().contains(CONTENT.mistake("poor_sitting").title()), r.text());
    List<Button> buttons = r.flatButtons();
    assertEquals("p", buttons.get(buttons.size() - 1).data());
    assertTrue(buttons.size() >= 3, buttons.toString());
    assertTrue(buttons.get(0).data().matches("(f|x|r|gd):[a-z0-9_]+"), buttons.toString());
  }

  @Test
  void typosSlangAndSynonymsWork() {
    UserState s = ready(Personas.DESK_WORKER);
    assertTrue(ask(s, "hamstrngs tight").replies().get(0).text().contains("hamstrings"));
    assertTrue(ask(s, "how do i do rdls").replies().get(0).text().contains("Romanian deadlift"));
  }

  @Test
  void offTopicQuestionGetsAnHonestNoAndTheTopicMenu() {
    Outcome o = ask(ready(Personas.DESK_WORKER), "what's the capital of france");
    Reply r = o.replies().get(0);
    assertTrue(r.text().startsWith("I don't have a good answer"), r.text());
    assertTrue(r.flatButtons().stream().anyMatch(b -> b.data().equals("r:warm_up")));
  }

  @Test
  void flaredUpBackGetsNoHeavyLoadingAdvice() {
    String[] flared = Personas.DEADLIFTER.clone();
    flared[9] = "8";
    UserState s = ready(flared);
    Reply r = ask(s, "how do i deadlift").replies().get(0);
    assertFalse(r.text().startsWith(CONTENT.exercise("deadlift").name() + "\n"), r.text());
    assertTrue(r.text().contains("flared up"), r.text());
  }

  @Test
  void noKitUsersAreOfferedAnAlternative() {
    Reply r = ask(ready(Personas.DESK_WORKER), "back extension machine how to").replies().get(0);
    assertTrue(r.text().contains("No kit for this one?"), r.text());
  }

  @Test
  void redFlagPhrasingWinsOverTheSearch() {
    Reply r =
        ask(ready(Personas.DESK_WORKER), "pins and needels in my foot after deadlifts")
            .replies()
            .get(0);
    assertTrue(
        r.text().startsWith(CONTENT.safety().referrals().of(app.backcoach.content.Urgency.SOON)));
  }

  @Test
  void exerciseAnswersAreWithheldWhileAdviceIsPaused() {
    UserState s = ready(Personas.DESK_WORKER);
    s = ask(s, "I have a fever").state();
    Reply r = ask(s, "how do i do a bird dog").replies().get(0);
    assertTrue(r.text().contains("paused exercise advice"), r.text());
  }

  @Test
  void guidanceCardsOpenFromTheirButtons() {
    UserState s = ready(Personas.DESK_WORKER);
    Outcome o =
        ENGINE.handle(s, new Event.Tap("gd:weekly_volume"), Instant.parse("2026-03-02T09:00:00Z"));
    assertTrue(o.replies().get(0).text().contains(CONTENT.guidance("weekly_volume").title()));
  }
}
