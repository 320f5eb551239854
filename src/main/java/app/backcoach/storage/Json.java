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

  /** An instant as stored ({@link java.time.Instant#toString}'s form). */
  public static java.time.Instant instant(String text) {
    return java.time.Instant.parse(text);
  }

  /** A list of strings as JSON. */
  public static String write(java.util.Collection<String> strings) {
    return write((Object) strings);
  }

  /** An instant as stored: {@link java.time.Instant#toString}. */
  public static String text(java.time.Instant at) {
    return at.toString();
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
