package app.backcoach.conversation;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Understands what people type for a time zone: an IANA id, a city or country, or a UTC offset. */
final class TimeZones {
  private static final Pattern OFFSET =
      Pattern.compile(
          "^(?:utc|gmt|z)?\\s*([+-\u2212])\\s*(\\d{1,2})(?:[:.h]?\\s*(\\d{1,2}))?\\s*h?$");
  private static final Pattern PLAIN_UTC = Pattern.compile("^(?:utc|gmt|z|zulu)$");
  private final Map<String, String> byName = new HashMap<>();

  /**
   * @param places lower-case place names to IANA ids, from the content bundle
   */
  TimeZones(Map<String, String> places) {
    Map<String, String> lastSegment = new HashMap<>();
    Map<String, Integer> segmentCount = new HashMap<>();
    for (String id : ZoneId.getAvailableZoneIds()) {
      byName.put(id.toLowerCase(Locale.ROOT), id);
      if (id.contains("/") && !id.startsWith("Etc/") && !id.startsWith("SystemV/")) {
        String seg = Words.normal(id.substring(id.lastIndexOf('/') + 1).replace('_', ' '));
        lastSegment.put(seg, id);
        segmentCount.merge(seg, 1, Integer::sum);
      }
    }
    lastSegment.forEach(
        (seg, id) -> {
          if (segmentCount.get(seg) == 1) {
            byName.putIfAbsent(seg, id);
          }
        });
    places.forEach((name, zone) -> byName.put(Words.normal(name), zone));
  }

  /** The zone the text names, or null. Longer place names win: "new york" before "york". */
  ZoneId parse(String text) {
    String trimmed = text.trim().toLowerCase(Locale.ROOT);
    String exact = byName.get(trimmed);
    if (exact != null) {
      return ZoneId.of(exact);
    }
    ZoneId offset = offset(trimmed.replace("\u2212", "-"));
    if (offset != null) {
      return offset;
    }
    List<String> words = Words.tokens(text);
    for (int n = Math.min(4, words.size()); n >= 1; n--) {
      for (int i = 0; i + n <= words.size(); i++) {
        String id = byName.get(String.join(" ", words.subList(i, i + n)));
        if (id != null) {
          return ZoneId.of(id);
        }
      }
    }
    return null;
  }

  private static ZoneId offset(String s) {
    if (PLAIN_UTC.matcher(s).matches()) {
      return ZoneOffset.UTC;
    }
    Matcher m = OFFSET.matcher(s);
    if (!m.matches()) {
      return null;
    }
    int hours = Integer.parseInt(m.group(2));
    int minutes = 0;
    if (m.group(3) != null) {
      String min = m.group(3);
      // "5.5" means five and a half hours; "5:30" and "5.30" mean minutes.
      minutes =
          s.contains(".") && min.length() == 1 ? Integer.parseInt(min) * 6 : Integer.parseInt(min);
    }
    if (hours > 14 || minutes >= 60) {
      return null;
    }
    int sign = m.group(1).equals("+") ? 1 : -1;
    return ZoneId.ofOffset("UTC", ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes));
  }

  /** A rough zone from a shared location: the offset of its longitude, without daylight saving. */
  static ZoneId fromLongitude(double longitude) {
    int hours = (int) Math.round(Math.max(-180, Math.min(180, longitude)) / 15.0);
    return hours == 0 ? ZoneOffset.UTC : ZoneId.ofOffset("UTC", ZoneOffset.ofHours(hours));
  }
}
