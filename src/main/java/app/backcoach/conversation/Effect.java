package app.backcoach.conversation;

import app.backcoach.reply.Callback;

/**
 * Work a decision needs that the pure engine cannot do itself (a chart, an export, erasing, a
 * reminder's log row): the engine names it in its {@link Outcome}, and the chat service carries it
 * out in the same transaction. The conversation state is then left as it was.
 */
public sealed interface Effect {
  /** /progress with a plan: the pain chart and streaks from the stored history. */
  record ShowProgress() implements Effect {}

  /** /export: everything stored about the user, as a file. */
  record Export() implements Effect {}

  /** /stats: the admins' figures (the service checks that the user is an admin). */
  record Stats() implements Effect {}

  /** The confirmed /delete: erase everything stored about the user. */
  record Erase() implements Effect {}

  /** A tap on a sent reminder: done, snooze or skip, on its reminder log row. */
  record ReminderTap(long logId, Callback.ReminderAction action) implements Effect {}
}
