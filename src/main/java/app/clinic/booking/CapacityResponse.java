package app.clinic.booking;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.LocalDate;
import java.util.UUID;

record CapacityResponse(
        UUID doctorId,
        LocalDate date,

        @Schema(description = "The day's limit, walk-in places included")
        int capacity,

        @Schema(description = "Active appointments, walk-ins included")
        int booked,

        @Schema(
                description = "Places an advance booking (the bot, or the desk for another day) can still take:"
                        + " the limit less booked, held and unused walk-in places")
        int remaining,

        boolean isPresent,

        @Schema(description = "Places kept for walk-ins, booked only by the desk on the day")
        int walkInPlaces,

        @Schema(description = "Walk-in appointments booked") int walkIns,

        @Schema(description = "Places held for waitlist offers")
        int held) {}
