package app.clinic.booking;

import java.time.LocalDate;
import java.util.UUID;

record CapacityResponse(UUID doctorId, LocalDate date, int capacity, int booked, int remaining, boolean isPresent) {}
