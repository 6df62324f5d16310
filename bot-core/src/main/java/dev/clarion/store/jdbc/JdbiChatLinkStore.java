package dev.clarion.store.jdbc;

import dev.clarion.user.ChatLinkStore;
import dev.clarion.user.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Chat link codes (hashed) and chat identity links in SQL. */
public final class JdbiChatLinkStore implements ChatLinkStore {
  private final Database db;

  public JdbiChatLinkStore(Database db) {
    this.db = db;
  }

  @Override
  public void insertCode(String codeSha256Hex, UserId user, String channel, Instant createdAt,
      Instant expiresAt) {
    db.withHandle(h -> h.createUpdate(
            "INSERT INTO chat_link_codes (code_hash, user_id, channel, created_at, expires_at)"
                + " VALUES (:hash, :user, :channel, :created, :expires)")
        .bind("hash", codeSha256Hex)
        .bind("user", user.value())
        .bind("channel", channel)
        .bind("created", Sql.at(createdAt))
        .bind("expires", Sql.at(expiresAt))
        .execute());
  }

  @Override
  public Optional<UserId> claimCode(String codeSha256Hex, String channel, Instant now) {
    return db.withHandle(h -> {
      // The conditional update is the claim: of two concurrent claims only one changes the row.
      int claimed = h.createUpdate("UPDATE chat_link_codes SET used_at = :now"
              + " WHERE code_hash = :hash AND channel = :channel AND used_at IS NULL"
              + " AND expires_at > :now")
          .bind("now", Sql.at(now))
          .bind("hash", codeSha256Hex)
          .bind("channel", channel)
          .execute();
      if (claimed == 0) {
        return Optional.empty();
      }
      return h.createQuery("SELECT user_id FROM chat_link_codes WHERE code_hash = :hash")
          .bind("hash", codeSha256Hex)
          .mapTo(String.class)
          .findOne()
          .map(UserId::new);
    });
  }

  @Override
  public void link(String channel, String identity, UserId user, Instant at) {
    db.withHandle(h -> {
      h.createUpdate("DELETE FROM chat_identity_links WHERE channel = :channel"
              + " AND identity = :identity")
          .bind("channel", channel)
          .bind("identity", identity)
          .execute();
      return h.createUpdate("INSERT INTO chat_identity_links (channel, identity, user_id,"
              + " linked_at) VALUES (:channel, :identity, :user, :at)")
          .bind("channel", channel)
          .bind("identity", identity)
          .bind("user", user.value())
          .bind("at", Sql.at(at))
          .execute();
    });
  }

  @Override
  public Optional<UserId> linkedUser(String channel, String identity) {
    return db.withHandle(h -> h.createQuery("SELECT user_id FROM chat_identity_links"
            + " WHERE channel = :channel AND identity = :identity")
        .bind("channel", channel)
        .bind("identity", identity)
        .mapTo(String.class)
        .findOne()
        .map(UserId::new));
  }

  @Override
  public List<ChatLink> links(UserId user) {
    return db.withHandle(h -> h.createQuery("SELECT * FROM chat_identity_links"
            + " WHERE user_id = :user ORDER BY channel, identity")
        .bind("user", user.value())
        .map((rs, ctx) -> new ChatLink(rs.getString("channel"), rs.getString("identity"),
            new UserId(rs.getString("user_id")), Sql.instant(rs, "linked_at")))
        .list());
  }
}
