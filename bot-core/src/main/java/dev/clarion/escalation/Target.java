package dev.clarion.escalation;

import dev.clarion.schedule.ScheduleId;
import dev.clarion.team.TeamId;
import dev.clarion.user.UserId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Who one escalation step pages. Written into BPMN as a short text ({@link #expression()}), e.g.
 * {@code user:kim, schedule:platform, team:sre, random:sre, previous}, so a person can read and
 * edit it in a modeler.
 */
public sealed interface Target {
  String expression();

  /** One user. */
  record User(UserId id) implements Target {
    @Override
    public String expression() {
      return "user:" + id;
    }
  }

  /** Whoever is on call for a schedule at the moment the step runs; may be nobody. */
  record Schedule(ScheduleId id) implements Target {
    @Override
    public String expression() {
      return "schedule:" + id;
    }
  }

  /** Every member of a team. */
  record Team(TeamId id) implements Target {
    @Override
    public String expression() {
      return "team:" + id;
    }
  }

  /** One member of a team, picked at random when the step runs. */
  record RandomMember(TeamId id) implements Target {
    @Override
    public String expression() {
      return "random:" + id;
    }
  }

  /** Everyone the earlier steps of this incident's escalation paged. */
  record PreviousResponders() implements Target {
    @Override
    public String expression() {
      return "previous";
    }
  }

  /** Every user who may respond (role responder or admin): the shipped default policy's target. */
  record Everyone() implements Target {
    @Override
    public String expression() {
      return "everyone";
    }
  }

  static Optional<Target> parse(String text) {
    String t = text.strip();
    if (t.equals("previous")) {
      return Optional.of(new PreviousResponders());
    }
    if (t.equals("everyone")) {
      return Optional.of(new Everyone());
    }
    int colon = t.indexOf(':');
    if (colon <= 0 || colon == t.length() - 1) {
      return Optional.empty();
    }
    String id = t.substring(colon + 1).strip();
    return switch (t.substring(0, colon)) {
      case "user" -> Optional.of(new User(new UserId(id)));
      case "schedule" -> Optional.of(new Schedule(new ScheduleId(id)));
      case "team" -> Optional.of(new Team(new TeamId(id)));
      case "random" -> Optional.of(new RandomMember(new TeamId(id)));
      default -> Optional.empty();
    };
  }

  /**
   * Parses a comma-separated target list.
   *
   * @throws IllegalArgumentException naming the first entry that is not a target
   */
  static List<Target> parseList(String text) {
    List<Target> targets = new ArrayList<>();
    for (String part : text.split(",")) {
      if (part.isBlank()) {
        continue;
      }
      targets.add(
          parse(part)
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "not a target: '"
                              + part.strip()
                              + "' (use user:ID, schedule:ID, team:ID, random:ID, previous"
                              + " or everyone)")));
    }
    return List.copyOf(targets);
  }

  static String expression(List<Target> targets) {
    return String.join(", ", targets.stream().map(Target::expression).toList());
  }
}
