package app.clinic.booking;

import app.clinic.doctor.DoctorService;
import app.clinic.web.InvalidRequestException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * "When can I come?": the days of a range on which a doctor works and an advance booking still finds a place,
 * with how many. Only days that can be booked count: from today to BOOKING_HORIZON_DAYS ahead.
 */
@Service
class OpenDays {

    static final int MAX_DAYS = 92;
    static final int DEFAULT_DAYS = 14;

    private final OpenDaysRepository openDays;
    private final DoctorService doctors;
    private final WalkIns walkIns;
    private final Clock clock;
    private final BookingWindow window;

    OpenDays(OpenDaysRepository openDays, DoctorService doctors, WalkIns walkIns, Clock clock, BookingWindow window) {
        this.openDays = openDays;
        this.doctors = doctors;
        this.walkIns = walkIns;
        this.clock = clock;
        this.window = window;
    }

    /** A range asked for: from {@code from} (today if null), {@code days} days long (14 if null, at most 92). */
    record Range(LocalDate from, int days) {

        static Range of(LocalDate from, Integer days, LocalDate today) {
            int length = days != null ? days : DEFAULT_DAYS;
            if (length < 1 || length > MAX_DAYS) {
                throw new InvalidRequestException("days", "must be between 1 and " + MAX_DAYS);
            }
            return new Range(from != null ? from : today, length);
        }

        LocalDate last() {
            return from.plusDays(days - 1L);
        }
    }

    @Transactional(readOnly = true)
    List<OpenDaysRepository.OpenDay> ofDoctor(UUID doctorId, Range range) {
        doctors.requireExists(doctorId);
        LocalDate first = window.firstBookable(range.from());
        LocalDate last = window.lastBookable(range.last());
        if (last.isBefore(first)) {
            return List.of();
        }
        return openDays.ofDoctor(doctorId, first, last, doctors.clinicDailyLimit(), releasedDay());
    }

    @Transactional(readOnly = true)
    List<OpenDaysRepository.OpenDay> ofClinic(String specialty, Range range) {
        LocalDate first = window.firstBookable(range.from());
        LocalDate last = window.lastBookable(range.last());
        if (last.isBefore(first)) {
            return List.of();
        }
        return openDays.ofClinic(
                specialty == null || specialty.isBlank() ? null : specialty,
                first,
                last,
                doctors.clinicDailyLimit(),
                releasedDay());
    }

    LocalDate today() {
        return LocalDate.now(clock);
    }

    /** Today, if its unused walk-in places are released already; else none. */
    private LocalDate releasedDay() {
        LocalDate today = today();
        return walkIns.released(today) ? today : null;
    }
}
