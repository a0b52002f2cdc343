package app.clinic.checkin;

import app.clinic.access.Caller;
import app.clinic.web.PageParameters;
import app.clinic.web.WireEnum;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Check-in and queue")
@RestController
class QueueController {

    private final CheckInService checkIns;

    QueueController(CheckInService checkIns) {
        this.checkIns = checkIns;
    }

    @Operation(summary = "A doctor's queue of a day, by position", description = "date defaults to today.")
    @ApiResponse(responseCode = "200", description = "The queue")
    @ApiResponse(responseCode = "404", description = "DoctorNotFound")
    @GetMapping({"/api/v1/checkins/doctors/{doctor_id}/queue", "/api/v1/doctors/{doctor_id}/queue"})
    ResponseEntity<List<QueueEntryResponse>> queue(
            @PathVariable("doctor_id") UUID doctorId,
            @RequestParam(name = "date", required = false) LocalDate date,
            @Parameter(description = "waiting, called, served or skipped")
                    @RequestParam(name = "status", required = false)
                    String status,
            @ParameterObject PageParameters page) {
        QueueEntryStatus filter = status == null ? null : WireEnum.parameter(QueueEntryStatus.class, "status", status);
        return checkIns.queueOf(doctorId, dayOrToday(date), filter, page.request())
                .map(QueueEntryResponse::of)
                .toResponse();
    }

    @Operation(summary = "Call the next waiting patient", description = "date defaults to today.")
    @ApiResponse(responseCode = "200", description = "The entry now called")
    @ApiResponse(responseCode = "404", description = "QueueEmpty: nobody waits; DoctorNotFound")
    @PostMapping("/api/v1/doctors/{doctor_id}/queue/call-next")
    QueueEntryResponse callNext(
            @PathVariable("doctor_id") UUID doctorId,
            @RequestParam(name = "date", required = false) LocalDate date,
            @AuthenticationPrincipal Caller caller) {
        return QueueEntryResponse.of(checkIns.callNext(doctorId, dayOrToday(date), caller.id()));
    }

    @Operation(
            summary = "When is my turn: an appointment's place in its doctor's queue",
            description = "ahead counts the patients waiting before it; eta_minutes is (ahead, plus the patient"
                    + " with the doctor if any) × the minutes a patient takes, rounded up: the median time between"
                    + " the doctor's calls that day once there are 3 such gaps, else QUEUE_MINUTES_PER_PATIENT (10)."
                    + " 0 once called; null before check-in and after the visit.")
    @ApiResponse(responseCode = "200", description = "The appointment's place")
    @ApiResponse(responseCode = "404", description = "AppointmentNotFound")
    @GetMapping("/api/v1/appointments/{appointment_id}/queue-status")
    QueueStatusResponse queueStatus(@PathVariable("appointment_id") UUID appointmentId) {
        return checkIns.queueStatus(appointmentId);
    }

    @Operation(summary = "Waiting-room display: counts and positions", description = "date defaults to today.")
    @ApiResponse(responseCode = "200", description = "The summary")
    @ApiResponse(responseCode = "404", description = "DoctorNotFound")
    @GetMapping("/api/v1/doctors/{doctor_id}/queue/summary")
    QueueSummaryResponse summary(
            @PathVariable("doctor_id") UUID doctorId, @RequestParam(name = "date", required = false) LocalDate date) {
        return checkIns.summary(doctorId, dayOrToday(date));
    }

    @Operation(summary = "The called patient was seen: served, appointment completed")
    @ApiResponse(responseCode = "200", description = "The served entry")
    @ApiResponse(responseCode = "404", description = "QueueEntryNotFound")
    @ApiResponse(responseCode = "409", description = "InvalidQueueTransition: the entry is not called")
    @PostMapping("/api/v1/queue-entries/{entry_id}/serve")
    QueueEntryResponse serve(@PathVariable("entry_id") UUID entryId, @AuthenticationPrincipal Caller caller) {
        return QueueEntryResponse.of(checkIns.serve(entryId, caller.id()));
    }

    @Operation(summary = "The called patient is not there: skipped, appointment no-show")
    @ApiResponse(responseCode = "200", description = "The skipped entry")
    @ApiResponse(responseCode = "404", description = "QueueEntryNotFound")
    @ApiResponse(responseCode = "409", description = "InvalidQueueTransition: the entry is not called")
    @PostMapping("/api/v1/queue-entries/{entry_id}/skip")
    QueueEntryResponse skip(@PathVariable("entry_id") UUID entryId, @AuthenticationPrincipal Caller caller) {
        return QueueEntryResponse.of(checkIns.skip(entryId, caller.id()));
    }

    @Operation(summary = "A skipped patient is back: waiting again, at the end of the queue")
    @ApiResponse(responseCode = "200", description = "The entry with its new position")
    @ApiResponse(responseCode = "404", description = "QueueEntryNotFound")
    @ApiResponse(responseCode = "409", description = "InvalidQueueTransition: the entry is not skipped")
    @PostMapping("/api/v1/queue-entries/{entry_id}/requeue")
    QueueEntryResponse requeue(@PathVariable("entry_id") UUID entryId, @AuthenticationPrincipal Caller caller) {
        return QueueEntryResponse.of(checkIns.requeue(entryId, caller.id()));
    }

    private LocalDate dayOrToday(LocalDate date) {
        return date != null ? date : checkIns.today();
    }
}
