package app.backcoach.conversation;

/** Where a user is in the conversation. */
public enum Stage {
  /** Never talked to us. */
  NEW,
  /** Greeted, asked for consent to store answers. */
  CONSENT,
  /** Said no to storing answers. */
  DECLINED,
  /** Answering the onboarding questions. */
  ASKING,
  /** Stopped onboarding with /cancel before a plan existed. */
  IDLE,
  /** Has a plan. */
  READY,
  /** Answering the weekly check-in. */
  CHECKIN
}
