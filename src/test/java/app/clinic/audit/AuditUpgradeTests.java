package app.clinic.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import app.clinic.database.CommitWrites;
import app.clinic.web.PageRequest;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A trail written before patient sets existed, upgraded: its records kept their ids inline and were sealed with
 * the fingerprint of the time; after the upgrade the chain still verifies, and the old records are still found by
 * their patients beside the new ones.
 */
class AuditUpgradeTests {

    private static final String BEFORE_PATIENT_SETS = "10";

    @TempDir
    Path dataDir;

    @Test
    void recordsAndSealsWrittenBeforePatientSetsStillVerifyAndAreFoundByPatientAfterTheUpgrade() throws Exception {
        try (EmbeddedPostgres postgres =
                EmbeddedPostgres.builder().setDataDirectory(dataDir).start()) {
            try (Connection connection = postgres.getPostgresDatabase().getConnection()) {
                connection.createStatement().execute("CREATE DATABASE clinic");
            }
            DataSource clinic = postgres.getDatabase("postgres", "clinic");
            JdbcClient db = JdbcClient.create(clinic);
            AuditSealRepository seals = new AuditSealRepository(db);
            AuditRecordRepository records = new AuditRecordRepository(db, new CommitWrites(new JdbcTemplate(clinic)));
            UUID patient = UUID.randomUUID();
            UUID other = UUID.randomUUID();

            migrate(clinic, BEFORE_PATIENT_SETS);
            long old = db.sql("""
                            INSERT INTO audit_records (action, resource_type, patient_ids, outcome)
                            VALUES ('doctor.day.read', 'doctor', ARRAY[?, ?], 'success') RETURNING id""").params(patient, other).query(Long.class).single();
            assertThat(seals.sealNext()).as("sealed as the old version sealed").isPresent();

            migrate(clinic, null);
            records.insert(new AuditRecordRepository.NewRecord(
                    null,
                    null,
                    null,
                    "patient.read",
                    "patient",
                    null,
                    PatientSet.of(List.of(patient)),
                    "success",
                    null,
                    null,
                    null));
            assertThat(seals.sealNext()).isPresent();

            assertThat(seals.firstBreak())
                    .as("the old seal and the new one both hold")
                    .isEmpty();
            assertThat(records.find(
                            new AuditRecordRepository.Filter(patient, null, null, null, null),
                            PageRequest.of(null, null)))
                    .extracting(AuditRecord::action, AuditRecord::patientIds)
                    .containsExactly(
                            tuple("patient.read", List.of(patient)), tuple("doctor.day.read", List.of(patient, other)));
            assertThat(records.find(
                            new AuditRecordRepository.Filter(other, null, null, null, null),
                            PageRequest.of(null, null)))
                    .extracting(AuditRecord::id)
                    .containsExactly(old);
        }
    }

    /** Up to {@code version}, or all of them. */
    private static void migrate(DataSource clinic, String version) {
        var flyway = Flyway.configure().dataSource(clinic);
        if (version != null) {
            flyway = flyway.target(version);
        }
        flyway.load().migrate();
    }
}
