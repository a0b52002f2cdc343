package app.clinic.doctor;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * A doctor's week over a period: the weekdays they work. Outside the period the doctor is as without a roster.
 *
 * @param validUntil the last day it applies, or null for no end
 */
record Roster(
        UUID doctorId, LocalDate validFrom, LocalDate validUntil, List<Weekday> weekdays, OffsetDateTime updatedAt) {

    /**
     * @param dailyLimit the limit on that weekday, or null for the doctor's own (else the clinic's)
     * @param walkInPlaces the walk-in places on that weekday, or null for the doctor's own
     */
    record Weekday(DayOfWeek day, Integer dailyLimit, Integer walkInPlaces) {}
}
