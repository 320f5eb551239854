package app.backcoach.conversation;

import java.time.ZoneId;

/**
 * The time zone of a shared location. The lookup (map data, read when a location arrives) lives
 * outside the conversation; the engine only decides what to say about the answer.
 */
public interface ZoneFinder {
  /** How well the zone fits the point. */
  enum Fit {
    /** Well inside the zone. */
    INSIDE,
    /** Within a few kilometres of a zone with other clocks ({@link Located#other}). */
    NEAR_BORDER,
    /** The point is at sea; the zone is the nearest one on land. */
    NEAREST_LAND,
    /** Open sea, far from land: the nautical zone of the longitude. */
    AT_SEA,
    /** No map: the offset of the longitude, without daylight saving. */
    ROUGH
  }

  /**
   * A zone found for a point.
   *
   * @param other for {@link Fit#NEAR_BORDER}, the neighbouring zone; otherwise null
   */
  record Located(ZoneId zone, Fit fit, ZoneId other) {}

  /** The zone at the point; latitude and longitude in degrees, already checked to be in range. */
  Located find(double latitude, double longitude);

  /** Without a map: the offset of the longitude. */
  ZoneFinder BY_LONGITUDE =
      (latitude, longitude) -> new Located(TimeZones.fromLongitude(longitude), Fit.ROUGH, null);
}
