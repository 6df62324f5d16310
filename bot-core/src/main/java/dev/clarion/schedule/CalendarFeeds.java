package dev.clarion.schedule;

import dev.clarion.audit.Actor;
import dev.clarion.audit.AuditLog;
import dev.clarion.problem.Problem;
import dev.clarion.user.UserDirectory;
import dev.clarion.user.UserId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/**
 * Secret calendar feed URLs. A feed token is a bearer secret for reading shifts only (calendar
 * apps cannot send headers), so it is random, stored hashed, audited and revocable. Feeds cover
 * {@link #PAST} before now to {@link #AHEAD} after.
 */
public final class CalendarFeeds {
  public static final Duration PAST = Duration.ofDays(14);
  public static final Duration AHEAD = Duration.ofDays(90);

  /** What a feed answers: the subject's name and its shifts. */
  public record Contents(String name, List<Shift> shifts) {}

  private final CalendarFeedStore store;
  private final ScheduleService schedules;
  private final UserDirectory users;
  private final AuditLog audit;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  public CalendarFeeds(CalendarFeedStore store, ScheduleService schedules, UserDirectory users,
      AuditLog audit, Clock clock) {
    this.store = store;
    this.schedules = schedules;
    this.users = users;
    this.audit = audit;
    this.clock = clock;
  }

  /** Creates a feed and returns its plain token, which is not kept. */
  public String create(Actor actor, CalendarFeed.Kind kind, String subject) {
    if (kind == CalendarFeed.Kind.SCHEDULE) {
      schedules.get(new ScheduleId(subject));
    } else if (users.find(new UserId(subject)).isEmpty()) {
      throw Problem.notFound("no user '" + subject + "'");
    }
    byte[] bytes = new byte[24];
    random.nextBytes(bytes);
    String token = "cal_" + HexFormat.of().formatHex(bytes);
    store.add(sha256(token), kind, subject, actor.display(), clock.instant());
    audit.record(clock.instant(), actor, "feed.create", kind.name().toLowerCase() + ":" + subject,
        "calendar feed created");
    return token;
  }

  public int revokeAll(Actor actor, CalendarFeed.Kind kind, String subject) {
    int n = store.revokeAll(kind, subject);
    audit.record(clock.instant(), actor, "feed.revoke", kind.name().toLowerCase() + ":" + subject,
        n + " feed(s) revoked");
    return n;
  }

  /** The feed's shifts; an unknown or revoked token is NOT_FOUND (never says which). */
  public Contents read(String token) {
    CalendarFeed feed = store.findActive(sha256(token))
        .orElseThrow(() -> Problem.notFound("no such calendar feed"));
    Instant now = clock.instant();
    if (feed.kind() == CalendarFeed.Kind.SCHEDULE) {
      Schedule s = schedules.get(new ScheduleId(feed.subject()));
      return new Contents(s.name(), schedules.shifts(s.id(), now.minus(PAST), now.plus(AHEAD)));
    }
    UserId user = new UserId(feed.subject());
    List<Shift> mine = schedules.all().stream()
        .flatMap(s -> schedules.shifts(s.id(), now.minus(PAST), now.plus(AHEAD)).stream())
        .filter(sh -> sh.user().equals(user))
        .sorted(java.util.Comparator.comparing(Shift::start))
        .toList();
    return new Contents("On-call shifts of " + feed.subject(), mine);
  }

  static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }
}
