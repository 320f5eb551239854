package app.backcoach.coaching;

import java.time.LocalDate;

/**
 * One weekly check-in.
 *
 * @param adherence share of reminders marked Done in the week before, or null when none were sent
 * @param decision what the rules decided, e.g. "PROGRESS"
 */
public record CheckinRecord(
    LocalDate weekOf, int pain, int sessions, Double adherence, String decision) {}
