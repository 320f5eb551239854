package app.backcoach.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * CPU time used by this JVM's threads between two points, grouped by thread name (digits dropped,
 * so pools add up): where a run's processor time went.
 */
final class CpuByThread {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private final Map<Long, Long> start = snapshot();
  private final Map<Long, String> names = new HashMap<>();

  private Map<Long, Long> snapshot() {
    Map<Long, Long> cpu = new HashMap<>();
    for (long id : THREADS.getAllThreadIds()) {
      long t = THREADS.getThreadCpuTime(id);
      if (t >= 0) {
        cpu.put(id, t);
      }
    }
    return cpu;
  }

  /** Milliseconds of CPU per thread group since this object was made, largest first. */
  Map<String, Long> millisSince() {
    Map<Long, Long> end = snapshot();
    for (ThreadInfo info :
        THREADS.getThreadInfo(end.keySet().stream().mapToLong(l -> l).toArray())) {
      if (info != null) {
        names.put(info.getThreadId(), info.getThreadName().replaceAll("\\d+", "N"));
      }
    }
    Map<String, Long> groups = new TreeMap<>();
    end.forEach(
        (id, t) -> {
          long used = t - start.getOrDefault(id, 0L);
          groups.merge(names.getOrDefault(id, "?"), used / 1_000_000, Long::sum);
        });
    return groups.entrySet().stream()
        .filter(e -> e.getValue() > 0)
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .collect(
            Collectors.toMap(
                Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, java.util.LinkedHashMap::new));
  }

  /** "total 1234 ms: updates 600, sender 200, ..." */
  String summary() {
    Map<String, Long> m = millisSince();
    long total = m.values().stream().mapToLong(Long::longValue).sum();
    return String.format(Locale.ROOT, "CPU %d ms: ", total)
        + m.entrySet().stream()
            .limit(10)
            .map(e -> e.getKey() + " " + e.getValue())
            .collect(Collectors.joining(", "));
  }
}
