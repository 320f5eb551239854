package app.backcoach.reply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CallbackTest {
  /** The longest ids the content validator lets through still fit (ids are at most 24 chars). */
  static final String LONG_ID = "x".repeat(24);

  /** One or more examples of every variant, with the longest arguments they can carry. */
  static List<Callback> everyVariant() {
    List<Callback> all = new ArrayList<>();
    all.add(new Callback.Consent(true));
    all.add(new Callback.Consent(false));
    all.add(new Callback.Consent(true, "desk"));
    all.add(new Callback.Answer("equipment", "none"));
    all.add(new Callback.Answer(LONG_ID, LONG_ID));
    all.add(new Callback.Tick(LONG_ID, LONG_ID));
    all.add(new Callback.DoneTicking(LONG_ID));
    all.add(new Callback.Restart(true));
    all.add(new Callback.Restart(false));
    all.add(new Callback.Resume(true));
    all.add(new Callback.Resume(false));
    for (Callback.ClearanceStep s : Callback.ClearanceStep.values()) {
      all.add(new Callback.Clearance(s));
    }
    all.add(new Callback.ShowPlan());
    for (Callback.CardKind k : Callback.CardKind.values()) {
      all.add(new Callback.Card(k, LONG_ID));
    }
    all.add(new Callback.Proposal(true));
    all.add(new Callback.Proposal(false));
    all.add(new Callback.ToggleReminder("MOBILITY"));
    all.add(new Callback.QuietMode());
    for (Callback.PauseSpan s : Callback.PauseSpan.values()) {
      all.add(new Callback.Pause(s));
    }
    all.add(new Callback.Delete(true));
    all.add(new Callback.Delete(false));
    all.add(new Callback.Edit(null));
    all.add(new Callback.Edit(LONG_ID));
    all.add(new Callback.StartCheckin());
    for (Callback.ReminderAction a : Callback.ReminderAction.values()) {
      all.add(new Callback.ReminderTap(Long.MAX_VALUE / 10, a));
    }
    all.add(new Callback.ShareLocation());
    return all;
  }

  @Test
  void everyVariantRoundTripsAndFitsTelegramsLimit() {
    java.util.Set<Class<?>> seen = new java.util.HashSet<>();
    for (Callback c : everyVariant()) {
      String data = c.encode();
      assertEquals(c, Callback.decode(data), data);
      assertTrue(Callback.bytes(data) <= Callback.MAX_BYTES, data + " is too long");
      seen.add(c.getClass());
    }
    for (Class<?> variant : Callback.class.getPermittedSubclasses()) {
      assertTrue(
          variant == Callback.Stale.class || seen.contains(variant),
          variant.getSimpleName() + " has no round-trip example");
    }
  }

  @Test
  void unknownForgedOrOddDataIsStale() {
    for (String data :
        new String[] {
          "",
          "zz",
          "c:maybe",
          "c:y:Extra!",
          "c:n:desk",
          "c:y:desk:more",
          "a:q",
          "a::o",
          "rm:abc:d",
          "rm:12:s15",
          "rm:-1:d",
          "pz:x",
          "rt:mobility",
          "p:1",
          "g:x",
          "x:",
          "del",
          "x".repeat(65),
          "a:" + "é".repeat(40) + ":o"
        }) {
      assertInstanceOf(Callback.Stale.class, Callback.decode(data), data);
    }
    assertInstanceOf(Callback.Stale.class, Callback.decode(null));
  }
}
