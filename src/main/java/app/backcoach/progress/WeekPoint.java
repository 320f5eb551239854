package app.backcoach.progress;

import java.time.LocalDate;

/**
 * One week of progress on the chart.
 *
 * @param weekOf the week's Monday
 * @param pain the pain (0-10) reported at that week's check-in, or null if there was none
 * @param adherence the share (0..1) of that week's reminders that were done, or null if no
 *     reminders were sent that week
 */
record WeekPoint(LocalDate weekOf, Integer pain, Double adherence) {}
