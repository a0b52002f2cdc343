package app.clinic.access;

import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Whether what a route names belongs to a doctor: the "own" reach of {@link AccessRules}. Something unknown belongs
 * to no doctor, so a doctor learns nothing about another doctor's ids from a 403 versus a 404.
 */
@Repository
class DoctorScope {

    private final JdbcClient jdbc;

    DoctorScope(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The route's one id variable decides; a route marked "own" must name one of these. */
    boolean belongsTo(UUID doctorId, Map<String, String> variables) {
        if (variables.containsKey("doctor_id")) {
            return doctorId.toString().equalsIgnoreCase(variables.get("doctor_id"));
        }
        if (variables.containsKey("patient_id")) {
            return exists(
                    "SELECT EXISTS (SELECT 1 FROM appointments WHERE patient_id = :id AND doctor_id = :doctor)",
                    variables.get("patient_id"),
                    doctorId);
        }
        if (variables.containsKey("appointment_id")) {
            return exists(
                    "SELECT EXISTS (SELECT 1 FROM appointments WHERE id = :id AND doctor_id = :doctor)",
                    variables.get("appointment_id"),
                    doctorId);
        }
        if (variables.containsKey("entry_id")) {
            return exists(
                    "SELECT EXISTS (SELECT 1 FROM queue_entries WHERE id = :id AND doctor_id = :doctor)",
                    variables.get("entry_id"),
                    doctorId);
        }
        throw new IllegalStateException("no doctor scope for a route with the variables " + variables.keySet());
    }

    private boolean exists(String sql, String id, UUID doctorId) {
        UUID parsed;
        try {
            parsed = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return false; // not an id: nobody's
        }
        return jdbc.sql(sql)
                .param("id", parsed)
                .param("doctor", doctorId)
                .query(Boolean.class)
                .single();
    }
}
