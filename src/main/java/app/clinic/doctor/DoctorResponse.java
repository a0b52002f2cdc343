package app.clinic.doctor;

import java.time.OffsetDateTime;
import java.util.UUID;

record DoctorResponse(
        UUID id,
        String name,
        String code,
        String specialty,
        Integer maxAppointmentsPerDay,
        int walkInPlaces,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {

    static DoctorResponse of(Doctor doctor) {
        return new DoctorResponse(
                doctor.id(),
                doctor.name(),
                doctor.code(),
                doctor.specialty(),
                doctor.maxAppointmentsPerDay(),
                doctor.walkInPlaces(),
                doctor.createdAt(),
                doctor.updatedAt());
    }
}
