package dev.clarion.config;

import dev.clarion.alert.Integration;
import dev.clarion.alert.IntegrationDirectory;
import dev.clarion.alert.IntegrationId;
import dev.clarion.service.Service;
import dev.clarion.service.ServiceDirectory;
import dev.clarion.service.ServiceId;
import dev.clarion.team.Team;
import dev.clarion.team.TeamDirectory;
import dev.clarion.team.TeamId;
import dev.clarion.user.User;
import dev.clarion.user.UserDirectory;
import dev.clarion.user.UserId;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The directories a {@link ClarionConfig} describes, as immutable in-memory maps: services, users
 * (also by chat identity), teams, and integrations (also by secret key). Safe to share between
 * threads; a configuration change builds a new one.
 *
 * <p>It hands out one view per port instead of implementing all four itself: each port declares
 * {@code all()} with its own element type, and no single Java method can implement them all.
 */
public final class ConfiguredDirectory {

  private record ChatIdentity(String channel, String platformUserId) {}

  private final ServiceDirectory services;
  private final UserDirectory users;
  private final TeamDirectory teams;
  private final IntegrationDirectory integrations;

  /**
   * @throws IllegalArgumentException if two entries share an id, key or chat identity, which {@link
   *     ConfigLoader} already rules out for loaded files
   */
  public ConfiguredDirectory(ClarionConfig config) {
    services = new Services(index(config.services(), Service::id, "service id"));
    users = new Users(index(config.users(), User::id, "user id"), byChatIdentity(config.users()));
    teams = new Teams(index(config.teams(), Team::id, "team id"));
    integrations =
        new Integrations(
            index(config.integrations(), Integration::id, "integration id"),
            index(config.integrations(), Integration::key, "integration key"));
  }

  public ServiceDirectory services() {
    return services;
  }

  public UserDirectory users() {
    return users;
  }

  public TeamDirectory teams() {
    return teams;
  }

  public IntegrationDirectory integrations() {
    return integrations;
  }

  private record Services(Map<ServiceId, Service> byId) implements ServiceDirectory {
    @Override
    public Optional<Service> find(ServiceId id) {
      return Optional.ofNullable(byId.get(id));
    }

    @Override
    public List<Service> all() {
      return List.copyOf(byId.values());
    }
  }

  private record Users(Map<UserId, User> byId, Map<ChatIdentity, User> byChat)
      implements UserDirectory {
    @Override
    public Optional<User> find(UserId id) {
      return Optional.ofNullable(byId.get(id));
    }

    @Override
    public Optional<User> findByChatIdentity(String channel, String platformUserId) {
      return Optional.ofNullable(byChat.get(new ChatIdentity(channel, platformUserId)));
    }

    @Override
    public List<User> all() {
      return List.copyOf(byId.values());
    }
  }

  private record Teams(Map<TeamId, Team> byId) implements TeamDirectory {
    @Override
    public Optional<Team> find(TeamId id) {
      return Optional.ofNullable(byId.get(id));
    }

    @Override
    public List<Team> all() {
      return List.copyOf(byId.values());
    }
  }

  private record Integrations(Map<IntegrationId, Integration> byId, Map<String, Integration> byKey)
      implements IntegrationDirectory {
    @Override
    public Optional<Integration> findByKey(String key) {
      return Optional.ofNullable(byKey.get(key));
    }

    @Override
    public Optional<Integration> find(IntegrationId id) {
      return Optional.ofNullable(byId.get(id));
    }

    @Override
    public List<Integration> all() {
      return List.copyOf(byId.values());
    }

    /** Leaves the keys out: they are secrets. */
    @Override
    public String toString() {
      return "Integrations" + byId.keySet();
    }
  }

  private static Map<ChatIdentity, User> byChatIdentity(List<User> users) {
    Map<ChatIdentity, User> byChat = new LinkedHashMap<>();
    for (User user : users) {
      user.chatIdentities()
          .forEach(
              (channel, platformId) -> {
                if (byChat.putIfAbsent(new ChatIdentity(channel, platformId), user) != null) {
                  throw new IllegalArgumentException(
                      "chat identity " + channel + ":" + platformId + " belongs to two users");
                }
              });
    }
    return Collections.unmodifiableMap(byChat);
  }

  private static <K, V> Map<K, V> index(List<V> values, Function<V, K> key, String what) {
    Map<K, V> map = new LinkedHashMap<>();
    for (V value : values) {
      if (map.putIfAbsent(key.apply(value), value) != null) {
        // The key itself stays out of the message: for integrations it is a secret.
        throw new IllegalArgumentException("duplicate " + what);
      }
    }
    return Collections.unmodifiableMap(map);
  }
}
