package app.clinic.booking;

import app.clinic.web.ApiException;
import java.time.LocalDate;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** A booking day outside [today, today + BOOKING_HORIZON_DAYS] in the clinic's zone. */
class BookingDateException extends ApiException {

    private BookingDateException(String code, String message, LocalDate date, LocalDate earliest, LocalDate latest) {
        super(
                HttpStatus.UNPROCESSABLE_CONTENT,
                code,
                message,
                Map.of("date", date.toString(), "earliest", earliest.toString(), "latest", latest.toString()));
    }

    static BookingDateException inPast(LocalDate date, LocalDate today, LocalDate latest) {
        return new BookingDateException(
                "DateInPast", "Cannot book a day before today (" + today + ")", date, today, latest);
    }

    static BookingDateException beyondHorizon(LocalDate date, LocalDate today, LocalDate latest) {
        return new BookingDateException(
                "DateBeyondHorizon", "Bookings open at most until " + latest, date, today, latest);
    }
}
