package dev.clarion.plugin;

import dev.clarion.api.Capability;
import java.util.Optional;
import java.util.Set;

/**
 * What {@code clarion plugins} lists: a loaded channel, or a plugin that was skipped and why.
 *
 * @param origin the jar/zip it came from, or "classpath"
 */
public record LoadedPlugin(String id, String origin, String version, Set<Capability> capabilities,
    Optional<String> problem) {
  public boolean ok() {
    return problem.isEmpty();
  }
}
