/**
 * Reminders: {@link app.backcoach.reminders.Schedule} computes local times across time zones and
 * DST, and {@link app.backcoach.reminders.ReminderService} claims due reminders from an indexed
 * table and queues them.
 */
package app.backcoach.reminders;
