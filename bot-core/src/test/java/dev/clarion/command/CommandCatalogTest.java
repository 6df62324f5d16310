package dev.clarion.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clarion.escalation.WorkflowCommand;
import dev.clarion.incident.IncidentService;
import dev.clarion.incident.IncidentStatus;
import dev.clarion.incident.Level;
import dev.clarion.problem.Problem;
import dev.clarion.service.Service;
import dev.clarion.service.ServiceDirectory;
import dev.clarion.service.ServiceId;
import dev.clarion.store.jdbc.Database;
import dev.clarion.store.jdbc.JdbiAuditLog;
import dev.clarion.store.jdbc.JdbiIncidentStore;
import dev.clarion.store.jdbc.JdbiWorkflowCommandStore;
import dev.clarion.store.jdbc.TestDatabases;
import dev.clarion.testkit.SettableClock;
import dev.clarion.user.Role;
import dev.clarion.user.User;
import dev.clarion.user.UserId;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The catalogue as every surface sees it: parsing, roles, and errors as reply models. */
class CommandCatalogTest {
  private final SettableClock clock = SettableClock.atDefaultStart();
  private Database db;
  private CommandCatalog catalog;
  private JdbiWorkflowCommandStore workflow;
  private final Invoker kim = invoker("kim", "Kim Minji", Role.RESPONDER);
  private final Invoker vera = invoker("vera", "Vera", Role.VIEWER);

  private static Invoker invoker(String id, String name, Role role) {
    return new Invoker(new User(new UserId(id), name, id + "@example.com", ZoneId.of("Asia/Seoul"),
        Locale.KOREAN, role, Map.of()), "slack");
  }

  @BeforeEach
  void start() {
    db = TestDatabases.h2();
    Service checkout = new Service(new ServiceId("checkout"), "Checkout", "", Level.HIGH, Optional.empty());
    ServiceDirectory services = new ServiceDirectory() {
      @Override
      public Optional<Service> find(ServiceId id) {
        return id.equals(checkout.id()) ? Optional.of(checkout) : Optional.empty();
      }

      @Override
      public List<Service> all() {
        return List.of(checkout);
      }
    };
    JdbiAuditLog audit = new JdbiAuditLog(db);
    workflow = new JdbiWorkflowCommandStore(db);
    IncidentService incidents = new IncidentService(new JdbiIncidentStore(db), audit,
        workflow, services, db, clock);
    catalog = new CommandCatalog(incidents, audit, clock);
  }

  @AfterEach
  void stop() {
    db.close();
  }

  private Reply.IncidentReply opened() {
    return (Reply.IncidentReply) catalog.run(kim, "incident new checkout \"card payments failing\"");
  }

  @Test
  void aResponderOpensAcknowledgesAndResolvesWithFullNamesOrShortAliases() {
    Reply.IncidentReply created = opened();
    long number = created.incident().id().value();
    assertThat(created.incident().summary()).isEqualTo("card payments failing");
    assertThat(created.sharedChange()).isTrue();

    Reply acked = catalog.run(kim, "ack #" + number);
    assertThat(acked).isInstanceOfSatisfying(Reply.IncidentReply.class, r -> {
      assertThat(r.headline()).isEqualTo("Incident " + number + " acknowledged by Kim Minji");
      assertThat(r.incident().status()).isEqualTo(IncidentStatus.ACKNOWLEDGED);
    });
    Reply resolved = catalog.run(kim, "incident resolve " + number);
    assertThat(((Reply.IncidentReply) resolved).incident().status()).isEqualTo(IncidentStatus.RESOLVED);

    Reply again = catalog.run(kim, "resolve " + number);
    assertThat(again).isInstanceOfSatisfying(Reply.ErrorReply.class, e -> {
      assertThat(e.kind()).isEqualTo(Problem.Kind.CONFLICT);
      assertThat(e.message()).isEqualTo("incident " + number + " is already resolved");
    });
  }

  @Test
  void aViewerIsRefusedByRoleAndSeesOnlyWhatTheyMayRun() {
    long number = opened().incident().id().value();
    Reply refused = catalog.run(vera, "ack " + number);
    assertThat(refused).isInstanceOfSatisfying(Reply.ErrorReply.class,
        e -> assertThat(e.kind()).isEqualTo(Problem.Kind.FORBIDDEN));
    assertThat(catalog.run(vera, "show " + number)).isInstanceOf(Reply.IncidentReply.class);

    Reply.HelpReply help = (Reply.HelpReply) catalog.run(vera, "help");
    assertThat(help.commands()).extracting(CommandSpec::name)
        .contains("incident list", "incident show", "help")
        .doesNotContain("incident ack", "incident resolve", "incident new");
  }

  @Test
  void mistakesComeBackAsErrorsWithUsage() {
    assertThat(catalog.run(kim, "ack")).isInstanceOfSatisfying(Reply.ErrorReply.class,
        e -> assertThat(e.message()).isEqualTo("missing <number>; usage: incident ack <number>"));
    assertThat(catalog.run(kim, "ack 1 2")).isInstanceOfSatisfying(Reply.ErrorReply.class,
        e -> assertThat(e.message()).startsWith("too many arguments"));
    assertThat(catalog.run(kim, "ack forty-two")).isInstanceOfSatisfying(Reply.ErrorReply.class, e -> {
      assertThat(e.field()).contains("number");
      assertThat(e.message()).contains("'forty-two' is not an incident number");
    });
    assertThat(catalog.run(kim, "new nowhere something broke")).isInstanceOfSatisfying(Reply.ErrorReply.class,
        e -> assertThat(e.message()).isEqualTo("unknown service 'nowhere'"));
    assertThat(catalog.run(kim, "list sideways")).isInstanceOfSatisfying(Reply.ErrorReply.class,
        e -> assertThat(e.message()).contains("open|triggered|acknowledged|resolved|all"));
    assertThat(catalog.run(kim, "dance")).isInstanceOfSatisfying(Reply.ErrorReply.class,
        e -> assertThat(e.message()).isEqualTo("unknown command 'dance'; try 'help'"));
  }

  @Test
  void listShowsOpenIncidentsByDefault() {
    long first = opened().incident().id().value();
    long second = opened().incident().id().value();
    catalog.run(kim, "resolve " + first);
    Reply.IncidentListReply open = (Reply.IncidentListReply) catalog.run(vera, "list");
    assertThat(open.incidents()).extracting(i -> i.id().value()).containsExactly(second);
    Reply.IncidentListReply all = (Reply.IncidentListReply) catalog.run(vera, "incident list all");
    assertThat(all.incidents()).extracting(i -> i.id().value()).containsExactly(second, first);
  }

  @Test
  void escalateNowAsksTheEngineForTheNextStepUntilSomeoneAcknowledges() {
    long number = opened().incident().id().value();

    Reply escalated = catalog.run(kim, "escalate " + number);

    assertThat(escalated).isInstanceOfSatisfying(Reply.IncidentReply.class, r -> {
      assertThat(r.sharedChange()).isTrue();
      assertThat(r.timeline()).extracting(t -> t.message()).contains("next escalation step requested now, skipping the wait");
    });
    assertThat(workflow.pending(10)).extracting(WorkflowCommand::kind)
        .containsExactly(WorkflowCommand.Kind.START, WorkflowCommand.Kind.ESCALATE_NOW);
    catalog.run(kim, "ack " + number);
    assertThat(catalog.run(kim, "incident escalate " + number)).isInstanceOfSatisfying(
        Reply.ErrorReply.class, e -> assertThat(e.message())
            .isEqualTo("incident " + number + " is acknowledged; only a triggered incident escalates"));
    assertThat(catalog.run(vera, "escalate " + number)).isInstanceOf(Reply.ErrorReply.class);
  }

  @Test
  void otherPackagesRegisterCommandsButCannotShadowOnes() {
    catalog.register(new CommandSpec("oncall who", "Who is on call", List.of(), Role.VIEWER, List.of("who"),
        inv -> new Reply.HelpReply(List.of(), Optional.empty())));
    assertThat(catalog.find("who")).map(CommandSpec::name).contains("oncall who");
    assertThatThrownBy(() -> catalog.register(new CommandSpec("x", "", List.of(), Role.VIEWER, List.of("ack"),
        inv -> null))).hasMessageContaining("alias 'ack' is already taken");
  }
}
