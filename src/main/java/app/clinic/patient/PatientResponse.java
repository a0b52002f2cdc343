package app.clinic.patient;

import java.time.OffsetDateTime;
import java.util.UUID;

record PatientResponse(
        UUID id, String firstName, String lastName, Integer age, String phone, String email, OffsetDateTime createdAt) {

    static PatientResponse of(Patient patient) {
        return new PatientResponse(
                patient.id(),
                patient.firstName(),
                patient.lastName(),
                patient.age(),
                patient.phone(),
                patient.email(),
                patient.createdAt());
    }

    @Override
    public String toString() {
        return "PatientResponse[id=" + id + "]";
    }
}
