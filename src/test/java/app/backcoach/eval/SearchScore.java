package app.backcoach.eval;

import app.backcoach.conversation.Search;
import java.util.List;

/** Scores a question search on a labelled set: top-1, top-3 and the off-topic decision. */
public final class SearchScore {
  public int answerable;
  public int top1;
  public int top3;
  public int offTopic;
  public int saidNone;
  public int saidNoneRight;

  public static SearchScore of(Search search, List<Labelled> set) {
    SearchScore s = new SearchScore();
    for (Labelled l : set) {
      if (l.labels().contains("REDFLAG")) {
        continue; // the red-flag screen answers these, before any search
      }
      List<Search.Found> hits = search.find(l.text(), 3);
      if (hits.isEmpty()) {
        s.saidNone++;
      }
      if (l.none()) {
        s.offTopic++;
        if (hits.isEmpty()) {
          s.saidNoneRight++;
        }
        continue;
      }
      s.answerable++;
      if (!hits.isEmpty() && l.labels().contains(hits.get(0).id())) {
        s.top1++;
      }
      if (hits.stream().anyMatch(h -> l.labels().contains(h.id()))) {
        s.top3++;
      }
    }
    return s;
  }

  public String line() {
    return String.format(
        "top-1 %.1f %% (%d/%d) | top-3 %.1f %% (%d/%d) | off-topic precision %.1f %% (%d/%d) | off-topic recall %.1f %% (%d/%d)",
        RedFlagScore.pct(top1, answerable),
        top1,
        answerable,
        RedFlagScore.pct(top3, answerable),
        top3,
        answerable,
        saidNone == 0 ? 100.0 : RedFlagScore.pct(saidNoneRight, saidNone),
        saidNoneRight,
        saidNone,
        RedFlagScore.pct(saidNoneRight, offTopic),
        saidNoneRight,
        offTopic);
  }
}
