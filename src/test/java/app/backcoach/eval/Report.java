package app.backcoach.eval;

import app.backcoach.content.Safety;

/** Prints evaluation figures as markdown-ready lines. */
final class Report {
  private Report() {}

  static void redFlags(String screen, String set, RedFlagScore s, Safety safety) {
    System.out.printf(
        "%n### red flags, %s screen, %s set: %d phrasings (%d positive, %d near-miss)%n",
        screen, set, s.positives + s.negatives, s.positives, s.negatives);
    System.out.printf(
        "emergency+urgent recall %.1f %% (%d/%d) | every label caught %.1f %% (%d/%d) | referred at all %.1f %% | false referrals %.1f %% (%d/%d) | under-triaged %d | extra concepts named %d%n",
        s.recallEmergencyUrgent(),
        s.emergencyUrgentFound,
        s.emergencyUrgentLabels,
        RedFlagScore.pct(s.positivesCaught, s.positives),
        s.positivesCaught,
        s.positives,
        RedFlagScore.pct(s.positivesReferred, s.positives),
        s.falseReferralRate(),
        s.falseReferrals,
        s.negatives,
        s.underTriaged,
        s.extraNamed);
    System.out.println("| concept | urgency | recall | false referrals raised on near-misses |");
    System.out.println("| --- | --- | --- | --- |");
    for (var e : s.perConcept.entrySet()) {
      int[] c = e.getValue();
      var f = safety.redFlag(e.getKey());
      System.out.printf(
          "| %s | %s | %s | %d |%n",
          e.getKey(),
          f.urgency().name().toLowerCase(java.util.Locale.ROOT),
          c[1] == 0
              ? "-"
              : String.format("%.0f %% (%d/%d)", RedFlagScore.pct(c[0], c[1]), c[0], c[1]),
          s.falsePerConcept.getOrDefault(e.getKey(), new int[1])[0]);
    }
  }
}
