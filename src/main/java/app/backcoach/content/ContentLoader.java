package app.backcoach.content;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads a bundle entry by entry, so one bad entry is reported with its file, id and field while the
 * rest still load and get checked.
 */
public final class ContentLoader {
  static final String MISTAKES = "mistakes.yaml";
  static final String EXERCISES = "exercises.yaml";
  static final String ROUTINES = "routines.yaml";
  static final String GUIDANCE = "guidance.yaml";
  static final String SAFETY = "safety.yaml";
  static final String ONBOARDING = "onboarding.yaml";
  static final String MESSAGES = "messages.yaml";
  static final String PLACES = "places.yaml";
  static final String SYNONYMS = "synonyms.yaml";
  static final String EXAMPLES = "examples.yaml";

  private static final ObjectMapper YAML =
      YAMLMapper.builder()
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
          .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
          // YAML reads bare yes/no/on/off as booleans; refuse to turn them into "true"/"false"
          // silently.
          .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
          .withCoercionConfig(
              LogicalType.Textual,
              c -> c.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
          .build();

  private final ContentSource source;
  private final List<Problem> problems = new ArrayList<>();

  private ContentLoader(ContentSource source) {
    this.source = source;
  }

  /** Loads and validates; throws {@link ContentException} listing every problem found. */
  public static ContentBundle load(ContentSource source) {
    ContentLoader loader = new ContentLoader(source);
    ContentBundle bundle = loader.read();
    List<Problem> all = new ArrayList<>(loader.problems);
    if (all.isEmpty()) {
      all.addAll(ContentValidator.validate(bundle));
    }
    if (!all.isEmpty()) {
      throw new ContentException(source.describe(), all);
    }
    return bundle;
  }

  private ContentBundle read() {
    List<Mistake> mistakes = entries(MISTAKES, "mistakes", Mistake.class);
    List<Exercise> exercises = entries(EXERCISES, "exercises", Exercise.class);
    List<Routine> routines = entries(ROUTINES, "routines", Routine.class);
    List<Guidance> guidance = entries(GUIDANCE, "guidance", Guidance.class);
    Safety safety = whole(SAFETY, Safety.class);
    Onboarding onboarding = whole(ONBOARDING, Onboarding.class);
    Map<String, String> messages = stringMap(MESSAGES, null);
    Map<String, String> places = stringMap(PLACES, "places");
    List<List<String>> synonyms = groups(SYNONYMS, "synonyms");
    Map<String, List<String>> examples = lists(EXAMPLES, "examples");
    if (safety == null) {
      safety = new Safety(null, null, List.of(), Map.of(), List.of(), List.of());
    }
    if (onboarding == null) {
      onboarding = new Onboarding(List.of(), null, List.of());
    }
    return new ContentBundle(
        mistakes,
        exercises,
        routines,
        guidance,
        safety,
        onboarding,
        new Messages(messages),
        places,
        synonyms,
        examples);
  }

  private JsonNode tree(String file) {
    try {
      byte[] bytes = source.read(file);
      if (bytes == null) {
        problems.add(new Problem(file, "-", "-", "file is missing"));
        return null;
      }
      JsonNode node = YAML.readTree(bytes);
      if (node == null || !node.isObject()) {
        problems.add(new Problem(file, "-", "-", "must be a YAML mapping at the top level"));
        return null;
      }
      return node;
    } catch (JsonProcessingException e) {
      problems.add(
          new Problem(file, "-", "-", "not valid YAML: " + e.getOriginalMessage() + where(e)));
      return null;
    } catch (IOException e) {
      problems.add(new Problem(file, "-", "-", "cannot be read: " + e.getMessage()));
      return null;
    } catch (RuntimeException e) {
      // The YAML parser can fail outside its own exceptions (SnakeYAML's reader on an emoji that
      // straddles its 1,024-character buffer): still one clear line, never a stack trace.
      problems.add(new Problem(file, "-", "-", "cannot be parsed: " + e));
      return null;
    }
  }

  private <T> List<T> entries(String file, String listField, Class<T> type) {
    JsonNode root = tree(file);
    List<T> out = new ArrayList<>();
    if (root == null) {
      return out;
    }
    JsonNode list = root.get(listField);
    if (list == null || !list.isArray()) {
      problems.add(new Problem(file, "-", listField, "must be a list of entries"));
      return out;
    }
    for (int i = 0; i < list.size(); i++) {
      JsonNode node = list.get(i);
      if (!node.isObject()) {
        problems.add(
            new Problem(
                file, "#" + (i + 1), "-", "must be a mapping with an id (an empty '-' item?)"));
        continue;
      }
      String id = node.hasNonNull("id") ? node.get("id").asText() : "#" + (i + 1);
      try {
        out.add(YAML.treeToValue(node, type));
      } catch (JsonProcessingException e) {
        problems.add(mappingProblem(file, id, e));
      }
    }
    return out;
  }

  private <T> T whole(String file, Class<T> type) {
    JsonNode root = tree(file);
    if (root == null) {
      return null;
    }
    try {
      return YAML.treeToValue(root, type);
    } catch (JsonProcessingException e) {
      problems.add(mappingProblem(file, "-", e));
      return null;
    }
  }

  /** A list of lists of words, e.g. synonym groups; each group needs two or more items. */
  /** A mapping of ids to lists of texts, such as the example questions per entry. */
  private Map<String, List<String>> lists(String file, String field) {
    JsonNode root = tree(file);
    Map<String, List<String>> out = new LinkedHashMap<>();
    if (root == null) {
      return out;
    }
    JsonNode map = root.get(field);
    if (map == null || !map.isObject()) {
      problems.add(new Problem(file, "-", field, "must map entry ids to lists of texts"));
      return out;
    }
    map.fields()
        .forEachRemaining(
            e -> {
              List<String> texts = new ArrayList<>();
              if (e.getValue().isArray()) {
                e.getValue()
                    .forEach(
                        x -> {
                          if (x.isTextual() && !x.asText().isBlank()) {
                            texts.add(x.asText().strip());
                          }
                        });
              }
              if (texts.isEmpty() || texts.size() != e.getValue().size()) {
                problems.add(
                    new Problem(file, e.getKey(), field, "needs a list of non-empty texts"));
              } else {
                out.put(e.getKey(), List.copyOf(texts));
              }
            });
    return out;
  }

  private List<List<String>> groups(String file, String field) {
    JsonNode root = tree(file);
    List<List<String>> out = new ArrayList<>();
    if (root == null) {
      return out;
    }
    JsonNode list = root.get(field);
    if (list == null || !list.isArray()) {
      problems.add(
          new Problem(file, "-", field, "must be a list of groups like [rdl, romanian deadlift]"));
      return out;
    }
    for (int i = 0; i < list.size(); i++) {
      JsonNode g = list.get(i);
      List<String> group = new ArrayList<>();
      if (g.isArray()) {
        g.forEach(
            x -> {
              if (x.isTextual() && !x.asText().isBlank()) {
                group.add(x.asText().strip().toLowerCase(java.util.Locale.ROOT));
              }
            });
      }
      if (group.size() < 2 || group.size() != g.size()) {
        problems.add(
            new Problem(file, "#" + (i + 1), field, "a group needs two or more non-empty texts"));
      } else {
        out.add(group);
      }
    }
    return out;
  }

  private Map<String, String> stringMap(String file, String field) {
    JsonNode root = tree(file);
    Map<String, String> out = new LinkedHashMap<>();
    if (root == null) {
      return out;
    }
    JsonNode map = field == null ? root : root.get(field);
    if (map == null || !map.isObject()) {
      problems.add(new Problem(file, "-", field == null ? "-" : field, "must be a mapping"));
      return out;
    }
    map.fields()
        .forEachRemaining(
            e -> {
              if (e.getValue().isTextual()) {
                out.put(e.getKey(), e.getValue().asText());
              } else {
                problems.add(new Problem(file, e.getKey(), "-", "must be a text"));
              }
            });
    return out;
  }

  private static Problem mappingProblem(String file, String id, JsonProcessingException e) {
    String field = "-";
    if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
      field =
          m.getPath().stream()
              .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
              .collect(Collectors.joining("."))
              .replace(".[", "[");
    }
    String message = firstLine(e.getOriginalMessage());
    String what =
        e instanceof UnrecognizedPropertyException
            ? "unknown field (a typo?)"
            : message.contains("Boolean value")
                ? "a bare yes/no/on/off/true/false is read as a boolean: put it in quotes"
                : "wrong type or shape: " + message;
    return new Problem(file, id, field, what);
  }

  private static String where(JsonProcessingException e) {
    return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
  }

  private static String firstLine(String s) {
    int nl = s == null ? -1 : s.indexOf('\n');
    return nl < 0 ? String.valueOf(s) : s.substring(0, nl);
  }
}
