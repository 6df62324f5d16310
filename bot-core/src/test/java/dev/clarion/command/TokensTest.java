package dev.clarion.command;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TokensTest {
  @Test
  void splitsOnSpacesAndKeepsQuotedWordsTogether() {
    assertThat(Tokens.split("  incident comment 42 \"rolled back\" 'deploy 3' ok "))
        .containsExactly("incident", "comment", "42", "rolled back", "deploy 3", "ok");
    assertThat(Tokens.split("new checkout “smart quotes work”")).containsExactly("new", "checkout", "smart quotes work");
    assertThat(Tokens.split("   ")).isEmpty();
  }
}
