package dev.clarion.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clarion.service.ServiceId;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChatChannelSettingsTest {
  private static final String HEAD = """
      services:
        - id: checkout
      """;

  @Test
  void aChatSectionCarriesPluginSettingsAndSubscribedChats() {
    ClarionConfig config = ConfigLoader.parse(HEAD + """
        telegram:
          token: ${env:TG_TOKEN}
          mode: webhook
          chats:
            - id: "-100200"
              services: [checkout]
              events: [escalation, resolved]
        """, "clarion.yml", Map.of("TG_TOKEN", "42:abc"));

    ChatChannelSettings telegram = config.chatChannels().get("telegram");
    assertThat(telegram.settings()).containsExactlyInAnyOrderEntriesOf(
        Map.of("token", "42:abc", "mode", "webhook"));
    assertThat(telegram.chats()).singleElement().satisfies(chat -> {
      assertThat(chat.id()).isEqualTo("-100200");
      assertThat(chat.services()).containsExactly(new ServiceId("checkout"));
      assertThat(chat.events()).containsExactlyInAnyOrder("escalation", "resolved");
    });
    assertThat(telegram.toString()).doesNotContain("42:abc");
    assertThat(config.chatChannels()).doesNotContainKey("slack");
  }

  @Test
  void chatsMustNameKnownServicesAndEvents() {
    assertThatThrownBy(() -> ConfigLoader.parse(HEAD + """
        telegram:
          token: t
          chats:
            - id: "-1"
              services: [billing]
              events: [exploded]
        """, "clarion.yml", Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("telegram.chats[0].services[0]")
        .hasMessageContaining("unknown event 'exploded'");
  }
}
