package dev.clarion.http;

import dev.clarion.escalation.PolicyDeployer;
import dev.clarion.problem.Problem;
import dev.clarion.user.Role;
import dev.clarion.user.TokenService;
import dev.clarion.user.User;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code POST /api/v1/policies/deploy} (admin): validates every escalation policy and deploys the
 * changed ones; 200 with each policy's version, or 422 with every problem and nothing replaced.
 */
public final class PolicyRoutes {
  private final TokenService tokens;
  private final PolicyDeployer deployer;

  public PolicyRoutes(TokenService tokens, PolicyDeployer deployer) {
    this.tokens = tokens;
    this.deployer = deployer;
  }

  public void register(RoutesConfig routes) {
    routes.post("/api/v1/policies/deploy", this::deploy);
  }

  private void deploy(Context ctx) {
    String header = ctx.header("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw Problem.unauthenticated("missing bearer token: send 'Authorization: Bearer <token>'");
    }
    User user = tokens.authenticate(header.substring(7).trim());
    if (!user.role().includes(Role.ADMIN)) {
      throw Problem.forbidden("deploying escalation policies needs the admin role");
    }
    PolicyDeployer.Outcome outcome = deployer.deploy();
    Map<String, Object> body = new LinkedHashMap<>();
    if (outcome.ok()) {
      body.put("deployed", outcome.deployed().stream().map(d -> {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("policy", d.policy());
        m.put("origin", d.origin());
        m.put("version", d.version());
        m.put("changed", d.changed());
        return m;
      }).toList());
      JsonBodies.send(ctx, 200, body);
    } else {
      body.put("error", ProblemBody.of(Problem.Kind.INVALID, java.util.Optional.empty(),
          "escalation policies not deployed: " + outcome.problems().size() + " problem(s);"
              + " nothing was replaced"));
      body.put("problems", outcome.problems());
      JsonBodies.send(ctx, 422, body);
    }
  }
}
