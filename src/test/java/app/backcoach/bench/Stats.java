package app.backcoach.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** Small helpers the benchmark programs share: percentiles, heap and RSS. */
final class Stats {
  private Stats() {}

  static double percentileMillis(long[] nanos, double p) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    int i = (int) Math.min(sorted.length - 1, Math.round(p * (sorted.length - 1)));
    return sorted[i] / 1e6;
  }

  static double maxMillis(long[] nanos) {
    return Arrays.stream(nanos).max().orElse(0) / 1e6;
  }

  static long heapUsedMb() {
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024 * 1024);
  }

  /** Resident set size of this process in MB, from /proc (Linux). */
  static long rssMb() {
    return status("self", "VmRSS:");
  }

  /** Peak RSS of this process in MB (VmHWM). */
  static long peakRssMb() {
    return status("self", "VmHWM:");
  }

  /** Resident set size of another process in MB. */
  static long rssMb(long pid) {
    return status(Long.toString(pid), "VmRSS:");
  }

  /** Peak RSS of another process in MB (VmHWM). */
  static long peakRssMb(long pid) {
    return status(Long.toString(pid), "VmHWM:");
  }

  /** A kB figure from /proc/PID/status, in MB; -1 when it cannot be read. */
  private static long status(String pid, String field) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", pid, "status"))) {
        if (line.startsWith(field)) {
          return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
        }
      }
    } catch (Exception e) {
      return -1;
    }
    return -1;
  }

  /** Deletes a temp folder and everything in it. */
  static void deleteTree(Path dir) {
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (java.io.IOException e) {
      System.err.println("could not delete " + dir + ": " + e);
    }
  }
}
