package app.clinic.patient;

import java.time.OffsetDateTime;
import java.util.UUID;

public record Patient(
        UUID id, String firstName, String lastName, Integer age, String phone, String email, OffsetDateTime createdAt) {

    /** Ids only: a patient printed by mistake must not put a name or number in a log. */
    @Override
    public String toString() {
        return "Patient[id=" + id + "]";
    }
}
