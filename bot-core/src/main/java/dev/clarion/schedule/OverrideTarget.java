package dev.clarion.schedule;

import dev.clarion.user.UserId;
import java.util.Objects;

/** Whose time an override takes: one person's, one layer's, or the whole schedule's. */
public sealed interface OverrideTarget {
  /** Where {@code user} would be on call (after layers), the coverer is instead. */
  record Person(UserId user) implements OverrideTarget {
    public Person {
      Objects.requireNonNull(user, "user");
    }
  }

  /** The coverer takes the layer's place for the whole period, restrictions included. */
  record WholeLayer(String layer) implements OverrideTarget {
    public WholeLayer {
      Objects.requireNonNull(layer, "layer");
    }
  }

  /** The coverer is the schedule's answer for the whole period. */
  record WholeSchedule() implements OverrideTarget {}

  /** "kim", "layer:nights" or "*", the form stored and shown. */
  default String label() {
    if (this instanceof Person p) {
      return p.user().value();
    }
    if (this instanceof WholeLayer l) {
      return "layer:" + l.layer();
    }
    return "*";
  }

  static OverrideTarget parse(String label) {
    if (label.equals("*")) {
      return new WholeSchedule();
    }
    if (label.startsWith("layer:")) {
      return new WholeLayer(label.substring("layer:".length()));
    }
    return new Person(new UserId(label));
  }
}
