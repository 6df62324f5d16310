package dev.clarion.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DatabaseSettingsTest {
  private static final String H2_SETTINGS =
      ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";

  @Test
  void fileUrlsGetWriteDelayZeroAndPostgresMode() {
    assertThat(DatabaseSettings.normalizeUrl("jdbc:h2:file:./data/clarion"))
        .isEqualTo("jdbc:h2:file:./data/clarion" + H2_SETTINGS + ";WRITE_DELAY=0");
    assertThat(DatabaseSettings.normalizeUrl("jdbc:h2:./data/clarion;"))
        .isEqualTo("jdbc:h2:./data/clarion" + H2_SETTINGS + ";WRITE_DELAY=0");
  }

  @Test
  void settingsAlreadyPresentAreKept() {
    String url = "jdbc:h2:file:/var/clarion/db;write_delay=0;MODE=PostgreSQL;AUTO_SERVER=TRUE";

    assertThat(DatabaseSettings.normalizeUrl(url))
        .isEqualTo(url + ";DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
  }

  @Test
  void inMemoryAndRemoteH2GetCompatibilityButNoWriteDelay() {
    assertThat(DatabaseSettings.normalizeUrl("jdbc:h2:mem:test"))
        .isEqualTo("jdbc:h2:mem:test" + H2_SETTINGS);
    assertThat(DatabaseSettings.normalizeUrl("jdbc:h2:tcp://db/clarion"))
        .isEqualTo("jdbc:h2:tcp://db/clarion" + H2_SETTINGS);
  }

  @Test
  void postgresUrlsAreUsedAsWritten() {
    String url = "jdbc:postgresql://db:5432/clarion?ssl=true";

    assertThat(DatabaseSettings.normalizeUrl(url)).isEqualTo(url);
  }

  @Test
  void loaderNormalisesTheConfiguredUrl() {
    ClarionConfig config =
        ConfigLoader.parse(
            "database:\n  url: jdbc:h2:file:./data/other\n  password: ${env:DB_PASSWORD}\n",
            "clarion.yml",
            Map.of("DB_PASSWORD", "hunter22"));

    assertThat(config.database().url()).endsWith(";WRITE_DELAY=0");
    assertThat(config.database().password()).isEqualTo("hunter22");
    assertThat(config.database().toString()).doesNotContain("hunter22");
  }

  @Test
  void toStringHidesPasswordsWrittenIntoTheUrl() {
    var settings =
        new DatabaseSettings("jdbc:postgresql://db/clarion?user=c&password=hunter22", "c", "", 5);

    assertThat(settings.toString()).doesNotContain("hunter22").contains("password=(hidden)");
  }
}
