package dev.clarion.plugins.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class BotCommandsTest {
  private static final Optional<String> BOT = Optional.of("clarion_bot");

  private static Optional<String> line(String text) {
    return BotCommands.parse(text, BOT).map(BotCommands.Parsed::commandLine);
  }

  @Test
  void mapsCommandsToTheCatalogue() {
    assertThat(line("/list")).contains("incident list");
    assertThat(line("/show 42")).contains("incident show 42");
    assertThat(line("/ack   42 ")).contains("incident ack 42");
    assertThat(line("/resolve 7")).contains("incident resolve 7");
    assertThat(line("/maint checkout 30m deploy")).contains("maint checkout 30m deploy");
    assertThat(line("/help ack")).contains("help ack");
    assertThat(line("/start")).contains("help");
  }

  @Test
  void handlesTheBotnameSuffixInGroups() {
    assertThat(line("/ack@clarion_bot 42")).contains("incident ack 42");
    assertThat(line("/ack@Clarion_Bot 42")).contains("incident ack 42");
    assertThat(line("/ack@other_bot 42")).isEmpty();
    assertThat(BotCommands.parse("/ack@other_bot 42", Optional.empty())).isPresent();
  }

  @Test
  void ignoresPlainText() {
    assertThat(line("ack 42")).isEmpty();
    assertThat(line("/")).isEmpty();
  }

  @Test
  void registersTheDocumentedCommands() {
    assertThat(BotCommands.ALL).extracting(BotCommands.Command::name)
        .containsExactly("list", "show", "ack", "resolve", "oncall", "cover", "maint", "help");
    // Telegram accepts 1-32 characters of a-z, 0-9 and _ as command names.
    assertThat(BotCommands.ALL).allSatisfy(c -> assertThat(c.name()).matches("[a-z0-9_]{1,32}"));
  }
}
