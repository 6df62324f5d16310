package dev.clarion.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clarion.command.Invoker;
import dev.clarion.ical.ShiftCalendar;
import dev.clarion.maintenance.MaintenanceId;
import dev.clarion.maintenance.MaintenanceService;
import dev.clarion.maintenance.MaintenanceWindow;
import dev.clarion.problem.Problem;
import dev.clarion.schedule.BulkOverride;
import dev.clarion.schedule.CalendarFeed;
import dev.clarion.schedule.CalendarFeeds;
import dev.clarion.schedule.Layer;
import dev.clarion.schedule.NewOverride;
import dev.clarion.schedule.OverrideId;
import dev.clarion.schedule.OverrideTarget;
import dev.clarion.schedule.Schedule;
import dev.clarion.schedule.ScheduleId;
import dev.clarion.schedule.ScheduleOverride;
import dev.clarion.schedule.ScheduleService;
import dev.clarion.service.ServiceId;
import dev.clarion.user.Role;
import dev.clarion.user.UserId;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Schedules, shifts, overrides, maintenance windows and calendar feeds under {@code /api/v1}, plus
 * the token-addressed feeds under {@code /ical/}. Reads need any role; changes need responder.
 * Every change goes through {@link ScheduleService} or {@link MaintenanceService}, which validate
 * fully before writing and audit.
 */
final class ScheduleRoutes {
  private final ScheduleService schedules;
  private final MaintenanceService maintenance;
  private final CalendarFeeds feeds;
  private final Function<Context, Invoker> invoker;
  private final JsonBodies bodies;
  private final Clock clock;

  ScheduleRoutes(ScheduleService schedules, MaintenanceService maintenance, CalendarFeeds feeds,
      Function<Context, Invoker> invoker, JsonBodies bodies, Clock clock) {
    this.schedules = schedules;
    this.maintenance = maintenance;
    this.feeds = feeds;
    this.invoker = invoker;
    this.bodies = bodies;
    this.clock = clock;
  }

  void register(RoutesConfig routes) {
    routes.get("/api/v1/schedules", ctx -> {
      invoker.apply(ctx);
      Instant now = clock.instant();
      JsonBodies.send(ctx, 200, Map.of("schedules",
          schedules.all().stream().map(s -> schedule(s, now)).toList()));
    });
    routes.get("/api/v1/schedules/{id}", ctx -> {
      invoker.apply(ctx);
      JsonBodies.send(ctx, 200, schedule(scheduleOf(ctx), clock.instant()));
    });
    routes.get("/api/v1/schedules/{id}/oncall", ctx -> {
      invoker.apply(ctx);
      Instant at = time(ctx.queryParam("at"), "at").orElse(clock.instant());
      List<UserId> who = schedules.onCall(scheduleOf(ctx).id(), at);
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("schedule", ctx.pathParam("id"));
      body.put("at", at.toString());
      body.put("on_call", who.stream().map(UserId::value).toList());
      body.put("nobody", who.isEmpty());
      JsonBodies.send(ctx, 200, body);
    });
    routes.get("/api/v1/schedules/{id}/shifts", ctx -> {
      invoker.apply(ctx);
      Instant from = time(ctx.queryParam("from"), "from").orElse(clock.instant());
      Instant to = time(ctx.queryParam("to"), "to").orElse(from.plus(Duration.ofDays(7)));
      JsonBodies.send(ctx, 200, Map.of("shifts", schedules.shifts(scheduleOf(ctx).id(), from, to)
          .stream().map(Views::shift).toList()));
    });
    routes.get("/api/v1/users/{id}/shifts", ctx -> {
      invoker.apply(ctx);
      int days = days(ctx.queryParam("days"));
      JsonBodies.send(ctx, 200, Map.of("shifts",
          schedules.upcomingShifts(new UserId(ctx.pathParam("id")), Duration.ofDays(days))
              .stream().map(Views::shift).toList()));
    });
    routes.get("/api/v1/schedules/{id}/overrides", ctx -> {
      invoker.apply(ctx);
      Instant from = time(ctx.queryParam("from"), "from").orElse(clock.instant());
      Instant to = time(ctx.queryParam("to"), "to").orElse(from.plus(ScheduleService.MAX_RANGE));
      JsonBodies.send(ctx, 200, Map.of("overrides",
          schedules.overrides(scheduleOf(ctx).id(), from, to).stream().map(Views::override)
              .toList()));
    });
    routes.post("/api/v1/schedules/{id}/overrides", ctx -> {
      Invoker who = responder(ctx);
      Schedule s = scheduleOf(ctx);
      JsonNode body = bodies.read(ctx);
      ScheduleOverride created = schedules.addOverride(who.actor(), new NewOverride(s.id(),
          user(body, "coverer"), target(body), requiredTime(body, "start"),
          requiredTime(body, "end"), body.path("reason").asText("")));
      JsonBodies.send(ctx, 201, Views.override(created));
    });
    routes.post("/api/v1/schedules/{id}/overrides/bulk", ctx -> {
      Invoker who = responder(ctx);
      Schedule s = scheduleOf(ctx);
      JsonNode body = bodies.read(ctx);
      BulkOverride bulk = new BulkOverride(s.id(), user(body, "coverer"), target(body),
          date(body, "first_day"), date(body, "last_day"), days(body), localTime(body, "from"),
          localTime(body, "to"), zone(body, s.timeZone()), body.path("reason").asText(""));
      List<ScheduleOverride> created = schedules.addBulk(who.actor(), bulk);
      JsonBodies.send(ctx, 201, Map.of("overrides",
          created.stream().map(Views::override).toList()));
    });
    routes.put("/api/v1/overrides/{id}", ctx -> {
      Invoker who = responder(ctx);
      JsonNode body = bodies.read(ctx);
      ScheduleOverride changed = schedules.editOverride(who.actor(), overrideId(ctx),
          user(body, "coverer"), requiredTime(body, "start"), requiredTime(body, "end"),
          body.path("reason").asText(""));
      JsonBodies.send(ctx, 200, Views.override(changed));
    });
    routes.delete("/api/v1/overrides/{id}", ctx -> {
      Invoker who = responder(ctx);
      schedules.removeOverride(who.actor(), overrideId(ctx));
      ctx.status(204);
    });

    routes.get("/api/v1/maintenance", ctx -> {
      invoker.apply(ctx);
      windows(ctx, maintenance.current());
    });
    routes.get("/api/v1/maintenance/history", ctx -> {
      invoker.apply(ctx);
      windows(ctx, maintenance.history(limit(ctx.queryParam("limit"))));
    });
    routes.post("/api/v1/maintenance/preview", ctx -> {
      invoker.apply(ctx);
      JsonNode body = bodies.read(ctx);
      JsonBodies.send(ctx, 200, Views.preview(
          maintenance.preview(services(body), minutes(body, "duration_minutes"))));
    });
    routes.post("/api/v1/maintenance", ctx -> {
      Invoker who = responder(ctx);
      JsonNode body = bodies.read(ctx);
      Set<ServiceId> services = services(body);
      String reason = body.path("reason").asText("");
      MaintenanceWindow w = body.has("start")
          ? maintenance.schedule(who.actor(), services, requiredTime(body, "start"),
              requiredTime(body, "end"), reason)
          : maintenance.start(who.actor(), services, minutes(body, "duration_minutes"), reason);
      JsonBodies.send(ctx, 201, Views.maintenanceWindow(w, clock.instant()));
    });
    routes.post("/api/v1/maintenance/{id}/extend", ctx -> {
      Invoker who = responder(ctx);
      JsonNode body = bodies.read(ctx);
      MaintenanceWindow w =
          maintenance.extend(who.actor(), windowId(ctx), minutes(body, "minutes"));
      JsonBodies.send(ctx, 200, Views.maintenanceWindow(w, clock.instant()));
    });
    routes.post("/api/v1/maintenance/{id}/end", ctx -> {
      Invoker who = responder(ctx);
      MaintenanceWindow w = maintenance.end(who.actor(), windowId(ctx));
      JsonBodies.send(ctx, 200, Views.maintenanceWindow(w, clock.instant()));
    });

    routes.post("/api/v1/schedules/{id}/feed", ctx -> {
      Invoker who = invoker.apply(ctx);
      Schedule s = scheduleOf(ctx);
      feedCreated(ctx, feeds.create(who.actor(), CalendarFeed.Kind.SCHEDULE, s.id().value()));
    });
    routes.post("/api/v1/users/{id}/feed", ctx -> {
      Invoker who = invoker.apply(ctx);
      String user = ctx.pathParam("id");
      if (!who.user().id().value().equals(user) && !who.user().role().includes(Role.ADMIN)) {
        throw Problem.forbidden("only " + user + " or an admin may create their calendar feed");
      }
      feedCreated(ctx, feeds.create(who.actor(), CalendarFeed.Kind.USER, user));
    });
    routes.get("/ical/{token}", ctx -> {
      String token = ctx.pathParam("token");
      if (token.endsWith(".ics")) {
        token = token.substring(0, token.length() - 4);
      }
      CalendarFeeds.Contents contents = feeds.read(token);
      ctx.contentType("text/calendar; charset=utf-8")
          .result(ShiftCalendar.render(contents.name(), contents.shifts(), clock.instant()));
    });
  }

  private static void feedCreated(Context ctx, String token) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("path", "/ical/" + token + ".ics");
    body.put("token", token);
    body.put("note", "the token is shown once; anyone with the URL can read these shifts");
    JsonBodies.send(ctx, 201, body);
  }

  private void windows(Context ctx, List<MaintenanceWindow> windows) {
    Instant now = clock.instant();
    JsonBodies.send(ctx, 200, Map.of("windows",
        windows.stream().map(w -> Views.maintenanceWindow(w, now)).toList()));
  }

  private Invoker responder(Context ctx) {
    Invoker who = invoker.apply(ctx);
    if (!who.user().role().includes(Role.RESPONDER)) {
      throw Problem.forbidden("this change needs the responder role; " + who.user().name()
          + " is a " + who.user().role().label());
    }
    return who;
  }

  private Schedule scheduleOf(Context ctx) {
    return schedules.get(new ScheduleId(ctx.pathParam("id")));
  }

  private Map<String, Object> schedule(Schedule s, Instant now) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", s.id().value());
    m.put("name", s.name());
    m.put("time_zone", s.timeZone().getId());
    m.put("services", s.services().stream().map(ServiceId::value).sorted().toList());
    m.put("layers", s.layers().stream().map(ScheduleRoutes::layer).toList());
    m.put("on_call_now",
        schedules.onCall(s.id(), now).stream().findFirst().map(UserId::value).orElse(null));
    return m;
  }

  private static Map<String, Object> layer(Layer l) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", l.name());
    m.put("rotation", l.rotation().label());
    m.put("start", l.startDate().toString());
    m.put("handoff", l.handoff().toString());
    m.put("time_zone", l.zone().getId());
    m.put("members", l.members().stream().map(x -> x.user().value()).toList());
    m.put("restrictions", l.restrictions().stream().map(r -> Map.of(
        "days", r.days().stream().sorted().map(d -> d.name().toLowerCase(Locale.ROOT)).toList(),
        "from", r.start().toString(), "to", r.end().toString())).toList());
    return m;
  }

  private static OverrideTarget target(JsonNode body) {
    String covers = body.path("covers").asText("");
    String layer = body.path("layer").asText("");
    if (!covers.isEmpty() && !layer.isEmpty()) {
      throw Problem.invalid("covers", "give 'covers' (a user) or 'layer', not both");
    }
    if (!layer.isEmpty()) {
      return new OverrideTarget.WholeLayer(layer);
    }
    return covers.isEmpty() ? new OverrideTarget.WholeSchedule()
        : new OverrideTarget.Person(new UserId(covers));
  }

  private static UserId user(JsonNode body, String field) {
    String text = body.path(field).asText("");
    if (text.isBlank()) {
      throw Problem.invalid(field, "'" + field + "' is required");
    }
    return new UserId(text);
  }

  private static Instant requiredTime(JsonNode body, String field) {
    return time(body.path(field).isTextual() ? body.path(field).asText() : null, field)
        .orElseThrow(() -> Problem.invalid(field, "'" + field + "' is required"));
  }

  private static Optional<Instant> time(String value, String field) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(OffsetDateTime.parse(value.trim().replace(' ', '+')).toInstant());
    } catch (DateTimeException e) {
      throw Problem.invalid(field, "'" + field
          + "' must be an ISO-8601 time with offset, e.g. 2026-11-23T03:00:00Z");
    }
  }

  private static LocalDate date(JsonNode body, String field) {
    try {
      return LocalDate.parse(body.path(field).asText(""));
    } catch (DateTimeException e) {
      throw Problem.invalid(field, "'" + field + "' must be a date like 2026-03-01");
    }
  }

  private static LocalTime localTime(JsonNode body, String field) {
    try {
      return LocalTime.parse(body.path(field).asText(""));
    } catch (DateTimeException e) {
      throw Problem.invalid(field, "'" + field + "' must be a time like 09:00");
    }
  }

  private static ZoneId zone(JsonNode body, ZoneId fallback) {
    String text = body.path("time_zone").asText("");
    if (text.isEmpty()) {
      return fallback;
    }
    try {
      return ZoneId.of(text);
    } catch (DateTimeException e) {
      throw Problem.invalid("time_zone", "unknown time zone '" + text
          + "' (use a region id such as Europe/Berlin)");
    }
  }

  private static Set<DayOfWeek> days(JsonNode body) {
    Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
    for (JsonNode d : body.path("days")) {
      String t = d.asText("").toLowerCase(Locale.ROOT);
      Optional<DayOfWeek> day = EnumSet.allOf(DayOfWeek.class).stream()
          .filter(x -> x.name().toLowerCase(Locale.ROOT).startsWith(t) && t.length() >= 3)
          .findFirst();
      days.add(day.orElseThrow(() -> Problem.invalid("days", "unknown day '" + t
          + "' (use mon..sun)")));
    }
    return days;
  }

  private static Set<ServiceId> services(JsonNode body) {
    Set<ServiceId> services = new LinkedHashSet<>();
    for (JsonNode s : body.path("services")) {
      if (s.isTextual() && !s.asText().isBlank()) {
        services.add(new ServiceId(s.asText()));
      }
    }
    if (services.isEmpty()) {
      throw Problem.invalid("services", "'services' must list at least one service id");
    }
    return services;
  }

  private static Duration minutes(JsonNode body, String field) {
    JsonNode n = body.path(field);
    if (!n.canConvertToLong()) {
      throw Problem.invalid(field, "'" + field + "' must be a whole number of minutes");
    }
    return Duration.ofMinutes(n.asLong());
  }

  private static int days(String value) {
    if (value == null || value.isBlank()) {
      return 7;
    }
    try {
      int n = Integer.parseInt(value.trim());
      if (n >= 1 && n <= 366) {
        return n;
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    throw Problem.invalid("days", "must be a whole number from 1 to 366");
  }

  private static int limit(String value) {
    if (value == null || value.isBlank()) {
      return 50;
    }
    try {
      int n = Integer.parseInt(value.trim());
      if (n >= 1 && n <= 500) {
        return n;
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    throw Problem.invalid("limit", "must be a whole number from 1 to 500");
  }

  private static OverrideId overrideId(Context ctx) {
    try {
      return new OverrideId(Long.parseLong(ctx.pathParam("id")));
    } catch (NumberFormatException e) {
      throw Problem.invalid("id", "'" + ctx.pathParam("id") + "' is not an override number");
    }
  }

  private static MaintenanceId windowId(Context ctx) {
    try {
      return new MaintenanceId(Long.parseLong(ctx.pathParam("id")));
    } catch (NumberFormatException e) {
      throw Problem.invalid("id", "'" + ctx.pathParam("id") + "' is not a window number");
    }
  }
}
