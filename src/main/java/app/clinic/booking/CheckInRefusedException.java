package app.clinic.booking;

import app.clinic.web.ApiException;
import java.time.LocalDate;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** The check-in rules an appointment can break, each with the seed's status code. */
class CheckInRefusedException extends ApiException {

    private CheckInRefusedException(HttpStatus status, String code, String message, Map<String, Object> details) {
        super(status, code, message, details);
    }

    static CheckInRefusedException alreadyCheckedIn(Appointment appointment) {
        return new CheckInRefusedException(
                HttpStatus.CONFLICT,
                "AlreadyCheckedIn",
                "The patient has already checked in for this appointment",
                Map.of("appointment_id", appointment.id()));
    }

    static CheckInRefusedException wrongPatient(Appointment appointment) {
        return new CheckInRefusedException(
                HttpStatus.BAD_REQUEST,
                "AppointmentPatientMismatch",
                "The appointment does not belong to this patient",
                Map.of("appointment_id", appointment.id()));
    }

    static CheckInRefusedException notToday(Appointment appointment, LocalDate today) {
        return new CheckInRefusedException(
                HttpStatus.UNPROCESSABLE_CONTENT,
                "InvalidCheckInDate",
                "Check-in is only possible on the appointment date, " + appointment.date(),
                Map.of("appointment_date", appointment.date().toString(), "today", today.toString()));
    }
}
