package dev.clarion.plugins.discord;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.concurrent.Executor;
import net.dv8tion.jda.api.events.RawGatewayEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Interactions over JDA's gateway connection (the default: no public URL needed). JDA hands us
 * each {@code INTERACTION_CREATE} as a raw event whose payload is the very JSON Discord posts to an
 * HTTP interactions endpoint, so both transports share {@link Interactions}; only the way the
 * answer travels differs. The work leaves JDA's event thread at once, so a slow command never
 * holds up the gateway.
 */
final class GatewayInbound extends ListenerAdapter {
  private static final Logger log = LoggerFactory.getLogger(GatewayInbound.class);

  private final Interactions interactions;
  private final Executor workers;

  GatewayInbound(Interactions interactions, Executor workers) {
    this.interactions = interactions;
    this.workers = workers;
  }

  @Override
  public void onRawGateway(RawGatewayEvent event) {
    if (!"INTERACTION_CREATE".equals(event.getType())) {
      return;
    }
    JsonNode interaction;
    try {
      interaction = DiscordRest.JSON.readTree(event.getPayload().toJson());
    } catch (IOException e) {
      log.warn("discord: unreadable interaction from the gateway: {}", e.toString());
      return;
    }
    workers.execute(() -> interactions.answerOverGateway(interaction));
  }
}
