/**
 * /progress: the weekly progress chart (pain and reminders done), drawn for a phone, and its
 * summary; the core class is {@link app.backcoach.progress.ProgressChart}.
 */
package app.backcoach.progress;
