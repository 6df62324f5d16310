package dev.clarion.command;

import dev.clarion.user.Role;
import java.util.List;
import java.util.stream.Collectors;

/** A command's definition: name (one or two words), arguments, who may run it, and what it does. */
public record CommandSpec(
    String name, String summary, List<Argument> arguments, Role requiredRole, List<String> aliases,
    Handler handler) {

  /** Runs a parsed invocation; throws {@link dev.clarion.problem.Problem} to refuse. */
  @FunctionalInterface
  public interface Handler {
    Reply run(Invocation invocation);
  }

  public CommandSpec {
    arguments = List.copyOf(arguments);
    aliases = List.copyOf(aliases);
  }

  public String usage() {
    String args = arguments.stream().map(Argument::usage).collect(Collectors.joining(" "));
    return args.isEmpty() ? name : name + " " + args;
  }
}
