package app.backcoach.storage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** The one JSON mapper for values stored in columns (plans, lists, outbox messages). */
public final class Json {
  public static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .addModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();

  /** A reader made once: lists of strings are read for every user loaded. */
  private static final com.fasterxml.jackson.databind.ObjectReader STRING_LIST =
      MAPPER.readerFor(new TypeReference<java.util.List<String>>() {});

  private Json() {}

  /** A stored JSON list of strings ({@code ["desk"]}). */
  public static java.util.List<String> strings(String json) {
    if (json.equals("[]")) {
      return java.util.List.of();
    }
    try {
      return STRING_LIST.readValue(json);
    } catch (JsonProcessingException e) {
      throw DatabaseException.badRow(
          "stored JSON is not a list of strings: " + e.getOriginalMessage(), e);
    }
  }

  /**
   * An instant as {@link java.time.Instant#toString} writes it ({@code 2026-03-02T09:00:00Z}, with
   * or without a fraction), read without the general ISO parser, which cost a tenth of handling a
   * message; anything else goes to {@link java.time.Instant#parse}.
   */
  public static java.time.Instant instant(String text) {
    int n = text.length();
    if (n >= 20
        && n <= 30
        && text.charAt(4) == '-'
        && text.charAt(7) == '-'
        && text.charAt(10) == 'T'
        && text.charAt(13) == ':'
        && text.charAt(16) == ':'
        && text.charAt(n - 1) == 'Z') {
      try {
        int nanos = 0;
        if (n > 20) {
          if (text.charAt(19) != '.' || n - 21 > 9 || n - 21 < 1) {
            return java.time.Instant.parse(text);
          }
          nanos = digits(text, 20, n - 1);
          for (int i = n - 21; i < 9; i++) {
            nanos *= 10;
          }
        }
        long seconds =
            java.time.LocalDateTime.of(
                    digits(text, 0, 4),
                    digits(text, 5, 7),
                    digits(text, 8, 10),
                    digits(text, 11, 13),
                    digits(text, 14, 16),
                    digits(text, 17, 19))
                .toEpochSecond(java.time.ZoneOffset.UTC);
        return java.time.Instant.ofEpochSecond(seconds, nanos);
      } catch (NumberFormatException | java.time.DateTimeException e) {
        return java.time.Instant.parse(text); // throws with the usual message
      }
    }
    return java.time.Instant.parse(text);
  }

  private static int digits(String text, int from, int to) {
    int v = 0;
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        throw new NumberFormatException(text);
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  /**
   * A list of strings as JSON, exactly as {@link #write} writes it, without Jackson's machinery:
   * every saved state writes a few (flags, a selection, answers).
   */
  public static String write(java.util.Collection<String> strings) {
    StringBuilder out = new StringBuilder(16 + strings.size() * 16).append('[');
    for (String s : strings) {
      if (out.length() > 1) {
        out.append(',');
      }
      if (s == null) {
        out.append("null");
        continue;
      }
      out.append('"');
      for (int i = 0, n = s.length(); i < n; i++) {
        char c = s.charAt(i);
        switch (c) {
          case '"' -> out.append("\\\"");
          case '\\' -> out.append("\\\\");
          case '\n' -> out.append("\\n");
          case '\r' -> out.append("\\r");
          case '\t' -> out.append("\\t");
          case '\b' -> out.append("\\b");
          case '\f' -> out.append("\\f");
          default -> {
            if (c < 0x20) {
              out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
            } else {
              out.append(c);
            }
          }
        }
      }
      out.append('"');
    }
    return out.append(']').toString();
  }

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  /**
   * {@link java.time.Instant#toString} for years 1000 to 9999, without the general formatter (the
   * same text: a fraction of 0, 3, 6 or 9 digits); other years go to {@code toString}.
   */
  public static String text(java.time.Instant at) {
    long seconds = at.getEpochSecond();
    if (seconds < -30_610_224_000L || seconds > 253_402_300_799L) {
      return at.toString(); // before 1000-01-01 or after 9999-12-31
    }
    java.time.LocalDateTime t =
        java.time.LocalDateTime.ofEpochSecond(seconds, 0, java.time.ZoneOffset.UTC);
    StringBuilder out = new StringBuilder(30);
    out.append(t.getYear()).append('-');
    two(out, t.getMonthValue()).append('-');
    two(out, t.getDayOfMonth()).append('T');
    two(out, t.getHour()).append(':');
    two(out, t.getMinute()).append(':');
    two(out, t.getSecond());
    int nanos = at.getNano();
    if (nanos != 0) {
      int digits = nanos % 1_000_000 == 0 ? 3 : nanos % 1_000 == 0 ? 6 : 9;
      String n = Integer.toString(nanos + 1_000_000_000).substring(1, 1 + digits);
      out.append('.').append(n);
    }
    return out.append('Z').toString();
  }

  private static StringBuilder two(StringBuilder out, int v) {
    return out.append((char) ('0' + v / 10)).append((char) ('0' + v % 10));
  }

  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "cannot write " + value.getClass().getSimpleName() + " as JSON", e);
    }
  }

  public static <T> T read(String json, Class<T> type) {
    try {
      return MAPPER.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw DatabaseException.badRow(
          "stored JSON is not a " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
    }
  }

  public static <T> T read(String json, TypeReference<T> type) {
    try {
      return MAPPER.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw DatabaseException.badRow(
          "stored JSON has the wrong shape: " + e.getOriginalMessage(), e);
    }
  }
}
