package app.clinic.patient;

import app.clinic.web.PageRequest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class PatientRepository {

    private static final String COLUMNS = "id, first_name, last_name, age, phone, email, created_at";

    private final JdbcClient jdbc;

    PatientRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Inserts the patient unless one with the same phone and name key exists. Two identical registrations at the
     * same moment meet at the unique constraint: the second waits for the first to commit and inserts nothing.
     */
    Optional<Patient> insertUnlessRegistered(Patient patient, String nameKey) {
        return jdbc.sql("""
                        INSERT INTO patients (id, first_name, last_name, age, phone, email, name_key)
                        VALUES (:id, :firstName, :lastName, :age, :phone, :email, :nameKey)
                        ON CONFLICT ON CONSTRAINT uq_patients_phone_name DO NOTHING
                        RETURNING %s
                        """.formatted(COLUMNS))
                .param("id", patient.id())
                .param("firstName", patient.firstName())
                .param("lastName", patient.lastName())
                .param("age", patient.age())
                .param("phone", patient.phone())
                .param("email", patient.email())
                .param("nameKey", nameKey)
                .query(PatientRepository::map)
                .optional();
    }

    Optional<Patient> findByPhoneAndNameKey(String phone, String nameKey) {
        return jdbc.sql("SELECT %s FROM patients WHERE phone = :phone AND name_key = :nameKey".formatted(COLUMNS))
                .param("phone", phone)
                .param("nameKey", nameKey)
                .query(PatientRepository::map)
                .optional();
    }

    Optional<Patient> findById(UUID id) {
        return jdbc.sql("SELECT %s FROM patients WHERE id = :id".formatted(COLUMNS))
                .param("id", id)
                .query(PatientRepository::map)
                .optional();
    }

    /** Oldest first, from after the page's cursor: (created_at, id). */
    List<Patient> findByPhone(String phone, PageRequest page) {
        return jdbc.sql("""
                        SELECT %s FROM patients
                         WHERE phone = :phone
                           AND (CAST(:afterCreated AS timestamptz) IS NULL
                                OR (created_at, id) > (CAST(:afterCreated AS timestamptz), CAST(:afterId AS uuid)))
                         ORDER BY created_at, id
                         LIMIT :fetch
                        """.formatted(COLUMNS))
                .param("phone", phone)
                .param("afterCreated", page.after(0, OffsetDateTime::parse))
                .param("afterId", page.after(1, UUID::fromString))
                .param("fetch", page.fetchSize())
                .query(PatientRepository::map)
                .list();
    }

    boolean exists(UUID id) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM patients WHERE id = :id)")
                .param("id", id)
                .query(Boolean.class)
                .single();
    }

    private static Patient map(ResultSet rs, int row) throws SQLException {
        return new Patient(
                rs.getObject("id", UUID.class),
                rs.getString("first_name"),
                rs.getString("last_name"),
                rs.getObject("age", Integer.class),
                rs.getString("phone"),
                rs.getString("email"),
                rs.getObject("created_at", OffsetDateTime.class));
    }
}
