package dev.clarion.plugins.discord;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Checks Discord's interaction signature: Ed25519 over {@code timestamp + body} with the
 * application's public key (JDK 17 has Ed25519; the raw 32-byte key is wrapped in its X.509
 * form). Discord sends deliberately broken signatures to check this, and drops the endpoint when
 * one is accepted. Beyond what Discord asks, timestamps more than five minutes from our clock are
 * refused and accepted signatures are remembered for that window, so a captured request cannot be
 * played again.
 */
final class InteractionSignatures {
  static final Duration WINDOW = Duration.ofMinutes(5);
  /** DER prefix of an Ed25519 SubjectPublicKeyInfo; the raw key follows. */
  private static final byte[] X509_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

  enum Verdict {
    ACCEPTED,
    MISSING,
    STALE,
    FORGED,
    REPLAYED
  }

  private final PublicKey key;
  private final Clock clock;
  private final Map<String, Instant> seen = new LinkedHashMap<>();

  InteractionSignatures(byte[] rawPublicKey, Clock clock) {
    this.key = publicKey(rawPublicKey);
    this.clock = clock;
  }

  static PublicKey publicKey(byte[] raw) {
    byte[] der = new byte[X509_PREFIX.length + raw.length];
    System.arraycopy(X509_PREFIX, 0, der, 0, X509_PREFIX.length);
    System.arraycopy(raw, 0, der, X509_PREFIX.length, raw.length);
    try {
      return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("not an Ed25519 public key: " + e.getMessage(), e);
    }
  }

  Verdict verify(Optional<String> timestamp, Optional<String> signatureHex, byte[] body) {
    if (timestamp.isEmpty() || signatureHex.isEmpty()) {
      return Verdict.MISSING;
    }
    String ts = timestamp.get().strip();
    byte[] signature;
    Instant at;
    try {
      signature = HexFormat.of().parseHex(signatureHex.get().strip());
      at = Instant.ofEpochSecond(Long.parseLong(ts));
    } catch (IllegalArgumentException e) {
      return Verdict.FORGED;
    }
    if (!valid(ts, body, signature)) {
      return Verdict.FORGED;
    }
    Instant now = clock.instant();
    if (Duration.between(at, now).abs().compareTo(WINDOW) > 0) {
      return Verdict.STALE;
    }
    String seenKey = HexFormat.of().formatHex(signature);
    synchronized (seen) {
      for (Iterator<Instant> it = seen.values().iterator(); it.hasNext(); ) {
        if (it.next().isBefore(now.minus(WINDOW))) {
          it.remove();
        }
      }
      if (seen.putIfAbsent(seenKey, at) != null) {
        return Verdict.REPLAYED;
      }
    }
    return Verdict.ACCEPTED;
  }

  private boolean valid(String timestamp, byte[] body, byte[] signature) {
    if (signature.length != 64) {
      return false;
    }
    try {
      Signature ed = Signature.getInstance("Ed25519");
      ed.initVerify(key);
      ed.update(timestamp.getBytes(StandardCharsets.UTF_8));
      ed.update(body);
      return ed.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }
}
