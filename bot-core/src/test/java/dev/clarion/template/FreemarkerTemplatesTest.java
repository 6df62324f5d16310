package dev.clarion.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clarion.api.Templates.Escaping;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The shipped templates render in both languages, and the sandbox holds. */
class FreemarkerTemplatesTest {
  /** The repository's templates/ (tests run in bot-core/). */
  static final Path SHIPPED = Path.of("..", "templates");
  private final FreemarkerTemplates templates = new FreemarkerTemplates(Optional.of(SHIPPED));
  private final Map<String, String> fields = Map.ofEntries(
      Map.entry("SERVICE_NAME", "Checkout"), Map.entry("INCIDENT_NAME", "5xx \"spike\" <b>"),
      Map.entry("STATUS", "triggered"), Map.entry("CREATE_DATE", "2026-11-23 09:00:00 KST"),
      Map.entry("MODIFY_DATE", "2026-11-23 09:01:00 KST"), Map.entry("INCIDENT_URL", "http://x/1"),
      Map.entry("INCIDENT_ID", "1"), Map.entry("URGENCY", "high"), Map.entry("PRIORITY", "P1"),
      Map.entry("ASSIGNEE", "kim"), Map.entry("ACK_URL", "http://x/links/a"),
      Map.entry("RESOLVE_URL", "http://x/links/r"), Map.entry("DETAILS_JSON", "{}"));

  @Test
  void everyEventShipsInEnglishAndKorean() throws Exception {
    for (String channel : new String[] {"webhook", "inbox"}) {
      for (String event : new String[] {"escalation", "assignee_change", "acknowledged",
          "resolved", "test"}) {
        for (String lang : new String[] {"en", "ko"}) {
          assertThat(Files.exists(SHIPPED.resolve(channel).resolve(lang).resolve(event + ".ftl")))
              .as(channel + "/" + lang + "/" + event).isTrue();
        }
        String out = templates.render(channel, event, Locale.ENGLISH, fields,
            channel.equals("webhook") ? Escaping.JSON : Escaping.HTML);
        assertThat(out).contains("Checkout");
      }
    }
  }

  @Test
  void theUsersLocalePicksTheTemplateAndFallsBackToEnglish() {
    assertThat(templates.render("inbox", "acknowledged", Locale.forLanguageTag("ko"), fields,
        Escaping.HTML)).contains("확인됨", "담당자");
    assertThat(templates.render("inbox", "acknowledged", Locale.GERMAN, fields, Escaping.HTML))
        .contains("Acknowledged");
  }

  @Test
  void valuesAreEscapedForTheFormat() {
    String json = templates.render("webhook", "escalation", Locale.ENGLISH, fields, Escaping.JSON);
    assertThat(json).contains("\"name\": \"5xx \\\"spike\\\" \\u003cb>\"");
    String html = templates.render("inbox", "escalation", Locale.ENGLISH, fields, Escaping.HTML);
    assertThat(html).contains("5xx &quot;spike&quot; &lt;b&gt;").doesNotContain("<b>");
    assertThat(templates.renderText("q", "https://h/?t=${INCIDENT_NAME}", fields, Escaping.URL))
        .isEqualTo("https://h/?t=5xx+%22spike%22+%3Cb%3E");
  }

  @Test
  void theSandboxRefusesClassesApiAndFilesOutsideTemplates() {
    assertThatThrownBy(() -> templates.renderText("new",
        "${\"freemarker.template.utility.Execute\"?new()(\"id\")}", fields, Escaping.NONE))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> templates.renderText("api", "${INCIDENT_NAME?api}", fields,
        Escaping.NONE)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> templates.renderText("inc", "<#include \"../../pom.xml\">", fields,
        Escaping.NONE)).isInstanceOf(RuntimeException.class);
    assertThatThrownBy(() -> templates.renderText("missing", "${NOPE}", fields, Escaping.NONE))
        .hasMessageContaining("NOPE");
  }
}
