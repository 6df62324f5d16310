package dev.clarion.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clarion.audit.Actor;
import dev.clarion.problem.Problem;
import dev.clarion.testkit.SettableClock;
import dev.clarion.user.ChatLinks;
import dev.clarion.user.Role;
import dev.clarion.user.User;
import dev.clarion.user.UserDirectory;
import dev.clarion.user.UserId;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * One-time chat link codes on H2 and PostgreSQL: single use, 15-minute expiry, channel-bound,
 * stored hashed, audited; the directory asks clarion.yml first, then the stored links.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ChatLinkStoreContract {
  private static final User KIM = user("kim", Map.of());
  private static final User LEE = user("lee", Map.of("telegram", "777"));
  /** Only in the first test, so other tests' links do not show in her identities. */
  private static final User ANN = user("ann", Map.of());

  final SettableClock clock = SettableClock.atDefaultStart();
  Database db;
  JdbiChatLinkStore store;
  ChatLinks links;
  UserDirectory users;

  abstract Database open();

  @BeforeAll
  void start() {
    db = open();
    store = new JdbiChatLinkStore(db);
    UserDirectory configured = new UserDirectory() {
      @Override
      public Optional<User> find(UserId id) {
        return all().stream().filter(u -> u.id().equals(id)).findFirst();
      }

      @Override
      public Optional<User> findByChatIdentity(String channel, String platformUserId) {
        return all().stream()
            .filter(u -> platformUserId.equals(u.chatIdentities().get(channel))).findFirst();
      }

      @Override
      public List<User> all() {
        return List.of(KIM, LEE, ANN);
      }
    };
    links = new ChatLinks(store, configured, Set.of("telegram", "discord"), new JdbiAuditLog(db),
        db, clock);
    users = links.withLinks(configured);
  }

  @AfterAll
  void stop() {
    db.close();
  }

  private static User user(String id, Map<String, String> chat) {
    return new User(new UserId(id), id.toUpperCase(Locale.ROOT), id + "@example.com",
        ZoneId.of("UTC"), Locale.ENGLISH, Role.RESPONDER, chat);
  }

  @Test
  void aCodeLinksTheChatAccountOnceAndIsStoredOnlyHashed() {
    ChatLinks.Created created = links.createCode(ANN.id(), "Telegram", Actor.system("test"));
    assertThat(created.code()).matches("[A-Z0-9]{4}-[A-Z0-9]{4}");
    assertThat(created.expiresAt()).isEqualTo(clock.instant().plus(ChatLinks.TTL));
    assertThat(created.channel()).isEqualTo("telegram");
    String plain = created.code().replace("-", "");
    Integer stored = db.withHandle(h -> h.createQuery(
            "SELECT COUNT(*) FROM chat_link_codes WHERE code_hash LIKE :p OR user_id = :p")
        .bind("p", "%" + plain + "%").mapTo(Integer.class).one());
    assertThat(stored).as("the plain code is nowhere in the table").isZero();

    assertThat(users.findByChatIdentity("telegram", "1001")).isEmpty();
    ChatLinks.Outcome linked = links.link("telegram", "1001",
        " " + created.code().toLowerCase(Locale.ROOT).replace("-", " ") + " ");
    assertThat(linked.linked()).isTrue();
    assertThat(linked.message()).contains("ANN");
    assertThat(users.findByChatIdentity("telegram", "1001")).hasValueSatisfying(u ->
        assertThat(u.id()).isEqualTo(ANN.id()));
    assertThat(users.find(ANN.id()).orElseThrow().chatIdentities())
        .as("personal pages reach the linked account").containsEntry("telegram", "1001");
    assertThat(users.findByChatIdentity("discord", "1001")).isEmpty();
    assertThat(store.links(ANN.id())).filteredOn(l -> l.identity().equals("1001"))
        .singleElement().satisfies(l -> {
          assertThat(l.channel()).isEqualTo("telegram");
          assertThat(l.linkedAt()).isEqualTo(clock.instant());
        });

    ChatLinks.Outcome again = links.link("telegram", "2002", created.code());
    assertThat(again.linked()).isFalse();
    assertThat(again.message()).contains("wrong, already used or expired");
    assertThat(users.findByChatIdentity("telegram", "2002")).isEmpty();
    assertThat(new JdbiAuditLog(db).recent("user:ann", 10))
        .extracting(e -> e.action()).contains("chat.link_code", "chat.link");
  }

  @Test
  void expiredWrongAndOtherChannelCodesChangeNothing() {
    ChatLinks.Created forDiscord = links.createCode(KIM.id(), "discord", Actor.system("test"));
    assertThat(links.link("telegram", "3003", forDiscord.code()).linked()).isFalse();
    assertThat(links.link("discord", "3003", "nope").message())
        .contains("not a link code");
    assertThat(links.link("discord", "3003", "ABCD-EFGH").linked()).isFalse();

    ChatLinks.Created stale = links.createCode(KIM.id(), "discord", Actor.system("test"));
    clock.advance(ChatLinks.TTL.plus(Duration.ofSeconds(1)));
    assertThat(links.link("discord", "3003", stale.code()).linked()).isFalse();
    assertThat(users.findByChatIdentity("discord", "3003")).isEmpty();
    // The first code was not used up by the wrong-channel attempt, but it has expired too now.
    assertThat(links.link("discord", "3003", forDiscord.code()).linked()).isFalse();
  }

  @Test
  void configWinsOverAStoredLinkAndRelinkingMovesTheAccount() {
    ChatLinks.Created code = links.createCode(KIM.id(), "telegram", Actor.system("test"));
    ChatLinks.Outcome refused = links.link("telegram", "777", code.code());
    assertThat(refused.linked()).isFalse();
    assertThat(refused.message()).contains("already linked to LEE (lee) in clarion.yml");
    assertThat(users.findByChatIdentity("telegram", "777")).as("clarion.yml says lee")
        .hasValueSatisfying(u -> assertThat(u.id()).isEqualTo(LEE.id()));
    assertThat(links.link("telegram", "778", code.code()).linked())
        .as("the refused code was not used up").isTrue();

    ChatLinks.Created forKim = links.createCode(KIM.id(), "telegram", Actor.system("test"));
    ChatLinks.Created forLee = links.createCode(LEE.id(), "telegram", Actor.system("test"));
    assertThat(links.link("telegram", "4004", forKim.code()).linked()).isTrue();
    assertThat(links.link("telegram", "4004", forLee.code()).linked()).isTrue();
    assertThat(users.findByChatIdentity("telegram", "4004")).hasValueSatisfying(u ->
        assertThat(u.id()).isEqualTo(LEE.id()));
    assertThat(users.find(LEE.id()).orElseThrow().chatIdentities())
        .as("clarion.yml's account wins over a link").containsEntry("telegram", "777");
  }

  @Test
  void unknownUserOrChannelIsRefusedWithTheReason() {
    assertThatThrownBy(() -> links.createCode(new UserId("nobody"), "telegram",
        Actor.system("test"))).isInstanceOf(Problem.class).hasMessageContaining("nobody");
    assertThatThrownBy(() -> links.createCode(KIM.id(), "webhook", Actor.system("test")))
        .isInstanceOf(Problem.class).hasMessageContaining("'webhook'")
        .hasMessageContaining("telegram");
  }
}
