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
  private final Map<String, long[]> queued = schedstat();

  /**
   * Per Linux task of this process: its name and {@code /proc/.../schedstat} (ns on a CPU, ns
   * waiting on a run queue, time slices); empty where /proc is not there.
   */
  private static Map<String, long[]> schedstat() {
    Map<String, long[]> out = new HashMap<>();
    java.io.File[] tasks = new java.io.File("/proc/self/task").listFiles();
    if (tasks == null) {
      return out;
    }
    for (java.io.File t : tasks) {
      try {
        String comm = java.nio.file.Files.readString(t.toPath().resolve("comm")).trim();
        String[] f =
            java.nio.file.Files.readString(t.toPath().resolve("schedstat")).trim().split(" ");
        out.put(
            t.getName() + "/" + comm,
            new long[] {Long.parseLong(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2])});
      } catch (java.io.IOException | RuntimeException e) {
        // the task ended meanwhile
      }
    }
    return out;
  }

  /**
   * "waiting for a CPU 1234 ms: updates 300, ...; JIT compiler 120 ms and GC 30 ms of CPU" since
   * this object was made (Linux only). The JVM's own threads are not Java threads, so {@link
   * #millisSince} does not see their CPU.
   */
  String runQueueSummary() {
    Map<String, Long> waiting = new HashMap<>();
    long[] jvmCpu = new long[2];
    schedstat()
        .forEach(
            (k, v) -> {
              long[] before = queued.getOrDefault(k, new long[3]);
              String name = k.substring(k.indexOf('/') + 1).replaceAll("\\d+", "N");
              waiting.merge(name, (v[1] - before[1]) / 1_000_000, Long::sum);
              if (name.contains("Compiler")) {
                jvmCpu[0] += (v[0] - before[0]) / 1_000_000;
              } else if (name.startsWith("GC") || name.startsWith("G1")) {
                jvmCpu[1] += (v[0] - before[0]) / 1_000_000;
              }
            });
    long total = waiting.values().stream().mapToLong(Long::longValue).sum();
    return String.format(Locale.ROOT, "waiting for a CPU %d ms: ", total)
        + waiting.entrySet().stream()
            .filter(e -> e.getValue() > 0)
            .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
            .limit(10)
            .map(e -> e.getKey() + " " + e.getValue())
            .collect(Collectors.joining(", "))
        + String.format(
            Locale.ROOT, "; JIT compiler %d ms and GC %d ms of CPU", jvmCpu[0], jvmCpu[1]);
  }

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
            .collect(Collectors.joining(", "))
        + "\n    "
        + runQueueSummary();
  }
}
