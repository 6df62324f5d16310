package dev.clarion.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clarion.runbook.RunbookSettings;
import dev.clarion.user.Role;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code runbooks:} section: allowlists, secrets from the environment, errors with file:line. */
class RunbookConfigTest {
  @Test
  void readsAllowlistsCommandsAndSecretsFromTheEnvironment() {
    ClarionConfig config = ConfigLoader.parse("""
        runbooks:
          directory: ops/runbooks
          approver_role: admin
          http: { allow_hosts: [Status.Internal, "db-control:8080"], timeout_seconds: 5 }
          commands:
            - { name: df, executable: /bin/df, args: [-h], timeout_seconds: 3 }
          secrets:
            token: ${env:RESTART_TOKEN}
        """, "clarion.yml", Map.of("RESTART_TOKEN", "from-env-123"));
    RunbookSettings r = config.runbooks();
    assertThat(r.directory()).isEqualTo(Path.of("ops/runbooks"));
    assertThat(r.approverRole()).isEqualTo(Role.ADMIN);
    assertThat(r.allowsHost("status.internal", 443)).isTrue();
    assertThat(r.allowsHost("db-control", 8080)).isTrue();
    assertThat(r.allowsHost("db-control", 9090)).isFalse();
    assertThat(r.httpTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(r.commands().get("df").args()).containsExactly("-h");
    assertThat(r.secrets()).containsEntry("token", "from-env-123");
    assertThat(r.toString()).doesNotContain("from-env-123");
  }

  @Test
  void aRelativeExecutableAndAHostWithAPathAreErrorsAtTheirLine() {
    assertThatThrownBy(() -> ConfigLoader.parse("""
        runbooks:
          http: { allow_hosts: ["http://x/y"] }
          commands:
            - { name: df, executable: df }
        """, "clarion.yml", Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("clarion.yml:2:")
        .hasMessageContaining("a host is a name or name:port")
        .hasMessageContaining("clarion.yml:4:")
        .hasMessageContaining("must be an absolute path");
  }
}
