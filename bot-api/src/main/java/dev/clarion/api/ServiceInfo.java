package dev.clarion.api;

import java.util.Objects;

/**
 * A configured service as plugins see it: its stable id from clarion.yml (what commands take,
 * e.g. {@code checkout}) and its display name (e.g. {@code Checkout}).
 */
public record ServiceInfo(String id, String name) {
  public ServiceInfo {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
  }
}
