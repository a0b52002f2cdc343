package app.clinic.doctor;

import java.time.LocalDate;
import java.util.UUID;

/**
 * What booking needs to know of a doctor on a day, by the one rule of {@code doctor_day()}: the date's own record,
 * else the roster's weekday (within its period), else the doctor's settings, else the clinic's.
 *
 * @param dailyLimit how many appointments the doctor takes that day, walk-ins included
 * @param present whether the doctor works that day
 * @param walkInPlaces how many of the day's places are kept for walk-ins
 */
public record DoctorDay(UUID doctorId, LocalDate date, int dailyLimit, boolean present, int walkInPlaces) {}
