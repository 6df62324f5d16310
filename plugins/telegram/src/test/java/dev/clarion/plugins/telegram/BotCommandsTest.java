package dev.clarion.plugins.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clarion.api.Commands;
import java.util.List;
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
    assertThat(line("/maint checkout 30m deploy")).contains("maint start checkout 30m deploy");
    assertThat(line("/oncall")).contains("oncall who");
    assertThat(line("/maint list")).contains("maint list");
    assertThat(line("/maint end 7")).contains("maint end 7");
    assertThat(line("/oncall shifts kim")).contains("oncall shifts kim");
    assertThat(line("/cover 2h db-primary")).contains("oncall cover me 2h db-primary");
    assertThat(line("/escalate 42")).as("not in the menu, still the catalogue's")
        .contains("escalate 42");
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
  void theMenuTakesItsDescriptionsFromTheCatalogueAndLeavesOutWhatTheCoreLacks() {
    List<Commands.CommandInfo> catalogue = List.of(
        new Commands.CommandInfo("incident ack", List.of("ack"), "Acknowledge an incident",
            "incident ack <number>", List.of()),
        new Commands.CommandInfo("help", List.of(), "List the commands", "help", List.of()));
    assertThat(BotCommands.menu(catalogue)).extracting(BotCommands.MenuEntry::name)
        .containsExactly("ack", "help", "link");
    assertThat(BotCommands.menu(catalogue).get(0).description())
        .isEqualTo("Acknowledge an incident · /ack 42");
    assertThat(BotCommands.menu(List.of())).extracting(BotCommands.MenuEntry::name)
        .containsExactly("list", "show", "ack", "resolve", "oncall", "cover", "maint", "help",
            "link");
  }

  @Test
  void registersTheDocumentedCommands() {
    assertThat(BotCommands.ALL).extracting(BotCommands.Command::name)
        .containsExactly("list", "show", "ack", "resolve", "oncall", "cover", "maint", "help");
    // Telegram accepts 1-32 characters of a-z, 0-9 and _ as command names.
    assertThat(BotCommands.ALL).allSatisfy(c -> assertThat(c.name()).matches("[a-z0-9_]{1,32}"));
  }
}
