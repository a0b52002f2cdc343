package app.clinic.checkin;

import app.clinic.access.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Check-in and queue")
@RestController
class CheckInController {

    private final CheckInService checkIns;

    CheckInController(CheckInService checkIns) {
        this.checkIns = checkIns;
    }

    @Operation(
            summary = "Check a patient in",
            description = "Only on the appointment date in the clinic's time zone. Positions are given atomically in"
                    + " check-in order, from 1 per doctor and day.")
    @ApiResponse(responseCode = "201", description = "Checked in, with the queue position")
    @ApiResponse(responseCode = "400", description = "AppointmentPatientMismatch, ValidationError")
    @ApiResponse(responseCode = "404", description = "AppointmentNotFound")
    @ApiResponse(
            responseCode = "409",
            description = "AlreadyCheckedIn; InvalidAppointmentStatus: cancelled, completed or no-show")
    @ApiResponse(responseCode = "422", description = "InvalidCheckInDate: not the appointment date")
    @PostMapping("/api/v1/checkins")
    ResponseEntity<CheckInResponse> checkIn(
            @Valid @RequestBody CheckInRequest request, @AuthenticationPrincipal Caller caller) {
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(CheckInResponse.of(checkIns.checkIn(request, caller.id())));
    }
}
