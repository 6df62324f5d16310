package dev.clarion.runbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clarion.problem.Problem;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretsTest {
  private final Secrets secrets = new Secrets(Map.of("token", "tok-123456"));

  @Test
  void referencesResolveOnlyWhenUsedAndValuesAreMaskedInOutput() {
    assertThat(secrets.resolve("Bearer {{secret:token}}")).isEqualTo("Bearer tok-123456");
    assertThat(secrets.resolve("Bearer {{ secret:token }}")).isEqualTo("Bearer tok-123456");
    assertThat(secrets.mask("echoed tok-123456 back")).isEqualTo("echoed •••• back");
  }

  @Test
  void anUnknownSecretFailsTheStepNamingItButNotItsValue() {
    assertThatThrownBy(() -> secrets.resolve("{{secret:nope}}")).isInstanceOf(StepFailure.class)
        .hasMessageContaining("unknown secret 'nope'").hasMessageContaining("runbooks.secrets");
  }

  @Test
  void parametersAreKeyValueWords() {
    assertThat(Runbooks.parseParameters(List.of("cluster=payments-db", "note=a=b")))
        .containsEntry("cluster", "payments-db").containsEntry("note", "a=b");
    assertThatThrownBy(() -> Runbooks.parseParameters(List.of("oops"))).isInstanceOf(Problem.class)
        .hasMessageContaining("'oops' is not key=value");
  }
}
