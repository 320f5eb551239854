package app.backcoach.content;

/** How soon a red flag needs a clinician, mildest first. */
public enum Urgency {
  /** See a doctor or physiotherapist soon. */
  SOON,
  /** See a doctor within a day or two. */
  URGENT,
  /** Go to an emergency department or call the emergency number now. */
  EMERGENCY
}
