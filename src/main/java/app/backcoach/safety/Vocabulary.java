package app.backcoach.safety;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The named word classes of safety.yaml ({@code @leg}, {@code @pee}), each compiled once. */
final class Vocabulary {
  private final Map<String, List<String>> source;
  private final Map<String, List<Phrase>> compiled = new HashMap<>();

  Vocabulary(Map<String, List<String>> source) {
    this.source = source;
  }

  List<Phrase> phrases(String name) {
    List<Phrase> done = compiled.get(name);
    if (done != null) {
      return done;
    }
    List<String> entries = source.get(name);
    if (entries == null) {
      throw new IllegalArgumentException("unknown vocabulary class @" + name);
    }
    compiled.put(name, List.of()); // a class naming itself matches nothing rather than looping
    List<Phrase> out = new ArrayList<>();
    for (String e : entries) {
      out.add(Phrase.compile(e, this));
    }
    compiled.put(name, List.copyOf(out));
    return compiled.get(name);
  }
}
