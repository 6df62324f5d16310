package dev.clarion.schedule;

import dev.clarion.audit.Actor;
import dev.clarion.audit.AuditEntry;
import dev.clarion.audit.AuditLog;
import dev.clarion.store.Transactions;
import dev.clarion.user.Role;
import dev.clarion.user.User;
import dev.clarion.user.UserDirectory;
import dev.clarion.user.UserId;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** In-memory fakes of our own ports for the schedule tests. */
final class Fakes {
  private Fakes() {}

  static UserDirectory users(String... ids) {
    List<User> all = new ArrayList<>();
    for (String id : ids) {
      all.add(new User(new UserId(id), id.toUpperCase(Locale.ROOT), id + "@example.com",
          ZoneOffset.UTC, Locale.ENGLISH, Role.RESPONDER, Map.of()));
    }
    return new UserDirectory() {
      @Override
      public Optional<User> find(UserId id) {
        return all.stream().filter(u -> u.id().equals(id)).findFirst();
      }

      @Override
      public Optional<User> findByChatIdentity(String channel, String platformUserId) {
        return Optional.empty();
      }

      @Override
      public List<User> all() {
        return all;
      }
    };
  }

  /** Records entries; newest first like the real log. */
  static final class Audit implements AuditLog {
    final List<AuditEntry> entries = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void record(Instant at, Actor actor, String action, String target, String detail) {
      entries.add(0, new AuditEntry(entries.size() + 1, at, actor.display(), action, target, detail));
    }

    @Override
    public List<AuditEntry> recent(String target, int limit) {
      return entries.stream().filter(e -> target == null || e.target().equals(target))
          .limit(limit).toList();
    }

    List<String> actions() {
      return entries.stream().map(AuditEntry::action).collect(java.util.stream.Collectors.collectingAndThen(java.util.stream.Collectors.toList(), l -> { Collections.reverse(l); return l; }));
    }
  }

  /** Runs work directly: the fakes have no transactions to join. */
  static final Transactions DIRECT = new Transactions() {
    @Override
    public <T> T inTransaction(Supplier<T> work) {
      return work.get();
    }
  };
}
