package app.backcoach.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The deploy files agree with the jar: same entry point, same variables; the unit passes systemd's
 * own check.
 */
class DeployFilesTest {
  static String read(String path) throws Exception {
    return Files.readString(Path.of(path));
  }

  @Test
  void dockerfileAndUnitRunTheSameJarInBotMode() throws Exception {
    String docker = read("deploy/Dockerfile");
    assertTrue(
        docker.contains(
            "exec java @/app/jvm.options -XX:SharedArchiveFile=/app/backcoach.jsa $JAVA_OPTS"
                + " -jar /app/backcoach.jar"),
        "Dockerfile runs the shaded jar with the deployment's flags and archive");
    assertTrue(
        docker.contains(
            "RUN /app/cds-archive /app/backcoach.jar /app/backcoach.jsa /app/jvm.options"),
        "the image makes its class-data archive");
    assertTrue(docker.contains("HEALTHCHECK") && docker.contains("/healthz"));
    assertTrue(docker.contains("USER "), "runs as a non-root user");
    assertTrue(
        !docker.matches("(?s).*(ARG|ENV)\\s+TELEGRAM_BOT_TOKEN.*"),
        "the token only comes from the environment");
    String unit = read("deploy/backcoach.service");
    assertTrue(
        unit.contains(
            "/usr/bin/java @/opt/backcoach/jvm.options"
                + " -XX:SharedArchiveFile=/opt/backcoach/backcoach.jsa $JAVA_OPTS"
                + " -jar /opt/backcoach/backcoach.jar bot"),
        "the unit runs the jar with the deployment's flags and archive");
    for (String setting :
        new String[] {
          "ProtectSystem=strict",
          "ReadWritePaths=/var/lib/backcoach",
          "NoNewPrivileges=true",
          "Restart=on-failure",
          "EnvironmentFile=/etc/backcoach/backcoach.env",
          "User=backcoach"
        }) {
      assertTrue(unit.contains(setting), setting);
    }
    String compose = read("deploy/docker-compose.yml");
    assertTrue(
        compose.contains("env_file")
            && compose.contains("restart: unless-stopped")
            && compose.contains("/data"));
  }

  @Test
  void thePostgresComposeRunsTwoWebhookInstancesOnOneDatabaseBehindTheProxy() throws Exception {
    var yaml =
        new com.fasterxml.jackson.databind.ObjectMapper(
            new com.fasterxml.jackson.dataformat.yaml.YAMLFactory());
    var compose = yaml.readTree(Path.of("deploy/docker-compose.postgres.yml").toFile());
    var services = compose.path("services");
    for (String bot : new String[] {"bot-1", "bot-2"}) {
      var env = services.path(bot).path("environment");
      assertTrue(
          env.path("BACKCOACH_DATABASE_URL")
              .asText()
              .startsWith("jdbc:postgresql://postgres:5432/"),
          bot + " uses the postgres service");
      assertTrue(env.path("BACKCOACH_WEBHOOK_URL").asText().startsWith("https://"), bot);
      assertTrue(env.has("BACKCOACH_WEBHOOK_SECRET"), bot);
      assertEquals(
          "postgres", services.path(bot).path("depends_on").fieldNames().next(), bot + " waits");
    }
    assertTrue(services.has("postgres") && services.has("caddy"));
    String caddy = read("deploy/Caddyfile");
    assertTrue(caddy.contains("reverse_proxy bot-1:8443 bot-2:8443"), "both instances behind it");
    String port =
        services.path("bot-1").path("environment").path("BACKCOACH_WEBHOOK_PORT").asText();
    assertTrue(caddy.contains(":" + port), "the proxy calls the port the bots listen on");
  }

  @Test
  void theJvmAcceptsTheOptionsFile() throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process p =
        new ProcessBuilder(java.toString(), "@deploy/jvm.options", "-version")
            .redirectErrorStream(true)
            .start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    String out = new String(p.getInputStream().readAllBytes());
    assertEquals(0, p.exitValue(), out);
    assertTrue(!out.contains("Unrecognized") && !out.contains("warning"), out);
  }

  @Test
  void systemdAcceptsTheUnitWhereSystemdAnalyzeExists() throws Exception {
    Path tool = Path.of("/usr/bin/systemd-analyze");
    assumeTrue(Files.isExecutable(tool), "systemd-analyze is not installed here");
    Process p =
        new ProcessBuilder(
                tool.toString(),
                "verify",
                Path.of("deploy/backcoach.service").toAbsolutePath().toString())
            .redirectErrorStream(true)
            .start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    String out = new String(p.getInputStream().readAllBytes());
    assertEquals(0, p.exitValue(), out);
    assertTrue(out.isBlank(), "no warnings: " + out);
  }
}
