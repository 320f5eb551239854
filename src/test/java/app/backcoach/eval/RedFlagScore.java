package app.backcoach.eval;

import app.backcoach.content.Safety;
import app.backcoach.content.Urgency;
import app.backcoach.safety.Screener;
import app.backcoach.safety.Screening;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Scores a red-flag screen on a labelled set: recall per concept, false referrals on near-misses,
 * under-triage (a reply less urgent than the labels need) and concepts named that were not said.
 */
public final class RedFlagScore {
  public final Map<String, int[]> perConcept = new LinkedHashMap<>(); // {found, total}
  public final Map<String, int[]> falsePerConcept = new LinkedHashMap<>(); // raised on a NONE row
  public int positives;
  public int positivesCaught; // every label found
  public int positivesReferred; // at least one concept raised
  public int negatives;
  public int falseReferrals;
  public int underTriaged;
  public int extraNamed;
  public int emergencyUrgentLabels;
  public int emergencyUrgentFound;
  public final List<String> misses = new ArrayList<>();

  public static RedFlagScore of(Screener screen, Safety safety, List<Labelled> set) {
    RedFlagScore s = new RedFlagScore();
    for (var f : safety.redFlags()) {
      s.perConcept.put(f.id(), new int[2]);
      s.falsePerConcept.put(f.id(), new int[1]);
    }
    for (Labelled l : set) {
      Screening got = screen.screen(l.text());
      Set<String> ids = got.ids();
      if (l.none()) {
        s.negatives++;
        if (!ids.isEmpty()) {
          s.falseReferrals++;
          ids.forEach(id -> s.falsePerConcept.computeIfAbsent(id, k -> new int[1])[0]++);
          s.misses.add("FALSE " + ids + "  " + l.text() + "  [" + evidence(got) + "]");
        }
        continue;
      }
      s.positives++;
      if (!ids.isEmpty()) {
        s.positivesReferred++;
      }
      boolean all = true;
      Urgency need = Urgency.SOON;
      for (String label : l.labels()) {
        var flag = safety.redFlag(label);
        if (flag == null) {
          throw new IllegalArgumentException("unknown label " + label + " in: " + l.text());
        }
        need = flag.urgency().compareTo(need) > 0 ? flag.urgency() : need;
        int[] c = s.perConcept.get(label);
        c[1]++;
        boolean hit = ids.contains(label) || coveredBy(safety, label, ids);
        if (flag.urgency() != Urgency.SOON) {
          s.emergencyUrgentLabels++;
          if (hit) {
            s.emergencyUrgentFound++;
          }
        }
        if (hit) {
          c[0]++;
        } else {
          all = false;
        }
      }
      if (all) {
        s.positivesCaught++;
      } else {
        s.misses.add(
            "MISS " + l.labels() + " got " + ids + "  " + l.text() + "  [" + evidence(got) + "]");
      }
      Urgency gotUrgency = got.urgency();
      if (gotUrgency == null || gotUrgency.compareTo(need) < 0) {
        s.underTriaged++;
      }
      for (String id : ids) {
        if (!l.labels().contains(id)) {
          s.extraNamed++;
        }
      }
    }
    return s;
  }

  /**
   * A label counts as found when a concept that covers it was raised (both_legs covers tingling).
   */
  private static boolean coveredBy(Safety safety, String label, Set<String> ids) {
    for (String id : ids) {
      var f = safety.redFlag(id);
      if (f != null && f.covers().contains(label)) {
        return true;
      }
    }
    return false;
  }

  private static String evidence(Screening got) {
    List<String> out = new ArrayList<>();
    for (var f : got.findings()) {
      out.add(
          f.concept()
              + (f.byMeaning() ? "~" : "")
              + ":"
              + f.evidence()
              + (f.raised() ? "" : "/" + f.clearedBy()));
    }
    return String.join("; ", out);
  }

  public double recallEmergencyUrgent() {
    return pct(emergencyUrgentFound, emergencyUrgentLabels);
  }

  public double falseReferralRate() {
    return pct(falseReferrals, negatives);
  }

  static double pct(int a, int b) {
    return b == 0 ? 0 : 100.0 * a / b;
  }
}
