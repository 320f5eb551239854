package app.backcoach.zones;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import app.backcoach.conversation.ZoneFinder.Fit;
import app.backcoach.conversation.ZoneFinder.Located;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Shared locations to IANA zones from the boundary map, including the sea and borders. */
class MapZoneFinderTest {
  private static final MapZoneFinder FINDER = new MapZoneFinder();

  @ParameterizedTest
  @CsvSource({
    "Madrid, 40.4168, -3.7038, Europe/Madrid",
    "Mumbai, 19.0760, 72.8777, Asia/Kolkata",
    "New York, 40.7128, -74.0060, America/New_York",
    "Sydney, -33.8688, 151.2093, Australia/Sydney",
    "Lord Howe Island, -31.5553, 159.0821, Australia/Lord_Howe",
    "Indianapolis, 39.7684, -86.1581, America/Indiana/Indianapolis",
    "Kathmandu, 27.7172, 85.3240, Asia/Kathmandu",
    "Reykjavik, 64.1466, -21.9426, Atlantic/Reykjavik"
  })
  void aCityGetsItsOwnZone(String city, double lat, double lon, String zone) {
    Located found = FINDER.find(lat, lon);
    assertEquals(ZoneId.of(zone), found.zone(), city);
    assertEquals(Fit.INSIDE, found.fit(), city);
    assertNull(found.other());
  }

  @Test
  void openSeaGetsTheNauticalZoneOfItsLongitude() {
    Located found = FINDER.find(0.0, -30.0); // the middle of the Atlantic
    assertEquals(Fit.AT_SEA, found.fit());
    assertEquals(ZoneId.of("Etc/GMT+2"), found.zone()); // POSIX sign: two hours behind UTC
  }

  @Test
  void aPointJustOffTheCoastGetsTheNearestZoneOnLand() {
    Located found = FINDER.find(43.30, -9.60); // in the Atlantic, off Galicia
    assertEquals(Fit.NEAREST_LAND, found.fit());
    assertEquals(ZoneId.of("Europe/Madrid"), found.zone());
  }

  @Test
  void aPointOnABorderBetweenDifferentClocksSaysSo() {
    Located found = FINDER.find(38.88, -7.02); // Badajoz, beside Portugal (an hour behind)
    assertEquals(ZoneId.of("Europe/Madrid"), found.zone());
    assertEquals(Fit.NEAR_BORDER, found.fit());
    assertEquals(ZoneId.of("Europe/Lisbon"), found.other());
  }

  @Test
  void aBorderBetweenZonesWithTheSameClocksIsNotMentioned() {
    // Strasbourg, beside Germany: another zone id, but the same clocks all year.
    Located found = FINDER.find(48.5734, 7.7521);
    assertEquals(ZoneId.of("Europe/Paris"), found.zone());
    assertEquals(Fit.INSIDE, found.fit());
  }

  @Test
  void theSeaZoneNamesFollowPosixSigns() {
    assertEquals(ZoneId.of("Etc/GMT-5"), MapZoneFinder.nauticalZone(75));
    assertEquals(ZoneId.of("Etc/UTC"), MapZoneFinder.nauticalZone(3));
    assertNotEquals(ZoneId.of("Etc/GMT+12"), MapZoneFinder.nauticalZone(175));
  }
}
