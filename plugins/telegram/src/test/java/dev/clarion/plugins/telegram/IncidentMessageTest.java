package dev.clarion.plugins.telegram;

import dev.clarion.api.IncidentButtons;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IncidentMessageTest {
  private static Map<String, String> fields(String summary, String status) {
    Map<String, String> f = new HashMap<>();
    f.put("INCIDENT_ID", "42");
    f.put("INCIDENT_NAME", summary);
    f.put("STATUS", status);
    f.put("SERVICE_NAME", "Checkout & Payments");
    f.put("URGENCY", "high");
    f.put("INCIDENT_URL", "https://clarion.example/incidents/42?a=1&b=\"2\"");
    return f;
  }

  @Test
  void escapesTextAndLinkForTelegramHtml() {
    String html = IncidentMessage.render(fields("p99 <500ms> & \"rising\"", "triggered"),
        Optional.empty()).html();
    assertThat(html).contains("<b>p99 &lt;500ms&gt; &amp; \"rising\"</b>");
    assertThat(html).contains("Service: Checkout &amp; Payments");
    assertThat(html).contains(
        "<a href=\"https://clarion.example/incidents/42?a=1&amp;b=&quot;2&quot;\">");
    assertThat(html).doesNotContain("<500ms>");
  }

  @Test
  void buttonsFollowTheStatusAndVanishWhenResolved() {
    assertThat(IncidentMessage.render(fields("x", "triggered"), Optional.empty()).buttons())
        .containsExactly(IncidentButtons.Action.ACK, IncidentButtons.Action.RESOLVE,
            IncidentButtons.Action.ESCALATE);
    assertThat(IncidentMessage.render(fields("x", "acknowledged"), Optional.empty()).buttons())
        .containsExactly(IncidentButtons.Action.RESOLVE);
    assertThat(IncidentMessage.render(fields("x", "resolved"), Optional.empty()).buttons())
        .isEmpty();
  }

  @Test
  void overlongSummaryIsCutWithoutSplittingAnEntityAndKeepsTheLink() {
    String summary = "&".repeat(3000) + "tail-that-is-lost";
    String html = IncidentMessage.render(fields(summary, "triggered"), Optional.of("note"))
        .html();
    assertThat(html.length()).isLessThanOrEqualTo(IncidentMessage.MAX_LENGTH);
    assertThat(html).contains("…").doesNotContain("tail-that-is-lost");
    assertThat(html).endsWith("Open incident #42 in Clarion</a>");
    String body = html.substring(html.indexOf("</b>\n<b>") + 8, html.indexOf("…"));
    assertThat(body).matches("(&amp;)+");
  }

  /** The shipped templates, through the core's sandboxed FreeMarker adapter. */
  private static final dev.clarion.template.FreemarkerTemplates SHIPPED =
      new dev.clarion.template.FreemarkerTemplates(
          Optional.of(java.nio.file.Path.of("../../templates")));

  @Test
  void theShippedTemplateRendersEscapedHtmlInTheUsersLanguage() {
    Map<String, String> f = fields("p99 <500ms> & \"rising\"", "triggered");
    f.put("NEXT_ESCALATION", "03:45 → Kim via schedule db-primary");
    String en = IncidentMessage.render(f, Optional.empty(), SHIPPED, java.util.Locale.ENGLISH)
        .html();
    assertThat(en).startsWith("🔴 <b>TRIGGERED</b> · <b>#42</b>\n<b>p99 &lt;500ms&gt; &amp;"
        + " &quot;rising&quot;</b>\nService: Checkout &amp; Payments · Urgency: high\n");
    assertThat(en).contains("Next escalation: 03:45 → Kim via schedule db-primary")
        .endsWith("Open incident #42 in Clarion</a>").doesNotContain("Assignee");
    String ko = IncidentMessage.render(f, Optional.of("ack"), SHIPPED, java.util.Locale.KOREAN)
        .html();
    assertThat(ko).contains("서비스: Checkout &amp; Payments", "<i>ack</i>",
        "다음 에스컬레이션: 03:45");
    f.put("STATUS", "resolved");
    assertThat(IncidentMessage.render(f, Optional.empty(), SHIPPED, java.util.Locale.ENGLISH)
        .html()).contains("✅ <b>RESOLVED</b>").doesNotContain("Next escalation");
  }

  @Test
  void aTemplatedMessageOverTheLimitLosesTheEndOfItsSummaryNotTheLink() {
    String html = IncidentMessage.render(fields("\"".repeat(3000) + "lost", "triggered"),
        Optional.empty(), SHIPPED, java.util.Locale.ENGLISH).html();
    assertThat(html.length()).isLessThanOrEqualTo(IncidentMessage.MAX_LENGTH);
    assertThat(html).contains("&quot;…").doesNotContain("lost")
        .endsWith("Open incident #42 in Clarion</a>");
  }

  @Test
  void aMissingOrBrokenTemplateFallsBackToTheBuiltInMessage() {
    var none = new dev.clarion.template.FreemarkerTemplates(
        Optional.of(java.nio.file.Path.of("target/no-templates-here")));
    assertThat(IncidentMessage.render(fields("x", "triggered"), Optional.empty(), none,
        java.util.Locale.ENGLISH).html())
        .isEqualTo(IncidentMessage.render(fields("x", "triggered"), Optional.empty()).html());
  }

  @Test
  void cutNeverSplitsASurrogatePair() {
    String cut = IncidentMessage.fit("😀".repeat(10), 6);
    assertThat(cut).isEqualTo("😀😀…");
  }
}
