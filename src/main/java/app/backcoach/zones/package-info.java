/**
 * Time zones from shared locations: {@link app.backcoach.zones.MapZoneFinder} reads the real zone
 * boundaries (timezone-boundary-builder data, offline) for a small box around the point when a
 * location arrives, and keeps nothing in memory between lookups.
 */
package app.backcoach.zones;
