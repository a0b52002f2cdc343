package app.clinic.booking;

import app.clinic.config.ClinicProperties;
import java.time.Clock;
import java.time.LocalDate;
import org.springframework.stereotype.Component;

/** The days that can be booked: from today (clinic zone) to BOOKING_HORIZON_DAYS ahead. */
@Component
class BookingWindow {

    private final Clock clock;
    private final int horizonDays;

    BookingWindow(Clock clock, ClinicProperties properties) {
        this.clock = clock;
        this.horizonDays = properties.bookingHorizonDays();
    }

    /** Refuses (422) a day gone by or beyond the horizon. */
    void require(LocalDate date) {
        LocalDate today = LocalDate.now(clock);
        LocalDate latest = today.plusDays(horizonDays);
        if (date.isBefore(today)) {
            throw BookingDateException.inPast(date, today, latest);
        }
        if (date.isAfter(latest)) {
            throw BookingDateException.beyondHorizon(date, today, latest);
        }
    }

    /** Refuses (422) a day gone by. */
    void requireNotPast(LocalDate date) {
        LocalDate today = LocalDate.now(clock);
        if (date.isBefore(today)) {
            throw BookingDateException.inPast(date, today, today.plusDays(horizonDays));
        }
    }

    /** The first bookable day from {@code from} on. */
    LocalDate firstBookable(LocalDate from) {
        LocalDate today = LocalDate.now(clock);
        return from.isBefore(today) ? today : from;
    }

    /** The last bookable day up to {@code to}. */
    LocalDate lastBookable(LocalDate to) {
        LocalDate latest = LocalDate.now(clock).plusDays(horizonDays);
        return to.isAfter(latest) ? latest : to;
    }
}
