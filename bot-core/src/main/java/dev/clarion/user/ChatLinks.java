package dev.clarion.user;

import dev.clarion.audit.Actor;
import dev.clarion.audit.AuditLog;
import dev.clarion.problem.Problem;
import dev.clarion.store.Transactions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The one-time link flow: an admin (or the user) makes a short code for a user and a chat channel;
 * the person sends it to the bot in a private chat, and from then on their chat account acts as
 * that user. Codes are 8 characters from an alphabet without look-alikes (shown as
 * {@code KX4P-7MQ9}, typed in any case, with or without the dash), single use, valid for
 * {@link #TTL}, and stored only as their SHA-256 (a leaked database holds no usable code; the
 * short lifetime is what bounds guessing). Creating a code and linking are audited.
 */
public final class ChatLinks {
  /** How long a code stays usable. */
  public static final Duration TTL = Duration.ofMinutes(15);
  /** No 0/O, 1/I/L, 5/S or 2/Z: easy to read out and type. */
  static final String ALPHABET = "ABCDEFGHJKMNPQRTUVWXY346789";
  static final int LENGTH = 8;

  /** A freshly made code: the only time its plain text exists. */
  public record Created(UserId user, String channel, String code, Instant expiresAt) {}

  /** How a link attempt ended: {@code user} is present when the account is now linked. */
  public record Outcome(Optional<User> user, String message) {
    public boolean linked() {
      return user.isPresent();
    }
  }

  private final ChatLinkStore store;
  private final UserDirectory users;
  private final Set<String> channels;
  private final AuditLog audit;
  private final Transactions transactions;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  /**
   * @param users the configured users (codes are made for them)
   * @param channels the chat channels accounts can be linked for, e.g. telegram, discord, slack
   */
  public ChatLinks(ChatLinkStore store, UserDirectory users, Set<String> channels,
      AuditLog audit, Transactions transactions, Clock clock) {
    this.store = store;
    this.users = users;
    this.channels = Set.copyOf(channels);
    this.audit = audit;
    this.transactions = transactions;
    this.clock = clock;
  }

  /** Makes a code for {@code user} on {@code channel}; unknown user or channel is refused. */
  public Created createCode(UserId user, String channel, Actor actor) {
    users.find(user).orElseThrow(() -> Problem.notFound("unknown user '" + user + "'"));
    String ch = channel == null ? "" : channel.strip().toLowerCase(Locale.ROOT);
    if (!channels.contains(ch)) {
      throw Problem.invalid("channel", "cannot link accounts of channel '" + channel
          + "'; use one of " + channels.stream().sorted().toList());
    }
    StringBuilder code = new StringBuilder(LENGTH);
    for (int i = 0; i < LENGTH; i++) {
      code.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    Instant now = clock.instant();
    Instant expires = now.plus(TTL);
    transactions.inTransaction(() -> {
      store.insertCode(TokenService.sha256(code.toString()), user, ch, now, expires);
      audit.record(now, actor, "chat.link_code", "user:" + user, ch);
      return null;
    });
    return new Created(user, ch, code.substring(0, 4) + "-" + code.substring(4), expires);
  }

  /**
   * Links {@code identity} on {@code channel} to the user the code was made for. A wrong, used or
   * expired code (or one made for another channel) links nothing.
   */
  public Outcome link(String channel, String identity, String typedCode) {
    String code = normalise(typedCode);
    if (code.length() != LENGTH || !code.chars().allMatch(c -> ALPHABET.indexOf(c) >= 0)) {
      return new Outcome(Optional.empty(), "That is not a link code: it has " + LENGTH
          + " letters and digits, like KX4P-7MQ9. Nothing was changed.");
    }
    Optional<User> configured = users.findByChatIdentity(channel, identity);
    if (configured.isPresent()) {
      // clarion.yml decides for this account; a stored link would never be used.
      return new Outcome(Optional.empty(), "This " + channel + " account is already linked to "
          + configured.get().name() + " (" + configured.get().id() + ") in clarion.yml, which"
          + " wins over codes. Nothing was changed; the code is still valid.");
    }
    Instant now = clock.instant();
    Optional<User> linked = transactions.inTransaction(() -> {
      Optional<UserId> owner = store.claimCode(TokenService.sha256(code), channel, now);
      if (owner.isEmpty()) {
        return Optional.<User>empty();
      }
      Optional<User> user = users.find(owner.get());
      if (user.isPresent()) {
        store.link(channel, identity, owner.get(), now);
        audit.record(now, Actor.user(owner.get().value(), channel), "chat.link",
            "user:" + owner.get(), channel + ":" + identity);
      }
      return user;
    });
    return linked.map(u -> new Outcome(linked, "Linked: this " + channel + " account now acts as "
            + u.name() + " (" + u.id() + ")."))
        .orElseGet(() -> new Outcome(Optional.empty(), "That code is wrong, already used or"
            + " expired (codes last " + TTL.toMinutes() + " minutes). Nothing was changed;"
            + " ask for a new one."));
  }

  static String normalise(String typed) {
    return typed == null ? "" : typed.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
  }

  /**
   * The configured users, with chat accounts linked by code added: {@code chat:} in clarion.yml
   * wins; a stored link counts only while its user is still configured. A found user's
   * {@link User#chatIdentities()} include the linked accounts, so personal pages reach them too.
   */
  public UserDirectory withLinks(UserDirectory configured) {
    return new UserDirectory() {
      @Override
      public Optional<User> find(UserId id) {
        return configured.find(id).map(this::withLinkedAccounts);
      }

      @Override
      public Optional<User> findByChatIdentity(String channel, String platformUserId) {
        return configured.findByChatIdentity(channel, platformUserId)
            .or(() -> store.linkedUser(channel, platformUserId).flatMap(configured::find))
            .map(this::withLinkedAccounts);
      }

      @Override
      public java.util.List<User> all() {
        return configured.all().stream().map(this::withLinkedAccounts).toList();
      }

      private User withLinkedAccounts(User user) {
        java.util.List<ChatLinkStore.ChatLink> links = store.links(user.id());
        if (links.isEmpty()) {
          return user;
        }
        java.util.Map<String, String> chat = new java.util.TreeMap<>();
        // The latest link per channel, unless clarion.yml names an account there.
        links.stream().sorted(java.util.Comparator.comparing(ChatLinkStore.ChatLink::linkedAt))
            .forEach(l -> chat.put(l.channel(), l.identity()));
        chat.putAll(user.chatIdentities());
        return new User(user.id(), user.name(), user.email(), user.timeZone(), user.locale(),
            user.role(), chat);
      }
    };
  }
}
