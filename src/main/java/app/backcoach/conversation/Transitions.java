package app.backcoach.conversation;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Every change of stage the engine makes, as drawn in conversation.mmd: the engine asserts each
 * change it makes is listed here, and DialogueDiagramTest checks the diagram draws exactly these.
 */
final class Transitions {
  private Transitions() {}

  static final Map<Stage, Set<Stage>> ALLOWED = new EnumMap<>(Stage.class);

  static {
    allow(Stage.NEW, Stage.CONSENT);
    allow(Stage.CONSENT, Stage.ASKING, Stage.DECLINED);
    allow(Stage.DECLINED, Stage.CONSENT);
    allow(Stage.ASKING, Stage.READY, Stage.IDLE);
    allow(Stage.IDLE, Stage.ASKING);
    allow(Stage.READY, Stage.ASKING, Stage.CHECKIN);
    allow(Stage.CHECKIN, Stage.READY);
  }

  private static void allow(Stage from, Stage... to) {
    ALLOWED.computeIfAbsent(from, s -> EnumSet.noneOf(Stage.class)).addAll(Set.of(to));
  }

  /** True when staying put, or when the change is listed. */
  static boolean allowed(Stage from, Stage to) {
    return from == to || ALLOWED.getOrDefault(from, Set.of()).contains(to);
  }
}
