package dev.clarion.api;

import java.util.Objects;

/** A channel's handle on a posted message (Slack channel+ts, Telegram chat+message id...). */
public record MessageRef(String value) {
  public MessageRef {
    Objects.requireNonNull(value);
  }
}
