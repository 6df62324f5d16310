package dev.clarion.command;

import static dev.clarion.command.Argument.Type.WORD;

import dev.clarion.escalation.EscalationSimulations;
import dev.clarion.user.Role;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** {@code oncall simulate}: who a policy would page when, from now, as a timeline. */
public final class EscalationCommands {
  private EscalationCommands() {}

  public static void register(
      CommandCatalog catalog, EscalationSimulations simulations, Clock clock) {
    catalog.register(new CommandSpec(
        "oncall simulate",
        "Who an escalation policy would page when, from now: 'oncall simulate checkout 20m'",
        List.of(new Argument("policy", WORD, true, "an escalation policy or a service id"),
            new Argument("ack-after", WORD, false,
                "acknowledge after this long (20m, 1h); default: nobody answers")),
        Role.VIEWER, List.of("simulate"), inv -> {
          Optional<Duration> ackAfter =
              inv.optional("ack-after").map(text -> TimeText.duration("ack-after", text));
          EscalationSimulations.Simulation s =
              simulations.simulate(inv.required("policy"), clock.instant(), ackAfter);
          String title = "Escalation policy " + s.policy()
              + s.service().map(service -> " (service " + service + ")").orElse("")
              + ackAfter.map(d -> ", acknowledged after " + (d.toMinutes() + " min"))
                  .orElse(", nobody answers");
          return new Reply.SimulationReply(title, s);
        }));
  }
}
