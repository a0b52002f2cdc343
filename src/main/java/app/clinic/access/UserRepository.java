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
class UserRepository {

    private static final String COLUMNS =
            "id, username, password_hash, role, doctor_id, disabled, created_at, updated_at";

    private final JdbcClient jdbc;

    UserRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Empty when the username is taken, in any letter case: the unique index decides, also between races. */
    Optional<UserAccount> insertUnlessTaken(UserAccount user) {
        return jdbc.sql("""
                        INSERT INTO users (id, username, password_hash, role, doctor_id)
                        VALUES (:id, :username, :passwordHash, :role, :doctorId)
                        ON CONFLICT ((lower(username))) DO NOTHING
                        RETURNING %s
                        """.formatted(COLUMNS))
                .param("id", user.id())
                .param("username", user.username())
                .param("passwordHash", user.passwordHash())
                .param("role", user.role().wire())
                .param("doctorId", user.doctorId())
                .query(UserRepository::map)
                .optional();
    }

    Optional<UserAccount> findByUsername(String username) {
        return jdbc.sql("SELECT %s FROM users WHERE lower(username) = lower(:username)".formatted(COLUMNS))
                .param("username", username)
                .query(UserRepository::map)
                .optional();
    }

    /** Locked until commit: two admins changing one account at once change it one after the other. */
    Optional<UserAccount> lock(UUID id) {
        return jdbc.sql("SELECT %s FROM users WHERE id = :id FOR UPDATE".formatted(COLUMNS))
                .param("id", id)
                .query(UserRepository::map)
                .optional();
    }

    List<UserAccount> findAll() {
        return jdbc.sql("SELECT %s FROM users ORDER BY lower(username)".formatted(COLUMNS))
                .query(UserRepository::map)
                .list();
    }

    UserAccount update(UserAccount user) {
        return jdbc.sql("""
                        UPDATE users
                           SET password_hash = :passwordHash, role = :role, doctor_id = :doctorId,
                               disabled = :disabled, updated_at = now()
                         WHERE id = :id
                        RETURNING %s
                        """.formatted(COLUMNS))
                .param("id", user.id())
                .param("passwordHash", user.passwordHash())
                .param("role", user.role().wire())
                .param("doctorId", user.doctorId())
                .param("disabled", user.disabled())
                .query(UserRepository::map)
                .single();
    }

    private static UserAccount map(ResultSet rs, int row) throws SQLException {
        return new UserAccount(
                rs.getObject("id", UUID.class),
                rs.getString("username"),
                rs.getString("password_hash"),
                WireEnum.fromWire(Role.class, rs.getString("role")),
                rs.getObject("doctor_id", UUID.class),
                rs.getBoolean("disabled"),
                rs.getObject("created_at", OffsetDateTime.class),
                rs.getObject("updated_at", OffsetDateTime.class));
    }
}
