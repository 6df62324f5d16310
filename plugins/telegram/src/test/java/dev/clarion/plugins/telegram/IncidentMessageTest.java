package dev.clarion.plugins.telegram;

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
        .containsExactly(CallbackData.Action.ACK, CallbackData.Action.RESOLVE,
            CallbackData.Action.ESCALATE);
    assertThat(IncidentMessage.render(fields("x", "acknowledged"), Optional.empty()).buttons())
        .containsExactly(CallbackData.Action.RESOLVE);
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

  @Test
  void cutNeverSplitsASurrogatePair() {
    String cut = IncidentMessage.fit("😀".repeat(10), 6);
    assertThat(cut).isEqualTo("😀😀…");
  }
}
