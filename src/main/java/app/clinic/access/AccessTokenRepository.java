package app.clinic.access;

import app.clinic.web.WireEnum;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Issued bearer tokens, by the SHA-256 of the token. Times are the database's, the same for every instance. */
@Repository
class AccessTokenRepository {

    /** A token's holder, when the token was last used (to the minute) and when it expires, if ever. */
    record ActiveToken(Caller caller, OffsetDateTime lastUsedAt, Instant expiresAt) {}

    private final JdbcClient jdbc;

    AccessTokenRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The holder of a token that is neither revoked nor expired, whose user is enabled and whose client is not
     * revoked; a staff token idle for longer than {@code staffIdle} is expired too (automatic logoff).
     */
    Optional<ActiveToken> findActive(byte[] hash, Duration staffIdle) {
        return jdbc.sql("""
                        SELECT t.last_used_at, least(t.expires_at, c.expires_at) AS expires_at, t.user_id, t.client_id, u.username, u.role AS user_role, u.doctor_id,
                               c.name AS client_name, c.role AS client_role
                          FROM access_tokens t
                          LEFT JOIN users u ON u.id = t.user_id
                          LEFT JOIN api_clients c ON c.id = t.client_id
                         WHERE t.token_hash = :hash
                           AND t.revoked_at IS NULL
                           AND (t.expires_at IS NULL OR t.expires_at > now())
                           AND (t.user_id IS NULL
                                OR (NOT u.disabled AND t.last_used_at > now() - make_interval(secs => :idleSeconds)))
                           AND (t.client_id IS NULL
                                OR (c.revoked_at IS NULL AND (c.expires_at IS NULL OR c.expires_at > now())))
                        """)
                .param("hash", hash)
                .param("idleSeconds", staffIdle.toSeconds())
                .query(AccessTokenRepository::mapActive)
                .optional();
    }

    /**
     * Records a use, at most once a minute per token: the idle timeout and "last used" need minutes, not one write
     * per request. The condition keeps concurrent requests of one token to one write.
     */
    void touch(byte[] hash, Duration interval) {
        jdbc.sql("""
                        UPDATE access_tokens SET last_used_at = now()
                         WHERE token_hash = :hash AND last_used_at < now() - make_interval(secs => :intervalSeconds)
                        """)
                .param("hash", hash)
                .param("intervalSeconds", interval.toSeconds())
                .update();
    }

    /** A staff member's sign-in; answers when it expires at the latest. */
    OffsetDateTime issueForUser(byte[] hash, String prefix, UUID userId, Duration ttl) {
        return jdbc.sql("""
                        INSERT INTO access_tokens (token_hash, prefix, user_id, expires_at)
                        VALUES (:hash, :prefix, :userId, now() + make_interval(secs => :ttlSeconds))
                        RETURNING expires_at
                        """)
                .param("hash", hash)
                .param("prefix", prefix)
                .param("userId", userId)
                .param("ttlSeconds", ttl.toSeconds())
                .query((rs, row) -> rs.getObject("expires_at", OffsetDateTime.class))
                .single();
    }

    /** False when the token exists already: issuing the same token twice (the bootstrap token) is one token. */
    boolean issueForClient(byte[] hash, String prefix, UUID clientId) {
        return jdbc.sql("""
                        INSERT INTO access_tokens (token_hash, prefix, client_id) VALUES (:hash, :prefix, :clientId)
                        ON CONFLICT (token_hash) DO NOTHING
                        """)
                        .param("hash", hash)
                        .param("prefix", prefix)
                        .param("clientId", clientId)
                        .update()
                == 1;
    }

    void revoke(byte[] hash) {
        jdbc.sql("UPDATE access_tokens SET revoked_at = now() WHERE token_hash = :hash AND revoked_at IS NULL")
                .param("hash", hash)
                .update();
    }

    /** Signs a user out everywhere: on a new password, a new role, or when the account is disabled. */
    void revokeAllOfUser(UUID userId) {
        jdbc.sql("UPDATE access_tokens SET revoked_at = now() WHERE user_id = :userId AND revoked_at IS NULL")
                .param("userId", userId)
                .update();
    }

    /** Whether anybody could sign in yet: no token was ever issued and no user exists. */
    boolean noneIssuedAndNoUsers() {
        return jdbc.sql("SELECT NOT EXISTS (SELECT 1 FROM access_tokens) AND NOT EXISTS (SELECT 1 FROM users)")
                .query(Boolean.class)
                .single();
    }

    private static ActiveToken mapActive(ResultSet rs, int row) throws SQLException {
        UUID userId = rs.getObject("user_id", UUID.class);
        Caller caller = userId != null
                ? new Caller(
                        userId,
                        rs.getString("username"),
                        WireEnum.fromWire(Role.class, rs.getString("user_role")),
                        Caller.Kind.USER,
                        rs.getObject("doctor_id", UUID.class))
                : new Caller(
                        rs.getObject("client_id", UUID.class),
                        rs.getString("client_name"),
                        WireEnum.fromWire(Role.class, rs.getString("client_role")),
                        Caller.Kind.CLIENT,
                        null);
        OffsetDateTime expiresAt = rs.getObject("expires_at", OffsetDateTime.class);
        return new ActiveToken(
                caller,
                rs.getObject("last_used_at", OffsetDateTime.class),
                expiresAt == null ? null : expiresAt.toInstant());
    }
}
