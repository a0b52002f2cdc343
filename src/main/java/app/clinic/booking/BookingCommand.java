package app.clinic.booking;

import app.clinic.access.Caller;
import app.clinic.web.InvalidRequestException;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

/**
 * A booking to make, by {@code caller} (a user or an API client); the idempotency key comes from the body or
 * the Idempotency-Key header and belongs to the caller who sent it: one caller's key never replays or blocks
 * another's booking.
 */
record BookingCommand(UUID patientId, UUID doctorId, LocalDate date, String idempotencyKey, Caller caller) {

    static final int MAX_KEY_LENGTH = 255;

    static BookingCommand of(BookAppointmentRequest request, String keyHeader, Caller caller) {
        String bodyKey = request.idempotencyKey();
        String headerKey = keyHeader == null ? null : keyHeader.strip();
        if (bodyKey != null && headerKey != null && !bodyKey.equals(headerKey)) {
            throw new InvalidRequestException(
                    "IdempotencyKeyMismatch",
                    "The Idempotency-Key header and the body's idempotency_key differ",
                    Map.of("idempotency_key", "differs from the Idempotency-Key header"));
        }
        String key = bodyKey != null ? bodyKey : headerKey;
        if (key != null && (key.isEmpty() || key.length() > MAX_KEY_LENGTH)) {
            throw new InvalidRequestException(
                    "idempotency_key", "must be 1 to " + MAX_KEY_LENGTH + " characters when given");
        }
        return new BookingCommand(request.patientId(), request.doctorId(), request.date(), key, caller);
    }

    /** Null without a key: the database keeps an owner only beside a key. */
    UUID idempotencyOwner() {
        return idempotencyKey == null ? null : caller.id();
    }

    /** The appointment it asks for, booked as a walk-in or not. */
    AppointmentRepository.NewAppointment newAppointment(boolean walkIn) {
        return new AppointmentRepository.NewAppointment(
                patientId, doctorId, date, idempotencyKey, idempotencyOwner(), null, caller.id(), walkIn);
    }

    boolean samePayload(Appointment appointment) {
        return appointment.patientId().equals(patientId)
                && appointment.doctorId().equals(doctorId)
                && appointment.date().equals(date);
    }
}
