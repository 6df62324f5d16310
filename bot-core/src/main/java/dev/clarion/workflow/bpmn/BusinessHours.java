package dev.clarion.workflow.bpmn;

import dev.clarion.escalation.BusinessCalendar;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.operaton.bpm.engine.delegate.DelegateExecution;
import org.operaton.bpm.engine.delegate.JavaDelegate;

/**
 * The {@code businessHours} bean. In a gateway condition:
 * {@code ${businessHours.isOpen('kr-office')}} is true while the calendar's office is open, on
 * Clarion's clock. As a service task ({@code camunda:delegateExpression="${businessHours}"} with a
 * {@code calendar} input) it stores the answer in the process variable {@value #VARIABLE} for later
 * gateways ({@code ${inBusinessHours}}). Calendars come from {@code calendars:} in clarion.yml; the
 * validator rejects a policy naming one that does not exist.
 */
public final class BusinessHours implements JavaDelegate {
  static final String BEAN = "businessHours";
  static final String VARIABLE = "inBusinessHours";

  /** When set, "now" for a look ahead (the next escalation step's due time). */
  private static final ThreadLocal<Instant> AS_OF = new ThreadLocal<>();

  private final Map<String, BusinessCalendar> calendars;
  private final Clock clock;

  public BusinessHours(Map<String, BusinessCalendar> calendars, Clock clock) {
    this.calendars = Map.copyOf(calendars);
    this.clock = clock;
  }

  /** Whether {@code calendar}'s office is open now. */
  public boolean isOpen(String calendar) {
    BusinessCalendar c = calendars.get(calendar);
    if (c == null) {
      throw new IllegalArgumentException("unknown calendar '" + calendar + "' (known: "
          + String.join(", ", calendars.keySet().stream().sorted().toList()) + ")");
    }
    return c.isOpen(Optional.ofNullable(AS_OF.get()).orElseGet(clock::instant));
  }

  @Override
  public void execute(DelegateExecution execution) {
    Object calendar = execution.getVariable("calendar");
    if (!(calendar instanceof String name)) {
      throw new IllegalStateException(
          "businessHours task " + execution.getCurrentActivityId() + " has no 'calendar' input");
    }
    execution.getProcessInstance().setVariable(VARIABLE, isOpen(name));
  }

  /** Evaluates {@code work} with business hours judged at {@code at} instead of now. */
  static <T> T asOf(Instant at, Supplier<T> work) {
    Instant previous = AS_OF.get();
    AS_OF.set(at);
    try {
      return work.get();
    } finally {
      if (previous == null) {
        AS_OF.remove();
      } else {
        AS_OF.set(previous);
      }
    }
  }
}
