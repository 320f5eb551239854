/**
 * The weekly progress chart (pain and reminder adherence) as a PNG; the core class is {@link
 * app.backcoach.progress.ProgressChart}.
 */
package app.backcoach.progress;
