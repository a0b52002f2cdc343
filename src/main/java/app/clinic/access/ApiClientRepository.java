package app.clinic.access;

import app.clinic.web.WireEnum;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class ApiClientRepository {

    /** A client with its token's prefix and last use (a client holds one token). */
    private static final String SELECT = """
            SELECT c.id, c.name, c.role, c.created_at, c.expires_at, c.revoked_at, t.prefix, t.last_used_at
              FROM api_clients c
              LEFT JOIN LATERAL (SELECT prefix, last_used_at FROM access_tokens
                                  WHERE client_id = c.id ORDER BY issued_at DESC LIMIT 1) t ON true
            """;

    private final JdbcClient jdbc;

    ApiClientRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(UUID id, String name, Role role, OffsetDateTime expiresAt) {
        jdbc.sql("INSERT INTO api_clients (id, name, role, expires_at) VALUES (:id, :name, :role, :expiresAt)")
                .param("id", id)
                .param("name", name)
                .param("role", role.wire())
                .param("expiresAt", expiresAt)
                .update();
    }

    Optional<ApiClient> findById(UUID id) {
        return jdbc.sql(SELECT + " WHERE c.id = :id")
                .param("id", id)
                .query(ApiClientRepository::map)
                .optional();
    }

    List<ApiClient> findAll() {
        return jdbc.sql(SELECT + " ORDER BY c.created_at, c.id")
                .query(ApiClientRepository::map)
                .list();
    }

    /** Revoking twice keeps the first time. */
    boolean revoke(UUID id) {
        return jdbc.sql("UPDATE api_clients SET revoked_at = coalesce(revoked_at, now()) WHERE id = :id")
                        .param("id", id)
                        .update()
                == 1;
    }

    private static ApiClient map(ResultSet rs, int row) throws SQLException {
        return new ApiClient(
                rs.getObject("id", UUID.class),
                rs.getString("name"),
                WireEnum.fromWire(Role.class, rs.getString("role")),
                rs.getString("prefix"),
                rs.getObject("created_at", OffsetDateTime.class),
                rs.getObject("expires_at", OffsetDateTime.class),
                rs.getObject("revoked_at", OffsetDateTime.class),
                rs.getObject("last_used_at", OffsetDateTime.class));
    }
}
