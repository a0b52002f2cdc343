package app.clinic.live;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * A day's appointments and queue across doctors, in the seed's WebSocket shape (its dashboard reads it): the
 * {@code data} of every snapshot and update on {@code /api/v1/ws/queue} and {@code /api/v1/queue/events}.
 */
record QueueDay(LocalDate date, int totalAppointments, int totalDoctors, List<DoctorQueue> doctors, Instant timestamp) {

    /** Whether this and {@code other} show the same, whenever each was built. */
    boolean sameAs(QueueDay other) {
        return other != null
                && date.equals(other.date)
                && totalAppointments == other.totalAppointments
                && doctors.equals(other.doctors);
    }

    record DoctorQueue(
            DoctorInfo doctor, List<AppointmentItem> appointments, int totalAppointments, int checkedInCount) {}

    record DoctorInfo(UUID id, String name, String code, String specialty) {}

    /** {@code patient} is null for an audience that may not see this doctor's patients. */
    record AppointmentItem(UUID appointmentId, int slot, String status, PatientItem patient, QueueItem queue) {}

    /** {@code name} is the full name, which the seed's dashboard shows. */
    record PatientItem(UUID id, String name, String firstName, String lastName, String phone, Integer age) {

        static PatientItem of(DayState.Row row) {
            String name = row.lastName() == null ? row.firstName() : row.firstName() + " " + row.lastName();
            return new PatientItem(row.patientId(), name, row.firstName(), row.lastName(), row.phone(), row.age());
        }
    }

    /**
     * Null before check-in. {@code entry_id} is ours, beside the seed's fields: the queue entry that the doctor's
     * room serves, skips or requeues.
     */
    record QueueItem(UUID entryId, int position, OffsetDateTime checkedInAt, String status) {}
}
