package app.clinic.booking;

import app.clinic.access.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Appointments")
@RestController
@RequestMapping("/api/v1/appointments")
class AppointmentController {

    static final String REPLAYED_HEADER = "Idempotent-Replayed";

    private final BookingService booking;

    AppointmentController(BookingService booking) {
        this.booking = booking;
    }

    @Operation(
            summary = "Book an appointment",
            description = "Takes the lowest free token (slot) of the doctor's day. With an idempotency key (body"
                    + " idempotency_key or Idempotency-Key header), a repeat returns the original appointment"
                    + " without taking another slot. A key belongs to the caller that sent it (another caller's"
                    + " same key books on its own) and is kept IDEMPOTENCY_KEY_RETENTION, 7 days by default;"
                    + " after that it is forgotten and a repeat books anew.")
    @ApiResponse(
            responseCode = "201",
            description = "Booked, or replayed for a repeated idempotency key",
            headers = @Header(name = REPLAYED_HEADER, description = "true when an earlier request booked it"))
    @ApiResponse(responseCode = "404", description = "PatientNotFound, DoctorNotFound")
    @ApiResponse(
            responseCode = "409",
            description = "CapacityFull: no available slots; DuplicateBooking: the patient already has one that day")
    @ApiResponse(
            responseCode = "422",
            description = "DoctorUnavailable, DateInPast, DateBeyondHorizon, IdempotencyKeyReused (other payload)")
    @PostMapping
    ResponseEntity<AppointmentResponse> book(
            @Valid @RequestBody BookAppointmentRequest request,
            @Parameter(description = "Alternative to the body's idempotency_key")
                    @RequestHeader(name = "Idempotency-Key", required = false)
                    String keyHeader,
            @AuthenticationPrincipal Caller caller) {
        Booking booked = booking.book(BookingCommand.of(request, keyHeader, caller));
        var response = ResponseEntity.status(HttpStatus.CREATED);
        if (booked.replayed()) {
            response.header(REPLAYED_HEADER, "true");
        }
        return response.body(AppointmentResponse.of(booked.appointment()));
    }

    @Operation(summary = "Get an appointment")
    @ApiResponse(responseCode = "200", description = "The appointment")
    @ApiResponse(responseCode = "404", description = "AppointmentNotFound")
    @GetMapping("/{appointment_id}")
    AppointmentResponse get(@PathVariable("appointment_id") UUID appointmentId) {
        return AppointmentResponse.of(booking.find(appointmentId));
    }

    @Operation(
            summary = "Cancel an appointment",
            description = "The slot returns to the pool. Cancelling a cancelled appointment returns it unchanged.")
    @ApiResponse(responseCode = "200", description = "Cancelled")
    @ApiResponse(responseCode = "404", description = "AppointmentNotFound")
    @ApiResponse(responseCode = "409", description = "InvalidAppointmentStatus: checked in, completed or no-show")
    @PostMapping("/{appointment_id}/cancel")
    AppointmentResponse cancel(
            @PathVariable("appointment_id") UUID appointmentId, @AuthenticationPrincipal Caller caller) {
        return AppointmentResponse.of(booking.cancel(appointmentId, caller.id()));
    }

    @Operation(
            summary = "Move an appointment to another day (and optionally doctor)",
            description = "Books the new day and cancels the old appointment in one transaction: if the new day is"
                    + " refused, the old appointment stays booked.")
    @ApiResponse(responseCode = "201", description = "The new appointment, with rescheduled_from")
    @ApiResponse(responseCode = "404", description = "AppointmentNotFound, DoctorNotFound")
    @ApiResponse(responseCode = "409", description = "CapacityFull, DuplicateBooking, InvalidAppointmentStatus")
    @ApiResponse(responseCode = "422", description = "DoctorUnavailable, DateInPast, DateBeyondHorizon")
    @PostMapping("/{appointment_id}/reschedule")
    ResponseEntity<AppointmentResponse> reschedule(
            @PathVariable("appointment_id") UUID appointmentId,
            @Valid @RequestBody RescheduleRequest request,
            @AuthenticationPrincipal Caller caller) {
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(AppointmentResponse.of(booking.reschedule(appointmentId, request, caller.id())));
    }

    /** One status change of the appointment or of its queue entry. */
    record HistoryEntryResponse(
            @Schema(allowableValues = {"appointment", "queue_entry"})
            String subject,

            @Schema(description = "Null for the first status")
            String fromStatus,

            String toStatus,

            @Schema(description = "The user's or API client's id; null before history was kept")
            UUID changedBy,

            OffsetDateTime changedAt) {

        static HistoryEntryResponse of(HistoryEntry entry) {
            return new HistoryEntryResponse(
                    entry.subject(), entry.fromStatus(), entry.toStatus(), entry.changedBy(), entry.changedAt());
        }
    }

    @Operation(summary = "Every status change of an appointment and of its queue entry, oldest first, with who made it")
    @ApiResponse(responseCode = "200", description = "The history")
    @ApiResponse(responseCode = "404", description = "AppointmentNotFound")
    @GetMapping("/{appointment_id}/history")
    List<HistoryEntryResponse> history(@PathVariable("appointment_id") UUID appointmentId) {
        return booking.historyOf(appointmentId).stream()
                .map(HistoryEntryResponse::of)
                .toList();
    }
}
