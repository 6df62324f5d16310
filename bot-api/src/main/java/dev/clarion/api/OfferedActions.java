package dev.clarion.api;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * The buttons a command reply offers ({@link Commands.Result#actions()}: a preview's Confirm and
 * Cancel), kept in the plugin by a random id so that a button can only run the exact command line
 * that was offered, in the conversation it was offered in. What goes to the platform (a Discord
 * custom id, Telegram callback data) is only {@code <prefix><set>:<index>}, about 15 bytes plus
 * the prefix, so it fits Telegram's 64-byte limit. A set is used up by a press that worked
 * (Confirm twice does not start two windows) and forgotten after {@link #TTL}. A restart forgets
 * every set: such a button then answers that it has expired.
 */
public final class OfferedActions {
  public static final Duration TTL = Duration.ofHours(1);
  private static final int MAX_SETS = 5_000;

  private record OfferSet(String conversation, List<Commands.Action> actions, Instant expires) {}

  /** A pressed button: the action, and how to give the set back when the command was refused. */
  public record Taken(Commands.Action action, Runnable giveBack) {}

  private final Clock clock;
  private final String prefix;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, OfferSet> sets = new LinkedHashMap<>(64, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, OfferSet> eldest) {
      return size() > MAX_SETS;
    }
  };

  /** @param prefix marks this plugin's offer ids apart from its other button ids, e.g. {@code "x:"} */
  public OfferedActions(Clock clock, String prefix) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.prefix = Objects.requireNonNull(prefix, "prefix");
  }

  /** Keeps the actions for this conversation; returns one button id per action, in order. */
  public synchronized List<String> offer(String conversation, List<Commands.Action> actions) {
    byte[] bytes = new byte[9];
    random.nextBytes(bytes);
    String set = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    sets.put(set, new OfferSet(conversation, List.copyOf(actions), clock.instant().plus(TTL)));
    return IntStream.range(0, actions.size()).mapToObj(i -> prefix + set + ":" + i).toList();
  }

  public boolean isOffer(String buttonId) {
    return buttonId != null && buttonId.startsWith(prefix);
  }

  /** Claims the pressed action; empty when unknown, expired, used, or from another conversation. */
  public synchronized Optional<Taken> take(String buttonId, String conversation) {
    if (!isOffer(buttonId)) {
      return Optional.empty();
    }
    String[] parts = buttonId.substring(prefix.length()).split(":", -1);
    if (parts.length != 2 || !parts[1].matches("\\d{1,2}")) {
      return Optional.empty();
    }
    OfferSet offered = sets.get(parts[0]);
    int index = Integer.parseInt(parts[1]);
    if (offered == null || !offered.conversation().equals(conversation)
        || index >= offered.actions().size()) {
      return Optional.empty();
    }
    sets.remove(parts[0]);
    if (clock.instant().isAfter(offered.expires())) {
      return Optional.empty();
    }
    return Optional.of(new Taken(offered.actions().get(index), () -> {
      synchronized (this) {
        sets.putIfAbsent(parts[0], offered);
      }
    }));
  }
}
