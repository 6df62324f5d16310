package dev.clarion.plugins.slack;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks Slack's request signature (v0: HMAC-SHA256 of {@code v0:timestamp:body} with the app's
 * signing secret), rejects timestamps more than five minutes from now, and remembers every accepted
 * signature for that window so a captured request cannot be played again. Done here rather than by
 * Bolt's {@code RequestVerification} because that reads the system clock and keeps no replay memory.
 */
final class RequestSignatures {
  static final Duration WINDOW = Duration.ofMinutes(5);

  /** The outcome: accepted, or why not. */
  enum Verdict {
    ACCEPTED,
    MISSING,
    STALE,
    FORGED,
    REPLAYED
  }

  private final byte[] secret;
  private final Clock clock;
  /** Accepted signatures and their timestamps, oldest first. */
  private final Map<String, Instant> seen = new LinkedHashMap<>();

  RequestSignatures(String signingSecret, Clock clock) {
    this.secret = signingSecret.getBytes(StandardCharsets.UTF_8);
    this.clock = clock;
  }

  Verdict verify(Optional<String> timestamp, Optional<String> signature, byte[] body) {
    if (timestamp.isEmpty() || signature.isEmpty()) {
      return Verdict.MISSING;
    }
    Instant at;
    try {
      at = Instant.ofEpochSecond(Long.parseLong(timestamp.get().strip()));
    } catch (NumberFormatException e) {
      return Verdict.MISSING;
    }
    Instant now = clock.instant();
    if (Duration.between(at, now).abs().compareTo(WINDOW) > 0) {
      return Verdict.STALE;
    }
    byte[] expected = sign(timestamp.get().strip(), body).getBytes(StandardCharsets.US_ASCII);
    byte[] presented = signature.get().strip().getBytes(StandardCharsets.US_ASCII);
    if (!MessageDigest.isEqual(expected, presented)) {
      return Verdict.FORGED;
    }
    synchronized (seen) {
      forgetOlderThan(now.minus(WINDOW));
      if (seen.putIfAbsent(signature.get().strip(), at) != null) {
        return Verdict.REPLAYED;
      }
    }
    return Verdict.ACCEPTED;
  }

  /** Entries are inserted roughly in time order; drop those that can no longer pass the window. */
  private void forgetOlderThan(Instant cutoff) {
    for (Iterator<Instant> it = seen.values().iterator(); it.hasNext(); ) {
      if (it.next().isBefore(cutoff)) {
        it.remove();
      }
    }
  }

  String sign(String timestamp, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      mac.update(("v0:" + timestamp + ":").getBytes(StandardCharsets.UTF_8));
      return "v0=" + HexFormat.of().formatHex(mac.doFinal(body));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is required by every JDK", e);
    }
  }
}
