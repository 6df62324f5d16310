package dev.clarion.store.jdbc;

import dev.clarion.user.ApiToken;
import dev.clarion.user.TokenStore;
import dev.clarion.user.UserId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** API token hashes in SQL. */
public final class JdbiTokenStore implements TokenStore {
  private final Database db;

  public JdbiTokenStore(Database db) {
    this.db = db;
  }

  @Override
  public ApiToken insert(UserId user, String name, String sha256Hex, Instant at) {
    long id = db.withHandle(
        h -> h.createUpdate(
                "INSERT INTO api_token (user_id, name, token_hash, created_at, revoked)"
                    + " VALUES (:user, :name, :hash, :at, FALSE)")
            .bind("user", user.value())
            .bind("name", name)
            .bind("hash", sha256Hex)
            .bind("at", Sql.at(at))
            .executeAndReturnGeneratedKeys("id")
            .mapTo(Long.class)
            .one());
    return new ApiToken(id, user, name, at, false);
  }

  @Override
  public Optional<ApiToken> findActiveByHash(String sha256Hex) {
    return db.withHandle(
        h -> h.createQuery("SELECT * FROM api_token WHERE token_hash = :hash AND revoked = FALSE")
            .bind("hash", sha256Hex)
            .map((rs, ctx) -> read(rs))
            .findOne());
  }

  @Override
  public List<ApiToken> list(UserId user) {
    return db.withHandle(
        h -> h.createQuery("SELECT * FROM api_token WHERE user_id = :user ORDER BY id")
            .bind("user", user.value())
            .map((rs, ctx) -> read(rs))
            .list());
  }

  @Override
  public boolean revoke(long tokenId) {
    return db.withHandle(
        h -> h.createUpdate("UPDATE api_token SET revoked = TRUE WHERE id = :id")
            .bind("id", tokenId)
            .execute()) > 0;
  }

  private static ApiToken read(ResultSet rs) throws SQLException {
    return new ApiToken(
        rs.getLong("id"), new UserId(rs.getString("user_id")), rs.getString("name"),
        Sql.instant(rs, "created_at"), rs.getBoolean("revoked"));
  }
}
