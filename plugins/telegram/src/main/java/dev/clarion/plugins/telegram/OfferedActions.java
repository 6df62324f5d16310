package dev.clarion.plugins.telegram;

import dev.clarion.api.Commands;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The buttons a command reply offers ({@link Commands.Result#actions()}: a preview's Confirm and
 * Cancel), kept here by a random id so a button can only run the exact command line that was
 * offered, in the chat it was offered in. The callback data carries nothing but
 * {@code x:<set>:<index>} (about 17 bytes, far under Telegram's 64); the set is used up by a press
 * that worked (Confirm twice does not start two windows) and forgotten after {@link #TTL}. A restart forgets every set: such a
 * button then answers that it has expired.
 */
final class OfferedActions {
  static final Duration TTL = Duration.ofHours(1);
  static final String PREFIX = "x:";
  private static final int MAX_SETS = 5_000;

  private record OfferSet(long chat, List<Commands.Action> actions, Instant expires) {}

  /** A pressed button: the action and how to give the set back when the command was refused. */
  record Taken(Commands.Action action, Runnable giveBack) {}

  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, OfferSet> sets = new LinkedHashMap<>(64, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, OfferSet> eldest) {
      return size() > MAX_SETS;
    }
  };

  OfferedActions(Clock clock) {
    this.clock = clock;
  }

  /** Keeps the actions for this chat; returns one callback data per action, in order. */
  synchronized List<String> offer(long chat, List<Commands.Action> actions) {
    byte[] bytes = new byte[9];
    random.nextBytes(bytes);
    String set = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    sets.put(set, new OfferSet(chat, List.copyOf(actions), clock.instant().plus(TTL)));
    return java.util.stream.IntStream.range(0, actions.size())
        .mapToObj(i -> PREFIX + set + ":" + i).toList();
  }

  static boolean isOffer(String data) {
    return data != null && data.startsWith(PREFIX);
  }

  /** Claims the pressed action; empty when unknown, expired, used, or from another chat. */
  synchronized Optional<Taken> take(String data, long chat) {
    if (!isOffer(data)) {
      return Optional.empty();
    }
    String[] parts = data.substring(PREFIX.length()).split(":", -1);
    if (parts.length != 2 || !parts[1].matches("\\d{1,2}")) {
      return Optional.empty();
    }
    OfferSet offered = sets.get(parts[0]);
    int index = Integer.parseInt(parts[1]);
    if (offered == null || offered.chat() != chat
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
