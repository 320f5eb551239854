package app.backcoach.bench;

import app.backcoach.ConsoleScript;
import app.backcoach.TestContent;
import app.backcoach.content.ContentBundle;
import app.backcoach.conversation.Engine;
import app.backcoach.conversation.Event;
import app.backcoach.conversation.Inputs;
import app.backcoach.conversation.Outcome;
import app.backcoach.conversation.Search;
import app.backcoach.conversation.Stage;
import app.backcoach.conversation.UserState;
import app.backcoach.meaning.Embedder;
import app.backcoach.meaning.Meaning;
import app.backcoach.meaning.MiniLm;
import app.backcoach.meaning.VectorCache;
import app.backcoach.safety.MeaningNet;
import app.backcoach.safety.RedFlagScreen;
import app.backcoach.safety.TwoNets;
import app.backcoach.search.ContentIndex;
import app.backcoach.search.EntryVectors;
import app.backcoach.search.HybridSearch;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Benchmark 5: answer latency for free-text questions over the whole bundle. Every labelled
 * question in {@code questions.tsv} is typed by a user who has finished onboarding and goes through
 * the real answering path, {@link Engine#handle}: the red-flag screen (words, then meaning), the
 * hybrid search (Lucene and sentence vectors) and the answer with its next-match buttons, as the
 * bot runs once its model has loaded; and the same with words only, as before the model is ready.
 * Rounds over the whole set after a warm-up; also times the search alone. Usage: QuestionsBench
 * [rounds] (default 20).
 */
public final class QuestionsBench {
  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    ContentBundle content = TestContent.bundle();
    long b0 = System.nanoTime();
    ContentIndex index = ContentIndex.build(content);
    System.out.printf(
        Locale.ROOT, "Lucene index built in %.0f ms%n", (System.nanoTime() - b0) / 1e6);
    long m0 = System.nanoTime();
    Embedder model = MiniLm.load();
    double modelMs = (System.nanoTime() - m0) / 1e6;
    VectorCache cache = new VectorCache(null);
    long v0 = System.nanoTime();
    EntryVectors vectors = EntryVectors.build(content, model, cache);
    MeaningNet net = MeaningNet.forBundle(content, model, cache);
    double vectorsMs = (System.nanoTime() - v0) / 1e6;
    HybridSearch hybrid = new HybridSearch(index, Meaning.of(vectors));
    Engine words = new Engine(content, index);
    Engine engine =
        new Engine(content, hybrid, new TwoNets(RedFlagScreen.forBundle(content), Meaning.of(net)));
    System.out.printf(
        Locale.ROOT,
        "model loaded in %.0f ms; bundle and red-flag vectors computed in %.0f ms (uncached)%n",
        modelMs,
        vectorsMs);
    time("words only (before the model is ready)", words, index, content, rounds, false);
    time("words and meaning (as deployed)", engine, hybrid, content, rounds, true);
  }

  private static void time(
      String label, Engine engine, Search index, ContentBundle content, int rounds, boolean last)
      throws Exception {
    UserState ready = onboarded(engine);
    List<String> questions = questions();
    Instant now = Instant.now();

    // Warm-up: JIT for the engine and Lucene.
    for (int r = 0; r < 10; r++) {
      for (String q : questions) {
        engine.handle(ready, Inputs.parse(q), now);
      }
    }
    long[] engineNanos = new long[rounds * questions.size()];
    long[] searchNanos = new long[rounds * questions.size()];
    int i = 0;
    int answered = 0;
    for (int r = 0; r < rounds; r++) {
      for (String q : questions) {
        Event e = Inputs.parse(q);
        long t = System.nanoTime();
        Outcome out = engine.handle(ready, e, now);
        engineNanos[i] = System.nanoTime() - t;
        t = System.nanoTime();
        answered += index.find(q, 3).isEmpty() ? 0 : 1;
        searchNanos[i] = System.nanoTime() - t;
        if (out.replies().isEmpty()) {
          throw new IllegalStateException("no reply to " + q);
        }
        i++;
      }
    }
    System.out.printf(
        Locale.ROOT,
        "%s: %d labelled questions x %d rounds (after 10 warm-up rounds)%n",
        label,
        questions.size(),
        rounds);
    System.out.printf(
        Locale.ROOT,
        "answer (Engine.handle: red flags, search, reply): p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
        Stats.percentileMillis(engineNanos, 0.5),
        Stats.percentileMillis(engineNanos, 0.99),
        Stats.maxMillis(engineNanos));
    System.out.printf(
        Locale.ROOT,
        "search alone (top 3): p50 %.2f ms, p99 %.2f ms, max %.2f ms; %d of %d found a match%n",
        Stats.percentileMillis(searchNanos, 0.5),
        Stats.percentileMillis(searchNanos, 0.99),
        Stats.maxMillis(searchNanos),
        answered / rounds,
        questions.size());
    double p50 = Stats.percentileMillis(engineNanos, 0.5);
    double p99 = Stats.percentileMillis(engineNanos, 0.99);
    if (!last) {
      return;
    }
    Results.line(
        "question answer latency p50", String.format(Locale.ROOT, "%.2f ms", p50), "-", null);
    Results.line(
        "question answer latency p99", String.format(Locale.ROOT, "%.2f ms", p99), "-", null);
  }

  /** The whole onboarding of the desk worker, consent and accepted reminders included. */
  static List<Event> onboardingScript() {
    List<Event> script = new ArrayList<>();
    script.add(Inputs.parse("/start"));
    script.add(new Event.Tap("c:y"));
    for (String a : ConsoleScript.DESK_WORKER) {
      script.add(Inputs.parse(a));
    }
    script.add(new Event.Tap("rp:y"));
    return script;
  }

  /** A user who went through the whole onboarding and accepted the reminders. */
  static UserState onboarded(Engine engine) {
    UserState s = UserState.fresh(1);
    Instant now = Instant.now();
    for (Event e : onboardingScript()) {
      s = engine.handle(s, e, now).state();
    }
    if (s.stage() != Stage.READY) {
      throw new IllegalStateException("onboarding ended in " + s.stage());
    }
    return s;
  }

  static List<String> questions() throws Exception {
    List<String> out = new ArrayList<>();
    try (BufferedReader r =
        new BufferedReader(
            new InputStreamReader(
                QuestionsBench.class.getResourceAsStream("/questions.tsv"),
                StandardCharsets.UTF_8))) {
      for (String line; (line = r.readLine()) != null; ) {
        if (!line.isBlank()) {
          out.add(line.split("\t")[0]);
        }
      }
    }
    return out;
  }
}
