package app.clinic.doctor;

import java.util.UUID;

/**
 * Published in the transaction of a change that may give a doctor's days more or fewer places or change their
 * presence: a limit, walk-in places, a date's record, the roster. Whoever holds places for those days (the
 * waitlist) looks again in the same transaction.
 */
public record DoctorDaysChanged(UUID doctorId) {}
