package app.clinic.doctor;

import app.clinic.web.PageRequest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class DoctorRepository {

    private static final String COLUMNS =
            "id, name, code, specialty, max_appointments_per_day, walk_in_places, created_at, updated_at";

    private final JdbcClient jdbc;

    DoctorRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Empty when the code is taken, in any letter case: the unique index decides, also between racing requests. */
    Optional<Doctor> insertUnlessCodeTaken(Doctor doctor) {
        return jdbc.sql("""
                        INSERT INTO doctor_masters (id, name, code, specialty, max_appointments_per_day, walk_in_places)
                        VALUES (:id, :name, :code, :specialty, :maxAppointmentsPerDay, :walkInPlaces)
                        ON CONFLICT ((lower(code))) DO NOTHING
                        RETURNING %s
                        """.formatted(COLUMNS))
                .param("id", doctor.id())
                .param("name", doctor.name())
                .param("code", doctor.code())
                .param("specialty", doctor.specialty())
                .param("maxAppointmentsPerDay", doctor.maxAppointmentsPerDay())
                .param("walkInPlaces", doctor.walkInPlaces())
                .query(DoctorRepository::map)
                .optional();
    }

    Optional<Doctor> findById(UUID id) {
        return jdbc.sql("SELECT %s FROM doctor_masters WHERE id = :id".formatted(COLUMNS))
                .param("id", id)
                .query(DoctorRepository::map)
                .optional();
    }

    /** In name order, from after the page's cursor: (name, id). */
    List<Doctor> findAll(String specialty, PageRequest page) {
        return jdbc.sql("""
                        SELECT %s FROM doctor_masters
                         WHERE (CAST(:specialty AS text) IS NULL OR lower(specialty) = lower(:specialty))
                           AND (CAST(:afterName AS text) IS NULL
                                OR (name, id) > (CAST(:afterName AS text), CAST(:afterId AS uuid)))
                         ORDER BY name, id
                         LIMIT :fetch
                        """.formatted(COLUMNS))
                .param("specialty", specialty)
                .param("afterName", page.after(0, name -> name))
                .param("afterId", page.after(1, UUID::fromString))
                .param("fetch", page.fetchSize())
                .query(DoctorRepository::map)
                .list();
    }

    /** Changes only the fields the PATCH carried; one statement, so two PATCHes never mix their fields. */
    Optional<Doctor> update(UUID id, UpdateDoctorRequest change) {
        return jdbc.sql("""
                        UPDATE doctor_masters
                           SET name = CASE WHEN :setName THEN :name ELSE name END,
                               specialty = CASE WHEN :setSpecialty THEN :specialty ELSE specialty END,
                               max_appointments_per_day = CASE WHEN :setMax THEN CAST(:max AS integer)
                                                               ELSE max_appointments_per_day END,
                               walk_in_places = CASE WHEN :setWalkIn THEN CAST(:walkIn AS integer)
                                                     ELSE walk_in_places END,
                               updated_at = now()
                         WHERE id = :id
                        RETURNING %s
                        """.formatted(COLUMNS))
                .param("id", id)
                .param("setName", change.has("name"))
                .param("name", change.getName())
                .param("setSpecialty", change.has("specialty"))
                .param("specialty", change.getSpecialty())
                .param("setMax", change.has("maxAppointmentsPerDay"))
                .param("max", change.getMaxAppointmentsPerDay())
                .param("setWalkIn", change.has("walkInPlaces"))
                .param("walkIn", change.getWalkInPlaces())
                .query(DoctorRepository::map)
                .optional();
    }

    /**
     * The doctor's day by the rule of {@code doctor_day()} (migration V10 says it): date record, roster, doctor,
     * clinic. Empty for an unknown doctor.
     */
    Optional<DoctorDay> findDay(UUID doctorId, LocalDate date, int clinicLimit) {
        return jdbc.sql("""
                        SELECT doctor_id, day, present, daily_limit, walk_in_places
                          FROM doctor_day(:doctorId, :date, :clinicLimit)
                        """)
                .param("doctorId", doctorId)
                .param("date", date)
                .param("clinicLimit", clinicLimit)
                .query(DoctorRepository::day)
                .optional();
    }

    /** As {@link #findDay} for every day from {@code first} to {@code last}, in one query; empty for an unknown doctor. */
    List<DoctorDay> findDays(UUID doctorId, LocalDate first, LocalDate last, int clinicLimit) {
        return jdbc.sql("""
                        SELECT doctor_id, day, present, daily_limit, walk_in_places
                          FROM doctor_days(:first, :last, :clinicLimit)
                         WHERE doctor_id = :doctorId
                         ORDER BY day
                        """)
                .param("doctorId", doctorId)
                .param("first", first)
                .param("last", last)
                .param("clinicLimit", clinicLimit)
                .query(DoctorRepository::day)
                .list();
    }

    private static DoctorDay day(ResultSet rs, int row) throws SQLException {
        return new DoctorDay(
                rs.getObject("doctor_id", UUID.class),
                rs.getObject("day", LocalDate.class),
                rs.getInt("daily_limit"),
                rs.getBoolean("present"),
                rs.getInt("walk_in_places"));
    }

    boolean exists(UUID id) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM doctor_masters WHERE id = :id)")
                .param("id", id)
                .query(Boolean.class)
                .single();
    }

    private static Doctor map(ResultSet rs, int row) throws SQLException {
        return new Doctor(
                rs.getObject("id", UUID.class),
                rs.getString("name"),
                rs.getString("code"),
                rs.getString("specialty"),
                rs.getObject("max_appointments_per_day", Integer.class),
                rs.getInt("walk_in_places"),
                rs.getObject("created_at", OffsetDateTime.class),
                rs.getObject("updated_at", OffsetDateTime.class));
    }
}
