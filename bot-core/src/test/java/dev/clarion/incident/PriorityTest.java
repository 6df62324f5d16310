package dev.clarion.incident;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PriorityTest {
  /** Seed 003's matrix, row by row: urgency × impact → priority. */
  @ParameterizedTest(name = "urgency {0} × impact {1} = {2}")
  @CsvSource({
    "HIGH, HIGH, P1", "HIGH, MEDIUM, P2", "HIGH, LOW, P3",
    "MEDIUM, HIGH, P2", "MEDIUM, MEDIUM, P3", "MEDIUM, LOW, P4",
    "LOW, HIGH, P3", "LOW, MEDIUM, P4", "LOW, LOW, P5",
    "HIGHEST, HIGH, P1", "LOWEST, LOW, P5", "NONE, HIGH, P3"
  })
  void followsTheUrgencyImpactMatrix(Urgency urgency, Level impact, Priority expected) {
    assertThat(Priority.of(urgency, impact)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"P1, critical", "P2, urgent", "P3, high", "P4, normal", "P5, low"})
  void namesEachPriorityAsTheSeedDoes(Priority priority, String meaning) {
    assertThat(priority.meaning()).isEqualTo(meaning);
  }
}
