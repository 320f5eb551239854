package app.backcoach.conversation;

/** A yes/no confirmation the bot is waiting for; buttons for any other one are stale. */
public enum Pending {
  /** "Start over? This replaces your answers." */
  RESTART,
  /** "Continue where we left off, or start over?" */
  RESUME,
  /** "Has a clinician cleared you to exercise?" */
  CLEARANCE,
  /** "Shall I set up these reminders?" */
  PROPOSAL,
  /** Waiting for a typed time zone (/timezone). */
  ZONE,
  /** "Delete everything?" */
  DELETE
}
