package app.clinic.booking;

import java.time.LocalDate;
import java.util.UUID;

/**
 * Published when a doctor's day is cancelled, before its appointments are: whoever holds places on that day (the
 * waitlist) lets them go in the same transaction.
 */
public record DayCancelled(UUID doctorId, LocalDate date) {}
