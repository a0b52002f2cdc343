package app.clinic.checkin;

import io.swagger.v3.oas.annotations.media.Schema;

/** Where an appointment stands in its doctor's queue, and about how long until its turn. */
record QueueStatusResponse(
        @Schema(description = "The appointment's token (slot)")
        int token,

        @Schema(
                description = "The queue entry's status once checked in (waiting, called, served, skipped), else"
                        + " the appointment's (booked, cancelled, …)")
        String status,

        @Schema(description = "Queue position; null before check-in")
        Integer position,

        @Schema(description = "Patients waiting ahead; null unless waiting or called")
        Integer ahead,

        @Schema(description = "The token with the doctor now, or null")
        Integer nowServing,

        @Schema(
                description = "Estimated minutes until the patient is called: 0 once called; null unless waiting or"
                        + " called")
        Integer etaMinutes,

        @Schema(description = "The minutes a patient takes, as the estimate assumes")
        double minutesPerPatient,

        @Schema(
                allowableValues = {"observed", "default"},
                description = "observed: the median time between the doctor's calls today; default:"
                        + " QUEUE_MINUTES_PER_PATIENT, until the day has enough calls")
        String estimatedFrom) {}
