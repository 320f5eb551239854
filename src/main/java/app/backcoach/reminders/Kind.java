package app.backcoach.reminders;

/** The kinds of reminder. */
public enum Kind {
  /** Short breaks from sitting, every few minutes during work hours on work days. */
  POSTURE,
  /** A daily mobility routine at a chosen time. */
  MOBILITY,
  /** A workout on chosen days at a chosen time. */
  WORKOUT,
  /** The weekly check-in. */
  CHECKIN
}
