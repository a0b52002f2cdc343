package app.clinic.live;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** What a waiting-room screen shows: per doctor, tokens and counts; nothing about any patient. */
record DisplayBoardResponse(LocalDate date, List<DoctorBoard> doctors) {

    record DoctorBoard(
            UUID doctorId,
            String doctorName,

            @Schema(description = "The token with the doctor now, or null")
            Integer nowServing,

            @Schema(description = "The next tokens to be called, in order (at most " + NEXT_TOKENS + ")")
            List<Integer> nextTokens,

            int waiting,
            int called,
            int served,
            int skipped,

            @Schema(description = "Tokens given out for the day: its appointments, but the cancelled ones")
            int booked) {}

    /** As many as a screen can show of who comes next. */
    static final int NEXT_TOKENS = 5;
}
