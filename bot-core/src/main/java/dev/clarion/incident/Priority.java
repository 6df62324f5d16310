package dev.clarion.incident;

import java.util.Locale;

/**
 * Incident priority from the urgency × impact matrix of seed 003 (OPS10-BP03):
 *
 * <pre>
 *                 impact high   impact medium   impact low
 * urgency high    P1 critical   P2 urgent       P3 high
 * urgency medium  P2 urgent     P3 high         P4 normal
 * urgency low     P3 high       P4 normal       P5 low
 * </pre>
 */
public enum Priority {
  P1("critical"),
  P2("urgent"),
  P3("high"),
  P4("normal"),
  P5("low");

  private final String meaning;

  Priority(String meaning) {
    this.meaning = meaning;
  }

  public static Priority of(Urgency urgency, Level impact) {
    int distance = urgency.level().ordinal() + impact.ordinal();
    return values()[distance];
  }

  public String meaning() {
    return meaning;
  }

  public String label() {
    return name() + " " + meaning;
  }

  public static Priority parse(String text) {
    return valueOf(text.trim().toUpperCase(Locale.ROOT));
  }
}
