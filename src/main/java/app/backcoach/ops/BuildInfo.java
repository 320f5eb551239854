package app.backcoach.ops;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * Which build this is: the version and the git commit it was built from (written into the jar by
 * the build), for {@code --version}, the start-up log, {@code /healthz} and {@code
 * backcoach_build_info}.
 *
 * @param dirty the build had uncommitted changes
 */
public record BuildInfo(String version, String commit, String commitTime, boolean dirty) {
  private static final BuildInfo CURRENT = read();

  /** This jar's build. */
  public static BuildInfo current() {
    return CURRENT;
  }

  private static BuildInfo read() {
    Properties p = new Properties();
    try (InputStream in = BuildInfo.class.getResourceAsStream("/app/backcoach/git.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      // Unknown below: the build information is a label, never a reason to stop.
    }
    return new BuildInfo(
        p.getProperty("git.build.version", "unknown"),
        p.getProperty("git.commit.id.abbrev", "unknown"),
        p.getProperty("git.commit.time", "unknown"),
        Boolean.parseBoolean(p.getProperty("git.dirty", "false")));
  }

  /** "0.1.0 (commit 108798d, 2026-11-28T14:09:21Z)", with "+ local changes" on a dirty build. */
  @Override
  public String toString() {
    return "backcoach "
        + version
        + " (commit "
        + commit
        + (dirty ? " + local changes" : "")
        + ", "
        + commitTime
        + ")";
  }
}
