package dev.clarion.plugins.slack;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The value of a button that runs a command line offered by the core (a preview's Confirm). Slack
 * sends the value back verbatim on a press; Clarion trusts it no further than it signed it. The
 * value carries the command line, an expiry and an HMAC-SHA256 over both, keyed by a key derived
 * from the signing secret, so a press runs exactly a line Clarion offered, within {@link #TTL}, or
 * nothing — whatever a crafted payload says. (A server-side table of offers would do the same but
 * would not survive a restart or work across nodes.)
 *
 * <p>Format: {@code base64url(line) "." expiryEpochSeconds "." base64url(mac)}; Slack allows 2000
 * characters in a button value, far more than a command line needs.
 */
final class SignedActions {
  /** How long a preview's buttons work; after that the person runs the command again. */
  static final Duration TTL = Duration.ofMinutes(15);
  static final int MAX_VALUE = 2000;

  private final byte[] key;
  private final Clock clock;

  SignedActions(String signingSecret, Clock clock) {
    // A key of its own, so a button value never doubles as a request signature.
    this.key = hmac(signingSecret.getBytes(StandardCharsets.UTF_8),
        "clarion slack action buttons v1".getBytes(StandardCharsets.UTF_8));
    this.clock = clock;
  }

  /** The value for a button that runs {@code commandLine}; empty when it would not fit. */
  Optional<String> sign(String commandLine) {
    long expires = clock.instant().plus(TTL).getEpochSecond();
    String payload = Base64.getUrlEncoder().withoutPadding()
        .encodeToString(commandLine.getBytes(StandardCharsets.UTF_8)) + "." + expires;
    String value = payload + "." + Base64.getUrlEncoder().withoutPadding()
        .encodeToString(hmac(key, payload.getBytes(StandardCharsets.UTF_8)));
    return value.length() <= MAX_VALUE ? Optional.of(value) : Optional.empty();
  }

  /** The outcome of checking a pressed button's value. */
  sealed interface Verdict {
    record Valid(String commandLine) implements Verdict {}

    record Expired() implements Verdict {}

    record Forged() implements Verdict {}
  }

  Verdict verify(String value) {
    if (value == null) {
      return new Verdict.Forged();
    }
    int last = value.lastIndexOf('.');
    if (last < 0) {
      return new Verdict.Forged();
    }
    String payload = value.substring(0, last);
    byte[] presented;
    try {
      presented = Base64.getUrlDecoder().decode(value.substring(last + 1));
    } catch (IllegalArgumentException e) {
      return new Verdict.Forged();
    }
    if (!MessageDigest.isEqual(presented, hmac(key, payload.getBytes(StandardCharsets.UTF_8)))) {
      return new Verdict.Forged();
    }
    int dot = payload.indexOf('.');
    String line = new String(Base64.getUrlDecoder().decode(payload.substring(0, dot)),
        StandardCharsets.UTF_8);
    long expires = Long.parseLong(payload.substring(dot + 1));
    if (clock.instant().getEpochSecond() > expires) {
      return new Verdict.Expired();
    }
    return new Verdict.Valid(line);
  }

  private static byte[] hmac(byte[] key, byte[] data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is required by every JDK", e);
    }
  }
}
