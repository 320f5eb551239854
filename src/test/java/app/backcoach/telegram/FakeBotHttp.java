package app.backcoach.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * HTTP plumbing of {@link FakeBotApi}: reads a Bot API request's parameters whatever their encoding
 * (query string, JSON, form, multipart) into one JSON object, and writes answers.
 */
final class FakeBotHttp {
  private FakeBotHttp() {}

  static final ObjectMapper JSON = new ObjectMapper();

  /** Parameters that carry JSON when they arrive as form or multipart fields. */
  private static final Set<String> JSON_FIELDS =
      Set.of(
          "reply_markup",
          "entities",
          "caption_entities",
          "allowed_updates",
          "commands",
          "scope",
          "reply_parameters",
          "link_preview_options");

  /**
   * Reads all parameters. A multipart file part becomes {"file_name":..,"size":N} under its field
   * name; other values are kept as the client sent them (so {@code chat_id} may be a string).
   */
  static ObjectNode readParams(HttpExchange ex) throws IOException {
    ObjectNode params = JSON.createObjectNode();
    String query = ex.getRequestURI().getRawQuery();
    if (query != null) {
      readForm(query, params);
    }
    byte[] body = ex.getRequestBody().readAllBytes();
    if (body.length == 0) {
      return params;
    }
    String type = ex.getRequestHeaders().getFirst("Content-Type");
    type = type == null ? "" : type.toLowerCase(Locale.ROOT);
    if (type.startsWith("multipart/form-data")) {
      readMultipart(body, boundary(ex.getRequestHeaders().getFirst("Content-Type")), params);
    } else if (type.startsWith("application/x-www-form-urlencoded")) {
      readForm(new String(body, StandardCharsets.UTF_8), params);
    } else {
      JsonNode tree = JSON.readTree(body);
      if (tree instanceof ObjectNode object) {
        params.setAll(object);
      }
    }
    return params;
  }

  private static void readForm(String form, ObjectNode params) {
    for (String pair : form.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value =
          eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      putField(params, key, value);
    }
  }

  private static void putField(ObjectNode params, String key, String value) {
    if (JSON_FIELDS.contains(key)) {
      try {
        params.set(key, JSON.readTree(value));
        return;
      } catch (IOException e) {
        // not JSON: keep the text, the handler will reject it
      }
    }
    params.put(key, value);
  }

  private static String boundary(String contentType) {
    for (String part : contentType.split(";")) {
      String p = part.trim();
      if (p.toLowerCase(Locale.ROOT).startsWith("boundary=")) {
        String b = p.substring("boundary=".length());
        return b.startsWith("\"") && b.endsWith("\"") ? b.substring(1, b.length() - 1) : b;
      }
    }
    throw new IllegalArgumentException("multipart without boundary: " + contentType);
  }

  private static void readMultipart(byte[] body, String boundary, ObjectNode params) {
    byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
    int pos = indexOf(body, delimiter, 0);
    while (pos >= 0) {
      int start = pos + delimiter.length;
      if (start + 1 < body.length && body[start] == '-' && body[start + 1] == '-') {
        return; // closing delimiter
      }
      start += 2; // CRLF after the delimiter
      int next = indexOf(body, delimiter, start);
      if (next < 0) {
        return;
      }
      int end = next - 2; // CRLF before the next delimiter
      int headerEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), start);
      if (headerEnd >= 0 && headerEnd < end) {
        String headers = new String(body, start, headerEnd - start, StandardCharsets.UTF_8);
        int contentStart = headerEnd + 4;
        String name = headerParam(headers, "name");
        String fileName = headerParam(headers, "filename");
        if (name != null && fileName != null) {
          ObjectNode file = params.putObject(name);
          file.put("file_name", fileName);
          file.put("size", Math.max(0, end - contentStart));
        } else if (name != null) {
          int length = Math.max(0, end - contentStart);
          putField(params, name, new String(body, contentStart, length, StandardCharsets.UTF_8));
        }
      }
      pos = next;
    }
  }

  private static String headerParam(String headers, String param) {
    for (String line : headers.split("\r\n")) {
      if (!line.toLowerCase(Locale.ROOT).startsWith("content-disposition:")) {
        continue;
      }
      for (String piece : line.split(";")) {
        String p = piece.trim();
        if (p.startsWith(param + "=")) {
          String v = p.substring(param.length() + 1);
          return v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1) : v;
        }
      }
    }
    return null;
  }

  private static int indexOf(byte[] haystack, byte[] needle, int from) {
    outer:
    for (int i = Math.max(0, from); i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  /** Writes a JSON answer and ends the exchange. */
  static void send(HttpExchange ex, int status, JsonNode body) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  /**
   * Breaks the exchange: promises a body, sends a few bytes of it and throws, which makes the JDK
   * server close the connection; the client fails with an IOException ("unexpected end of stream")
   * while reading the body, so OkHttp cannot silently retry.
   */
  static void drop(HttpExchange ex) throws IOException {
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(200, 64);
    OutputStream out = ex.getResponseBody();
    out.write("{\"ok\":tr".getBytes(StandardCharsets.US_ASCII));
    out.flush();
    throw new DroppedConnection();
  }

  /** Thrown out of the handler on purpose: the JDK server then closes the connection. */
  static final class DroppedConnection extends IOException {
    private static final long serialVersionUID = 1L;

    DroppedConnection() {
      super("connection dropped on purpose (Fault.DROP_CONNECTION)", null);
    }
  }
}
