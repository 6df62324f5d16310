package dev.clarion.testkit;

import dev.clarion.api.Capability;
import dev.clarion.api.ChannelContext;
import dev.clarion.api.ChannelPlugin;
import dev.clarion.api.Commands;
import dev.clarion.api.DeliveryResult;
import dev.clarion.api.MessageRef;
import dev.clarion.api.Outgoing;
import dev.clarion.api.RateLimits;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An in-memory chat channel for tests: records every post and edit, can be told to answer with
 * failures or 429s, and presses buttons as a user by running the button's command through the
 * core's catalogue, exactly as a real chat plugin would. Thread-safe.
 */
public final class FakeChat implements ChannelPlugin {
  /**
   * One recorded delivery.
   *
   * @param edited the message this one edited, or empty for a new post
   */
  public record Message(String ref, String destination, String event, Map<String, String> fields,
      Optional<String> edited, Instant at) {
    public String incidentId() {
      return fields.getOrDefault("INCIDENT_ID", "");
    }
  }

  private final String id;
  private final RateLimits limits;
  private final List<Message> messages = new ArrayList<>();
  private final Deque<DeliveryResult> scripted = new ArrayDeque<>();
  private volatile ChannelContext context;
  private int posted;

  /** A chat that pretends to be {@code id} ("slack", "telegram"...), within {@code limits}. */
  public FakeChat(String id, RateLimits limits) {
    this.id = id;
    this.limits = limits;
  }

  public FakeChat(String id) {
    this(id, new RateLimits(RateLimits.Rate.perSecond(1000), RateLimits.Rate.perSecond(1000)));
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public Set<Capability> capabilities() {
    return Set.of(Capability.BUTTONS, Capability.EDIT_MESSAGE);
  }

  @Override
  public RateLimits rateLimits() {
    return limits;
  }

  @Override
  public void start(ChannelContext context) {
    this.context = context;
  }

  @Override
  public synchronized DeliveryResult deliver(Outgoing message) {
    DeliveryResult next = scripted.pollFirst();
    if (next != null) {
      return next;
    }
    Instant at = context == null ? Instant.EPOCH : context.clock().instant();
    String ref = message.replaces().map(MessageRef::value).orElseGet(() -> "m" + (++posted));
    messages.add(new Message(ref, message.destination(), message.event(), message.fields(),
        message.replaces().map(MessageRef::value), at));
    return DeliveryResult.delivered(ref);
  }

  /** The next deliveries answer these results instead of recording a message. */
  public synchronized void answerNext(DeliveryResult... results) {
    scripted.addAll(List.of(results));
  }

  /** Every post and edit, in delivery order. */
  public synchronized List<Message> messages() {
    return List.copyOf(messages);
  }

  /** New posts only. */
  public synchronized List<Message> posts() {
    return messages.stream().filter(m -> m.edited().isEmpty()).toList();
  }

  /** Presses a button as {@code chatIdentity}: the button's command goes to the core. */
  public Commands.Result press(String chatIdentity, String commandLine) {
    if (context == null) {
      throw new IllegalStateException("FakeChat was not started by the core");
    }
    return context.commands().run(chatIdentity, commandLine);
  }

  /** Sends a one-time link code as {@code chatIdentity}, like {@code /link CODE} in a chat. */
  public Commands.Result link(String chatIdentity, String code) {
    if (context == null) {
      throw new IllegalStateException("FakeChat was not started by the core");
    }
    return context.commands().link(chatIdentity, code);
  }

  /** Presses "Acknowledge" on {@code message}. */
  public Commands.Result pressAcknowledge(String chatIdentity, Message message) {
    return press(chatIdentity, "incident ack " + message.incidentId());
  }

  /** Presses "Resolve" on {@code message}. */
  public Commands.Result pressResolve(String chatIdentity, Message message) {
    return press(chatIdentity, "incident resolve " + message.incidentId());
  }
}
