package dev.clarion.command;

import static dev.clarion.command.Argument.Type.SERVICE;
import static dev.clarion.command.Argument.Type.TEXT;
import static dev.clarion.command.Argument.Type.WORD;

import dev.clarion.maintenance.MaintenanceId;
import dev.clarion.maintenance.MaintenanceService;
import dev.clarion.maintenance.MaintenanceWindow;
import dev.clarion.maintenance.Preview;
import dev.clarion.problem.Problem;
import dev.clarion.service.ServiceId;
import dev.clarion.user.Role;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code maint} commands. Starting a window takes two steps: {@code maint start checkout 30m
 * deploy} only answers a {@link Reply.MaintenancePreviewReply} (what would be silenced) carrying
 * the confirm command, the same line ending in {@code --yes}; running that starts the window.
 * Chat shows the preview with a button that runs the confirm command; the CLI and API pass {@code
 * --yes} (or {@code confirm=yes}) directly. Nothing is stored between the steps, so it works the
 * same on every node of a cluster.
 */
public final class MaintenanceCommands {
  static final String CONFIRM = "--yes";

  private final MaintenanceService maintenance;

  private MaintenanceCommands(MaintenanceService maintenance) {
    this.maintenance = maintenance;
  }

  public static void register(CommandCatalog catalog, MaintenanceService maintenance) {
    MaintenanceCommands c = new MaintenanceCommands(maintenance);
    Argument window = new Argument("window", WORD, true, "window number, e.g. 7 or #7");
    catalog.register(new CommandSpec(
        "maint start", "Preview, then (with --yes) start a maintenance window now",
        List.of(new Argument("service", SERVICE, true, "service id; several comma-separated"),
            new Argument("duration", WORD, true, "5m, 15m, 30m, 60m, 2h..."),
            new Argument("reason", TEXT, false, "why; end with --yes to confirm")),
        Role.RESPONDER, List.of(), c::start));
    catalog.register(new CommandSpec(
        "maint extend", "Make a maintenance window longer",
        List.of(window, new Argument("duration", WORD, true, "how much longer, e.g. 30m")),
        Role.RESPONDER, List.of(), c::extend));
    catalog.register(new CommandSpec(
        "maint end", "End a maintenance window now (or cancel a scheduled one)", List.of(window),
        Role.RESPONDER, List.of(), c::end));
    catalog.register(new CommandSpec(
        "maint list", "Active and scheduled maintenance windows, or 'history'",
        List.of(new Argument("which", WORD, false, "current (default) or history")), Role.VIEWER,
        List.of(), c::list));
  }

  private Reply start(Invocation inv) {
    Set<ServiceId> services = new LinkedHashSet<>();
    for (String s : inv.required("service").split(",")) {
      if (!s.isBlank()) {
        services.add(new ServiceId(s.strip()));
      }
    }
    String durationText = inv.required("duration");
    Duration duration = TimeText.duration("duration", durationText);
    String reason = inv.optional("reason").orElse("").strip();
    boolean confirmed = inv.optional("confirm").filter(v -> v.equalsIgnoreCase("yes")).isPresent();
    if (reason.equals(CONFIRM) || reason.endsWith(" " + CONFIRM)) {
      confirmed = true;
      reason = reason.substring(0, reason.length() - CONFIRM.length()).strip();
    }
    if (!confirmed) {
      Preview preview = maintenance.preview(services, duration);
      String line = "maint start " + inv.required("service") + " " + durationText
          + (reason.isEmpty() ? "" : " " + reason) + " " + CONFIRM;
      return new Reply.MaintenancePreviewReply(
          "Maintenance for " + MaintenanceService.human(duration) + " would silence "
              + preview.services().size() + " service(s), " + preview.openIncidents().size()
              + " open incident(s), " + preview.alertsLastHour() + " alert(s) in the last hour",
          preview, line);
    }
    MaintenanceWindow w = maintenance.start(inv.invoker().actor(), services, duration, reason);
    return new Reply.MaintenanceReply("Maintenance window #" + w.id() + " started for "
        + MaintenanceService.human(duration) + " by " + inv.invoker().user().name(), List.of(w),
        w.createdAt(), true);
  }

  private Reply extend(Invocation inv) {
    MaintenanceId id = id(inv.required("window"));
    Duration by = TimeText.duration("duration", inv.required("duration"));
    MaintenanceWindow w = maintenance.extend(inv.invoker().actor(), id, by);
    return new Reply.MaintenanceReply("Maintenance window #" + id + " extended to " + w.end(),
        List.of(w), maintenance.now(), true);
  }

  private Reply end(Invocation inv) {
    MaintenanceId id = id(inv.required("window"));
    MaintenanceWindow w = maintenance.end(inv.invoker().actor(), id);
    String what = w.status(maintenance.now()) == MaintenanceWindow.Status.CANCELLED
        ? "cancelled" : "ended";
    return new Reply.MaintenanceReply("Maintenance window #" + id + " " + what + " by "
        + inv.invoker().user().name(), List.of(w), maintenance.now(), true);
  }

  private Reply list(Invocation inv) {
    String which = inv.optional("which").orElse("current");
    List<MaintenanceWindow> windows = switch (which) {
      case "current" -> maintenance.current();
      case "history" -> maintenance.history(50);
      default -> throw Problem.invalid("which", "use 'current' or 'history', not '" + which + "'");
    };
    String title = windows.isEmpty()
        ? (which.equals("history") ? "No maintenance windows yet" : "No maintenance now or scheduled")
        : (which.equals("history") ? "Maintenance history" : "Maintenance now and scheduled");
    return new Reply.MaintenanceReply(title, windows, maintenance.now(), false);
  }

  static MaintenanceId id(String text) {
    try {
      long n = Long.parseLong(text.startsWith("#") ? text.substring(1) : text);
      if (n > 0) {
        return new MaintenanceId(n);
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    throw Problem.invalid("window", "'" + text + "' is not a window number (try 7 or #7)");
  }
}
