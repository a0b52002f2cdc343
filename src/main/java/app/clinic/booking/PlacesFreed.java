package app.clinic.booking;

import java.time.LocalDate;
import java.util.UUID;

/**
 * Published in the transaction of a cancel or a reschedule away, with the day's row still locked: a place of the
 * doctor-day came free, and the day's waitlist, if anyone waits, is offered it before anyone else can book it.
 */
public record PlacesFreed(UUID doctorId, LocalDate date) {}
