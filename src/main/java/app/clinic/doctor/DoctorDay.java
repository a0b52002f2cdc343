package app.clinic.doctor;

import java.time.LocalDate;
import java.util.UUID;

/**
 * What booking needs to know of a doctor on a day.
 *
 * @param dailyLimit the doctor's limit, else the clinic's MAX_APPOINTMENTS_PER_DOCTOR_PER_DAY
 * @param present false only when an availability record says the doctor is absent
 */
public record DoctorDay(UUID doctorId, LocalDate date, int dailyLimit, boolean present) {}
