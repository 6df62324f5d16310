package dev.clarion.notification;

import dev.clarion.api.ChannelPlugin;
import java.util.List;
import java.util.Optional;

/** The channels that are loaded and started. */
public interface ChannelRegistry {
  Optional<ChannelPlugin> channel(String id);

  List<ChannelPlugin> all();

  static ChannelRegistry of(List<ChannelPlugin> plugins) {
    List<ChannelPlugin> copy = List.copyOf(plugins);
    return new ChannelRegistry() {
      @Override
      public Optional<ChannelPlugin> channel(String id) {
        return copy.stream().filter(p -> p.id().equals(id)).findFirst();
      }

      @Override
      public List<ChannelPlugin> all() {
        return copy;
      }
    };
  }
}
