package dev.clarion.notification;

import dev.clarion.incident.IncidentId;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One-click action links ({@code ACK_URL}, {@code RESOLVE_URL}) for channels without buttons. A
 * link is {@code /links/<payload>.<mac>} where the payload names the action, the incident and the
 * expiry, and the MAC is HMAC-SHA256 over the payload with the server's link secret. Verification
 * is constant-time; a link cannot be altered (another action or incident) without the secret.
 */
public final class SignedLinks {
  public enum Action {
    ACK,
    RESOLVE
  }

  /** A verified link. */
  public record Claim(Action action, IncidentId incident, Instant expires) {}

  /** Why a link was refused: FORGED (401) or EXPIRED (410). */
  public static final class Refused extends RuntimeException {
    public enum Reason {
      FORGED,
      EXPIRED
    }

    private final Reason reason;

    Refused(Reason reason, String message) {
      super(message, null, false, false);
      this.reason = reason;
    }

    public Reason reason() {
      return reason;
    }
  }

  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getUrlDecoder();
  private final byte[] secret;
  private final Duration ttl;
  private final Clock clock;

  public SignedLinks(byte[] secret, Duration ttl, Clock clock) {
    if (secret.length < 16) {
      throw new IllegalArgumentException("the link secret must be at least 16 bytes");
    }
    this.secret = secret.clone();
    this.ttl = ttl;
    this.clock = clock;
  }

  /** The token part of a link for {@code action} on {@code incident}, valid for the TTL. */
  public String token(Action action, IncidentId incident) {
    long expires = clock.instant().plus(ttl).getEpochSecond();
    String payload =
        B64.encodeToString(
            (action.name().toLowerCase() + ":" + incident.value() + ":" + expires)
                .getBytes(StandardCharsets.US_ASCII));
    return payload + "." + B64.encodeToString(mac(payload));
  }

  public URI link(URI base, Action action, IncidentId incident) {
    return URI.create(base.toString() + "/links/" + token(action, incident));
  }

  /** Checks the MAC first (so an attacker learns nothing from expiry), then the expiry. */
  public Claim verify(String token) {
    int dot = token.indexOf('.');
    if (dot <= 0 || dot != token.lastIndexOf('.')) {
      throw new Refused(Refused.Reason.FORGED, "not a Clarion link");
    }
    String payload = token.substring(0, dot);
    byte[] given;
    try {
      given = B64D.decode(token.substring(dot + 1));
    } catch (IllegalArgumentException e) {
      throw new Refused(Refused.Reason.FORGED, "not a Clarion link");
    }
    if (!MessageDigest.isEqual(mac(payload), given)) {
      throw new Refused(Refused.Reason.FORGED, "the link's signature does not match");
    }
    Optional<Claim> claim = parse(payload);
    if (claim.isEmpty()) {
      throw new Refused(Refused.Reason.FORGED, "not a Clarion link");
    }
    if (!clock.instant().isBefore(claim.get().expires())) {
      throw new Refused(Refused.Reason.EXPIRED, "the link expired at " + claim.get().expires());
    }
    return claim.get();
  }

  private static Optional<Claim> parse(String payload) {
    try {
      String[] parts = new String(B64D.decode(payload), StandardCharsets.US_ASCII).split(":");
      if (parts.length != 3) {
        return Optional.empty();
      }
      Action action = Action.valueOf(parts[0].toUpperCase());
      return Optional.of(
          new Claim(
              action,
              new IncidentId(Long.parseLong(parts[1])),
              Instant.ofEpochSecond(Long.parseLong(parts[2]))));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private byte[] mac(String payload) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return mac.doFinal(payload.getBytes(StandardCharsets.US_ASCII));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}
