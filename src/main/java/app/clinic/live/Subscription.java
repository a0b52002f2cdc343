package app.clinic.live;

import java.time.LocalDate;
import java.util.UUID;

/**
 * What a stream follows: a day, of one doctor or all ({@code doctorFilter} null), as an audience sees it; the
 * streams with one subscription share every payload.
 */
record Subscription(LocalDate date, UUID doctorFilter, Audience audience) {}
