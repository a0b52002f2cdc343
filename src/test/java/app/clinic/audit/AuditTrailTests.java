package app.clinic.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import app.clinic.ClinicFixtures;
import app.clinic.HttpTest;
import app.clinic.Reply;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.EntityExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * What the trail holds of writes that fail, that it cannot be changed by the service, that a change made behind
 * its back shows, and how the examiners read it. Which route leaves which record: AuditedRoutesTests.
 */
class AuditTrailTests extends HttpTest {

    @Autowired
    private AuditService audit;

    /** The request id of the last {@link #readAPatient()}. */
    private String lastRequestId;

    @Test
    void aBookingRefusedForCapacityLeavesItsRefusalRecordAndNoBooking() {
        UUID doctor = given.doctorTakingPerDay(1);
        given.booked(given.patient(), doctor, given.tomorrow());
        UUID patient = given.patient();
        String requestId = UUID.randomUUID().toString();

        int status = book(http, patient, doctor, requestId);

        assertThat(status).isEqualTo(409);
        assertThat(count("SELECT count(*) FROM appointments WHERE patient_id = ?", patient))
                .isZero();
        Map<String, Object> record = awaitRecord(requestId);
        assertThat(record)
                .containsEntry("action", "appointment.book")
                .containsEntry("outcome", "refused")
                .containsEntry("status", 409)
                .containsEntry("patient_ids", List.of(patient.toString()));
    }

    @Test
    void aWriteThatFailsAfterItsFirstStatementLeavesNeitherItsBookingNorASuccessRecord() {
        UUID doctor = given.doctor();
        UUID patient = given.patient();
        // the booking's history row fails: after the appointment's own insert, in the same transaction
        db.sql("""
                CREATE FUNCTION fail_history_of_one_patient() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF (SELECT patient_id FROM appointments WHERE id = NEW.appointment_id) = '%s' THEN
                        RAISE EXCEPTION 'the disk is full, say';
                    END IF;
                    RETURN NEW;
                END $$""".formatted(patient)).update();
        db.sql("""
                CREATE TRIGGER fail_history_of_one_patient BEFORE INSERT ON appointment_history
                FOR EACH ROW EXECUTE FUNCTION fail_history_of_one_patient()""").update();
        String requestId = UUID.randomUUID().toString();
        int status;
        try {
            status = book(http, patient, doctor, requestId);
        } finally {
            db.sql("DROP TRIGGER fail_history_of_one_patient ON appointment_history")
                    .update();
            db.sql("DROP FUNCTION fail_history_of_one_patient()").update();
        }

        assertThat(status).isEqualTo(500);
        assertThat(count("SELECT count(*) FROM appointments WHERE patient_id = ?", patient))
                .isZero();
        Map<String, Object> record = awaitRecord(requestId);
        assertThat(record).containsEntry("outcome", "failed").containsEntry("status", 500);
        assertThat(count("SELECT count(*) FROM audit_records WHERE request_id = ?", requestId))
                .isOne();
    }

    @Test
    void aReadWhoseRecordCannotBeWrittenAnswersAnErrorWithoutThePatientsData() {
        UUID patient = given.patient();
        String phone = (String) Reply.get(http, "/api/v1/patients/" + patient).get("phone");
        String requestId = UUID.randomUUID().toString();
        db.sql("""
                CREATE FUNCTION refuse_one_read_record() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF NEW.request_id = '%s' AND NEW.outcome = 'success' THEN
                        RAISE EXCEPTION 'the audit trail is unwritable, say';
                    END IF;
                    RETURN NEW;
                END $$""".formatted(requestId)).update();
        db.sql("""
                CREATE TRIGGER refuse_one_read_record BEFORE INSERT ON audit_records
                FOR EACH ROW EXECUTE FUNCTION refuse_one_read_record()""").update();
        EntityExchangeResult<String> answer;
        try {
            answer = http.get()
                    .uri("/api/v1/patients/" + patient)
                    .header("X-Request-Id", requestId)
                    .exchange()
                    .returnResult(String.class);
        } finally {
            db.sql("DROP TRIGGER refuse_one_read_record ON audit_records").update();
            db.sql("DROP FUNCTION refuse_one_read_record()").update();
        }

        assertThat(answer.getStatus().value()).isEqualTo(500);
        assertThat(answer.getResponseBody()).doesNotContain(phone).doesNotContain(patient.toString() + "\",\"first");
        assertThat(awaitRecord(requestId))
                .containsEntry("action", "patient.read")
                .containsEntry("outcome", "failed")
                .containsEntry("patient_ids", List.of(patient.toString()));
    }

    @Test
    void aFailedSignInIsRecordedWithTheUsernameTriedAndNeverThePassword() {
        String requestId = UUID.randomUUID().toString();

        int status = clientWith(null)
                .post()
                .uri("/api/v1/auth/login")
                .header("X-Request-Id", requestId)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("username", "nobody-by-this-name", "password", "a guessed passphrase"))
                .exchange()
                .returnResult(String.class)
                .getStatus()
                .value();

        assertThat(status).isEqualTo(401);
        Map<String, Object> record = awaitRecord(requestId);
        assertThat(record)
                .containsEntry("action", "auth.login")
                .containsEntry("outcome", "denied")
                .containsEntry("actor_id", null)
                .containsEntry("actor_name", "nobody-by-this-name");
        assertThat(record.toString()).doesNotContain("guessed");
    }

    @Test
    void theServiceCanNeitherChangeNorDeleteAnAuditRecord() {
        long id = recordOf(readAPatient());

        assertThatThrownBy(() -> db.sql("UPDATE audit_records SET actor_name = 'x' WHERE id = ?")
                        .param(id)
                        .update())
                .isInstanceOf(DataAccessException.class)
                .rootCause()
                .hasMessageContaining("permission denied");
        assertThatThrownBy(() -> db.sql("DELETE FROM audit_records WHERE id = ?")
                        .param(id)
                        .update())
                .isInstanceOf(DataAccessException.class)
                .rootCause()
                .hasMessageContaining("permission denied");
        // a role that holds the rights anyway meets the trigger
        db.sql("GRANT UPDATE, DELETE ON audit_records TO CURRENT_USER").update();
        try {
            assertThatThrownBy(() -> db.sql("UPDATE audit_records SET actor_name = 'x' WHERE id = ?")
                            .param(id)
                            .update())
                    .rootCause()
                    .hasMessageContaining("append-only");
            assertThatThrownBy(() -> db.sql("DELETE FROM audit_records WHERE id = ?")
                            .param(id)
                            .update())
                    .rootCause()
                    .hasMessageContaining("append-only");
        } finally {
            db.sql("REVOKE UPDATE, DELETE ON audit_records FROM CURRENT_USER").update();
        }
    }

    @Test
    void anUntouchedTrailVerifies() {
        long id = recordOf(readAPatient());
        awaitSealed(id);

        Map<String, Object> verdict = verify();

        assertThat(verdict).containsEntry("ok", true).containsEntry("first_bad", null);
        assertThat(((Number) verdict.get("checked")).longValue()).isPositive();
    }

    @Test
    void aRecordChangedBehindTheServicesBackIsNamed() {
        long id = recordOf(readAPatient());
        awaitSealed(id);
        String name = db.sql("SELECT actor_name FROM audit_records WHERE id = ?")
                .param(id)
                .query(String.class)
                .single();

        Map<String, Object> verdict;
        tamperingWith("audit_records");
        try {
            db.sql("UPDATE audit_records SET actor_name = 'somebody else' WHERE id = ?")
                    .param(id)
                    .update();
            verdict = verify();
        } finally {
            db.sql("UPDATE audit_records SET actor_name = ? WHERE id = ?")
                    .param(name)
                    .param(id)
                    .update();
            doneTampering("audit_records");
        }

        assertThat(verdict).containsEntry("ok", false);
        assertThat(firstBad(verdict)).containsEntry("record_id", (int) id).containsEntry("problem", "record changed");
        assertThat(verify()).as("put back, it verifies again").containsEntry("ok", true);
    }

    @Test
    void aRecordDeletedBehindTheServicesBackIsNamed() {
        long id = recordOf(readAPatient());
        awaitSealed(id);
        Map<String, Object> verdict = verdictWithout("audit_records", id);

        assertThat(verdict).containsEntry("ok", false);
        assertThat(firstBad(verdict)).containsEntry("record_id", (int) id).containsEntry("problem", "record deleted");
        assertThat(verify()).as("put back, it verifies again").containsEntry("ok", true);
    }

    @Test
    void aDaysListReadAgainNamesTheSameStoredSetOfItsPatients() {
        UUID doctor = given.doctor();
        List<UUID> patients = List.of(given.patient(), given.patient(), given.patient());
        patients.forEach(patient -> given.booked(patient, doctor, given.tomorrow()));
        String uri = "/api/v1/doctors/" + doctor + "/appointments?date=" + given.tomorrow();
        List<String> requestIds =
                List.of(UUID.randomUUID().toString(), UUID.randomUUID().toString());
        requestIds.forEach(requestId -> read(uri, requestId));

        List<byte[]> sets = db.sql("SELECT patient_set FROM audit_records WHERE request_id IN (?, ?)")
                .params(requestIds.get(0), requestIds.get(1))
                .query(byte[].class)
                .list();
        assertThat(sets).hasSize(2);
        assertThat(sets.get(0)).as("both reads name one set").isEqualTo(sets.get(1));
        assertThat(db.sql("SELECT patient_ids FROM audit_patient_sets WHERE key = ?")
                        .param(sets.get(0))
                        .query((rs, row) ->
                                List.of((UUID[]) rs.getArray("patient_ids").getArray()))
                        .list())
                .as("stored once, with the day's patients")
                .singleElement()
                .satisfies(stored -> assertThat(stored).containsExactlyInAnyOrderElementsOf(patients));
        assertThat(db.sql("SELECT key = audit_patient_set_key(patient_ids) FROM audit_patient_sets WHERE key = ?")
                        .param(sets.get(0))
                        .query(Boolean.class)
                        .single())
                .as("the service keys a set as the verification recomputes it")
                .isTrue();
    }

    @Test
    void aPatientSetChangedBehindTheServicesBackIsNamedAtARecordThatNamesIt() {
        UUID patient = readAPatient();
        long id = recordOf(patient);
        awaitSealed(id);
        byte[] set = patientSetOf(id);

        Map<String, Object> verdict;
        tamperingWith("audit_patient_sets");
        try {
            db.sql("UPDATE audit_patient_sets SET patient_ids = ARRAY[?] WHERE key = ?")
                    .params(given.patient(), set)
                    .update();
            verdict = verify();
        } finally {
            db.sql("UPDATE audit_patient_sets SET patient_ids = ARRAY[?] WHERE key = ?")
                    .params(patient, set)
                    .update();
            doneTampering("audit_patient_sets");
        }

        assertThat(verdict).containsEntry("ok", false);
        assertThat(firstBad(verdict)).containsEntry("problem", "patient set changed");
        assertThat(patientSetOf(((Number) firstBad(verdict).get("record_id")).longValue()))
                .as("the record named is one that names the changed set")
                .isEqualTo(set);
        assertThat(verify()).as("put back, it verifies again").containsEntry("ok", true);
    }

    @Test
    void aPatientSetDeletedBehindTheServicesBackIsNamedAtARecordThatNamesIt() {
        long id = recordOf(readAPatient());
        awaitSealed(id);
        byte[] set = patientSetOf(id);

        Map<String, Object> verdict = verdictWithout("audit_patient_sets", "key", set);

        assertThat(verdict).containsEntry("ok", false);
        assertThat(firstBad(verdict)).containsEntry("problem", "patient set deleted");
        assertThat(patientSetOf(((Number) firstBad(verdict).get("record_id")).longValue()))
                .isEqualTo(set);
        assertThat(verify()).as("put back, it verifies again").containsEntry("ok", true);
    }

    @Test
    void aRecordWithItsPatientsInlineAsBeforePatientSetsIsSealedVerifiedAndFoundByPatient() {
        UUID patient = given.patient();
        long id = db.sql("""
                        INSERT INTO audit_records (action, resource_type, resource_id, patient_ids, outcome)
                        VALUES ('patient.read', 'patient', ?, ARRAY[?], 'success') RETURNING id""")
                .params(patient.toString(), patient)
                .query(Long.class)
                .single();

        awaitSealed(id);

        assertThat(verify()).containsEntry("ok", true);
        assertThat(list("/api/v1/audit?patient_id=" + patient + "&action=patient.read"))
                .singleElement()
                .satisfies(record -> assertThat(record)
                        .containsEntry("id", (int) id)
                        .containsEntry("patient_ids", List.of(patient.toString())));
    }

    @Test
    void aSealDeletedBehindTheServicesBackBreaksTheChainAtTheNextSeal() {
        long first = recordOf(readAPatient());
        long deletedSeal = awaitSealed(first);
        long next = recordOf(readAPatient());
        long nextSeal = awaitSealed(next);
        assertThat(nextSeal).isGreaterThan(deletedSeal);
        long followingSeal = db.sql("SELECT min(id) FROM audit_seals WHERE id > ?")
                .param(deletedSeal)
                .query(Long.class)
                .single();
        Map<String, Object> verdict = verdictWithout("audit_seals", deletedSeal);

        assertThat(verdict).containsEntry("ok", false);
        assertThat(firstBad(verdict))
                .containsEntry("seal_id", (int) followingSeal)
                .containsEntry("problem", "seal does not follow the one before (a seal deleted or changed)");
        assertThat(verify()).as("put back, it verifies again").containsEntry("ok", true);
    }

    @Test
    void theRetentionPurgeRemovesOnlySealsPastTheCutoffAndTheChainStillVerifies() {
        long old = recordOf(readAPatient());
        long oldSeal = awaitSealed(old);
        OffsetDateTime cutoff = db.sql("SELECT sealed_at + interval '1 microsecond' FROM audit_seals WHERE id = ?")
                .param(oldSeal)
                .query(OffsetDateTime.class)
                .single();
        long kept = recordOf(readAPatient());
        awaitSealed(kept);

        audit.pruneBefore(cutoff);

        assertThat(count("SELECT count(*) FROM audit_records WHERE id = ?", old))
                .isZero();
        assertThat(count("SELECT count(*) FROM audit_seals WHERE id <= ?", oldSeal))
                .isZero();
        assertThat(count("SELECT count(*) FROM audit_records WHERE id = ?", kept))
                .isOne();
        assertThat(verify()).containsEntry("ok", true);
        // the purge's rights ended with it
        assertThatThrownBy(() -> db.sql("DELETE FROM audit_records WHERE id = ?")
                        .param(kept)
                        .update())
                .rootCause()
                .hasMessageContaining("permission denied");
    }

    @Test
    void theAccessLogTellsWhoSawAPatientDoingWhatNewestFirst() {
        UUID doctor = given.doctor();
        UUID patient = given.patient();
        UUID appointment = given.booked(patient, doctor, given.tomorrow());
        String reception = given.staffToken("reception", null);
        String room = given.staffToken("doctor", doctor);
        UUID receptionist = idOf(reception);
        UUID doctorAccount = idOf(room);
        assertThat(Reply.get(clientWith(reception), "/api/v1/patients/" + patient)
                        .status())
                .isEqualTo(200);
        assertThat(Reply.get(clientWith(room), "/api/v1/appointments/" + appointment)
                        .status())
                .isEqualTo(200);

        List<Map<String, Object>> log = list("/api/v1/patients/" + patient + "/access-log");

        assertThat(log)
                .extracting(record -> record.get("action"), record -> record.get("actor_id"))
                .startsWith(
                        tuple("appointment.read", doctorAccount.toString()),
                        tuple("patient.read", receptionist.toString()));
        assertThat(log).extracting(record -> record.get("action")).contains("patient.register", "appointment.book");
        assertThat(log.toString()).doesNotContain("Test").doesNotContain("+91");
        assertThat(list("/api/v1/audit?actor_id=" + receptionist + "&action=patient.read"))
                .singleElement()
                .satisfies(record -> assertThat(record).containsEntry("patient_ids", List.of(patient.toString())));
        assertThat(list("/api/v1/audit?actor_id=" + receptionist + "&from=2000-01-01T00:00:00Z&to="
                        + OffsetDateTime.now().minusDays(1).toInstant()))
                .isEmpty();
    }

    @Test
    void theAuditListPagesWithACursorAndRefusesABadTime() {
        UUID patient = given.patient();
        for (int i = 0; i < 3; i++) {
            assertThat(Reply.get(http, "/api/v1/patients/" + patient).status()).isEqualTo(200);
        }

        var first = http.get()
                .uri("/api/v1/audit?patient_id=" + patient + "&action=patient.read&limit=2")
                .exchange()
                .returnResult(List.class);
        String next = first.getResponseHeaders().getFirst("Link");
        assertThat(first.getResponseBody()).hasSize(2);
        assertThat(next).contains("cursor=");
        String nextUri = next.substring(next.indexOf('<') + 1, next.indexOf('>'));
        var second = http.get().uri(java.net.URI.create(nextUri)).exchange().returnResult(List.class);
        assertThat(second.getResponseBody()).hasSize(1);
        assertThat(second.getResponseHeaders().getFirst("Link")).isNull();

        Reply bad = Reply.get(http, "/api/v1/audit?from=yesterday");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.error()).isEqualTo("InvalidParameter");
    }

    private UUID readAPatient() {
        UUID patient = given.patient();
        String requestId = UUID.randomUUID().toString();
        read("/api/v1/patients/" + patient, requestId);
        lastRequestId = requestId;
        return patient;
    }

    private void read(String uri, String requestId) {
        assertThat(http.get()
                        .uri(uri)
                        .header("X-Request-Id", requestId)
                        .exchange()
                        .returnResult(String.class)
                        .getStatus()
                        .value())
                .as(uri)
                .isEqualTo(200);
    }

    /** The record of the last read: written before its answer, so there without waiting. */
    private long recordOf(UUID patient) {
        return db.sql("SELECT id FROM audit_trail WHERE request_id = ? AND ? = ANY (patient_ids)")
                .param(lastRequestId)
                .param(patient)
                .query(Long.class)
                .single();
    }

    private byte[] patientSetOf(long recordId) {
        return db.sql("SELECT patient_set FROM audit_records WHERE id = ?")
                .param(recordId)
                .query(byte[].class)
                .single();
    }

    /** The seal that took the record in, once the next seal ran. */
    private long awaitSealed(long recordId) {
        return Awaitility.await()
                .atMost(Duration.ofSeconds(15))
                .until(
                        () -> db.sql("SELECT id FROM audit_seals WHERE ? = ANY (record_ids)")
                                .param(recordId)
                                .query(Long.class)
                                .optional(),
                        seal -> seal.isPresent())
                .orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> awaitRecord(String requestId) {
        return Awaitility.await()
                .atMost(Duration.ofSeconds(5))
                .until(
                        () -> list("/api/v1/audit?limit=500").stream()
                                .filter(record -> requestId.equals(record.get("request_id")))
                                .findFirst(),
                        record -> record.isPresent())
                .orElseThrow();
    }

    private Map<String, Object> verdictWithout(String table, long id) {
        return verdictWithout(table, "id", id);
    }

    /** Deletes a row behind the service's back, asks for the verdict, and puts the row back exactly as it was. */
    private Map<String, Object> verdictWithout(String table, String keyColumn, Object key) {
        String row = db.sql("SELECT row_to_json(t)::text FROM " + table + " t WHERE " + keyColumn + " = ?")
                .param(key)
                .query(String.class)
                .single();
        tamperingWith(table);
        try {
            db.sql("DELETE FROM " + table + " WHERE " + keyColumn + " = ?")
                    .param(key)
                    .update();
            return verify();
        } finally {
            db.sql("INSERT INTO " + table + " OVERRIDING SYSTEM VALUE SELECT * FROM json_populate_record(NULL::" + table
                            + ", CAST(? AS json))")
                    .param(row)
                    .update();
            doneTampering(table);
        }
    }

    /** What someone with the database owner's rights could do: lift the trigger and take the rights. */
    private void tamperingWith(String table) {
        db.sql("ALTER TABLE " + table + " DISABLE TRIGGER USER").update();
        db.sql("GRANT UPDATE, DELETE ON " + table + " TO CURRENT_USER").update();
    }

    private void doneTampering(String table) {
        db.sql("REVOKE UPDATE, DELETE ON " + table + " FROM CURRENT_USER").update();
        db.sql("ALTER TABLE " + table + " ENABLE TRIGGER USER").update();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> verify() {
        Reply verdict = Reply.get(http, "/api/v1/audit/verify");
        assertThat(verdict.status()).isEqualTo(200);
        return verdict.body();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> firstBad(Map<String, Object> verdict) {
        return (Map<String, Object>) verdict.get("first_bad");
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> list(String uri) {
        var result =
                http.get().uri(java.net.URI.create(baseUrl() + uri)).exchange().returnResult(List.class);
        assertThat(result.getStatus().value()).as(uri).isEqualTo(200);
        return result.getResponseBody();
    }

    private UUID idOf(String token) {
        return UUID.fromString(
                (String) Reply.get(clientWith(token), "/api/v1/auth/me").get("id"));
    }

    private int book(RestTestClient client, UUID patient, UUID doctor, String requestId) {
        return client.post()
                .uri("/api/v1/appointments")
                .header("X-Request-Id", requestId)
                .contentType(MediaType.APPLICATION_JSON)
                .body(ClinicFixtures.bookingBody(patient, doctor, given.tomorrow()))
                .exchange()
                .returnResult(String.class)
                .getStatus()
                .value();
    }
}
