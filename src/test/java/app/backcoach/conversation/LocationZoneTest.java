package app.backcoach.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.backcoach.TestContent;
import app.backcoach.conversation.ZoneFinder.Fit;
import app.backcoach.conversation.ZoneFinder.Located;
import app.backcoach.reply.Reply;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A shared location sets the zone the finder gives, says how sure it is, and takes the location
 * keyboard off the screen; so does a city typed instead.
 */
class LocationZoneTest {
  /** A finder that answers what the test says and records what it was asked. */
  private static final class FakeFinder implements ZoneFinder {
    Located answer;
    final List<double[]> asked = new ArrayList<>();

    @Override
    public Located find(double latitude, double longitude) {
      asked.add(new double[] {latitude, longitude});
      return answer;
    }
  }

  private final FakeFinder finder = new FakeFinder();

  private ChatDriver atZoneQuestion() {
    ChatDriver chat =
        new ChatDriver(
                5,
                new Engine(
                    TestContent.bundle(),
                    Search.NONE,
                    app.backcoach.safety.RedFlagScreen.forBundle(TestContent.bundle()),
                    finder))
            .consented();
    int i = 0;
    while (!"timezone".equals(chat.state.questionId())) {
      chat.say(Personas.ALL_QUESTIONS[i++]);
    }
    return chat;
  }

  @Test
  void aLocationInsideAZoneSetsItAndRemovesTheKeyboard() {
    ChatDriver chat = atZoneQuestion();
    finder.answer = new Located(ZoneId.of("Europe/Madrid"), Fit.INSIDE, null);
    chat.send(new Event.Location(40.4168, -3.7038));
    assertEquals(40.4168, finder.asked.get(0)[0], 1e-9);
    assertEquals("Europe/Madrid", chat.state.answers().get("timezone").value());
    Reply said = chat.last.replies().get(0);
    assertTrue(said.text().contains("Europe/Madrid"), said.text());
    assertTrue(said.removeKeyboard());
    assertFalse(said.text().contains("estimate"), said.text());
    assertEquals("pain_area", chat.state.questionId());
  }

  @Test
  void eachKindOfFitIsExplained() {
    ZoneId lisbon = ZoneId.of("Europe/Lisbon");
    Object[][] cases = {
      {new Located(ZoneId.of("Europe/Madrid"), Fit.NEAR_BORDER, lisbon), "Europe/Lisbon"},
      {new Located(ZoneId.of("Europe/Madrid"), Fit.NEAREST_LAND, null), "nearest zone on land"},
      {new Located(ZoneId.of("Etc/GMT+2"), Fit.AT_SEA, null), "out at sea"},
      {new Located(ZoneId.of("UTC+01:00"), Fit.ROUGH, null), "ignores daylight saving"},
    };
    for (Object[] c : cases) {
      ChatDriver chat = atZoneQuestion();
      Located found = (Located) c[0];
      finder.answer = found;
      chat.send(new Event.Location(1, 2));
      String text = chat.last.replies().get(0).text();
      assertTrue(text.contains((String) c[1]), found.fit() + ": " + text);
      assertTrue(text.contains(found.zone().getId()), text);
      assertEquals(found.zone().getId(), chat.state.answers().get("timezone").value());
    }
  }

  @Test
  void aCityTypedInsteadAlsoRemovesTheKeyboard() {
    ChatDriver chat = atZoneQuestion();
    chat.say("Madrid");
    Reply said = chat.last.replies().get(0);
    assertTrue(said.text().contains("Europe/Madrid"), said.text());
    assertTrue(said.removeKeyboard());
    assertTrue(finder.asked.isEmpty());
  }

  @Test
  void timezoneCommandTakesALocationToo() {
    ChatDriver chat = atZoneQuestion();
    finder.answer = new Located(ZoneId.of("Asia/Kolkata"), Fit.INSIDE, null);
    chat.send(new Event.Location(19.076, 72.8777));
    while (chat.state.stage() == Stage.ASKING) {
      chat.say(Personas.answerTo(chat.state.questionId()));
    }
    chat.say("/timezone");
    assertTrue(chat.last.replies().get(0).requestLocation());
    finder.answer = new Located(ZoneId.of("Australia/Lord_Howe"), Fit.INSIDE, null);
    chat.send(new Event.Location(-31.5553, 159.0821));
    assertEquals("Australia/Lord_Howe", chat.state.answers().get("timezone").value());
    assertTrue(chat.last.replies().get(0).removeKeyboard());
  }

  @Test
  void aLocationNobodyAskedForIsNotLookedUp() {
    ChatDriver chat = new ChatDriver(6).consented();
    chat.send(new Event.Location(40.4, -3.7));
    assertTrue(finder.asked.isEmpty());
    assertFalse(chat.last.replies().isEmpty());
  }
}
