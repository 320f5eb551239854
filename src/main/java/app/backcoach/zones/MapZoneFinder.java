package app.backcoach.zones;

import app.backcoach.conversation.ZoneFinder;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.zone.ZoneRules;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import us.dustinj.timezonemap.TimeZone;
import us.dustinj.timezonemap.TimeZoneMap;

/**
 * Finds a location's IANA zone from the boundary map. Each lookup reads only a box around the point
 * (about 0.2 s, no map kept afterwards), so the bot's idle memory does not grow with the map. A
 * point near another zone says so; a point at sea gets the nearest zone on land within about 300
 * km, else the nautical zone of its longitude. If the map cannot be read, the longitude's offset.
 */
public final class MapZoneFinder implements ZoneFinder {
  private static final Logger log = LoggerFactory.getLogger(MapZoneFinder.class);

  /** Half the side of the box read for a point on land, in degrees (about 30 km). */
  static final double NEAR = 0.25;

  /** How far from the point a neighbouring zone counts as "near the border", in degrees. */
  static final double BORDER = 0.08;

  /** How far from a point at sea the nearest land is sought, in degrees of latitude. */
  static final double SEA_REACH = 3.0;

  /** Rings searched for land from a point at sea, in degrees of latitude. */
  private static final double[] RINGS = {0.1, 0.2, 0.35, 0.5, 0.75, 1.0, 1.5, 2.0, 2.5, 3.0};

  private static final int DIRECTIONS = 24;

  @Override
  public Located find(double latitude, double longitude) {
    try {
      TimeZoneMap near = region(latitude, longitude, NEAR);
      ZoneId here = zoneAt(near, latitude, longitude);
      if (here != null && !nautical(here)) {
        ZoneId other = neighbour(near, latitude, longitude, here);
        return other == null
            ? new Located(here, Fit.INSIDE, null)
            : new Located(here, Fit.NEAR_BORDER, other);
      }
      ZoneId land = nearestLand(latitude, longitude);
      if (land != null) {
        return new Located(land, Fit.NEAREST_LAND, null);
      }
      return new Located(here != null ? here : nauticalZone(longitude), Fit.AT_SEA, null);
    } catch (RuntimeException | LinkageError e) {
      log.warn("time zone map unreadable, using the longitude's offset: {}", e.toString());
      return BY_LONGITUDE.find(latitude, longitude);
    }
  }

  private static TimeZoneMap region(double lat, double lon, double half) {
    double lonHalf = Math.min(180, half / Math.max(0.2, Math.cos(Math.toRadians(lat))));
    return TimeZoneMap.forRegion(
        Math.max(-90, lat - half),
        Math.max(-180, lon - lonHalf),
        Math.min(90, lat + half),
        Math.min(180, lon + lonHalf));
  }

  private static ZoneId zoneAt(TimeZoneMap map, double lat, double lon) {
    if (lat < -90 || lat > 90) {
      return null;
    }
    double wrapped = lon > 180 ? lon - 360 : lon < -180 ? lon + 360 : lon;
    TimeZone z = map.getOverlappingTimeZone(lat, wrapped);
    if (z == null) {
      return null;
    }
    try {
      return ZoneId.of(z.getZoneId());
    } catch (java.time.DateTimeException e) {
      return null; // a zone id this JDK does not know
    }
  }

  /** A zone with other clocks within {@link #BORDER} of the point, or null. */
  private static ZoneId neighbour(TimeZoneMap map, double lat, double lon, ZoneId here) {
    for (int d = 0; d < 8; d++) {
      double[] p = step(lat, lon, BORDER, d * Math.PI / 4);
      ZoneId there = zoneAt(map, p[0], p[1]);
      if (there != null && !nautical(there) && !sameClocks(here, there)) {
        return there;
      }
    }
    return null;
  }

  /** The first land zone on rings around the point, nearest ring first, or null. */
  private static ZoneId nearestLand(double lat, double lon) {
    TimeZoneMap wide = region(lat, lon, SEA_REACH);
    for (double radius : RINGS) {
      for (int d = 0; d < DIRECTIONS; d++) {
        double[] p = step(lat, lon, radius, d * 2 * Math.PI / DIRECTIONS);
        ZoneId z = zoneAt(wide, p[0], p[1]);
        if (z != null && !nautical(z)) {
          return z;
        }
      }
    }
    return null;
  }

  /** A point {@code radius} degrees of latitude away in direction {@code angle} (0 is north). */
  private static double[] step(double lat, double lon, double radius, double angle) {
    double dLat = radius * Math.cos(angle);
    double dLon = radius * Math.sin(angle) / Math.max(0.2, Math.cos(Math.toRadians(lat)));
    return new double[] {lat + dLat, lon + dLon};
  }

  /** The map's sea zones (Etc/GMT+2, Etc/UTC). */
  static boolean nautical(ZoneId zone) {
    return zone.getId().startsWith("Etc/");
  }

  /** The sea zone of a longitude: Etc/GMT-N is N hours ahead of UTC (POSIX signs). */
  static ZoneId nauticalZone(double longitude) {
    int hours = (int) Math.round(longitude / 15.0);
    return hours == 0
        ? ZoneId.of("Etc/UTC")
        : ZoneId.of("Etc/GMT" + (hours > 0 ? "-" : "+") + Math.abs(hours));
  }

  /** Same offsets now and every month of the coming year: the same clocks for a user. */
  private static boolean sameClocks(ZoneId a, ZoneId b) {
    ZoneRules ra = a.getRules();
    ZoneRules rb = b.getRules();
    Instant t = Instant.now();
    for (int month = 0; month <= 12; month++, t = t.plus(Duration.ofDays(30))) {
      if (!ra.getOffset(t).equals(rb.getOffset(t))) {
        return false;
      }
    }
    return true;
  }
}
