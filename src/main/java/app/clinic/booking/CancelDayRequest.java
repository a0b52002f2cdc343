package app.clinic.booking;

import app.clinic.web.WireEnum;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

record CancelDayRequest(
        @Schema(description = "Why: it goes into each patient's notice and the day's attendance note")
        @NotBlank
        @Size(max = 500)
        String reason,

        @Schema(allowableValues = {"cancel", "move_to_next_open_day"}) @NotNull
        String action) {

    enum Action implements WireEnum {
        CANCEL,
        MOVE_TO_NEXT_OPEN_DAY
    }

    Action parsedAction() {
        return WireEnum.parameter(Action.class, "action", action);
    }
}
