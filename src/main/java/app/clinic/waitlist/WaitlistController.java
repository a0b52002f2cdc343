package app.clinic.waitlist;

import app.clinic.access.Caller;
import app.clinic.booking.AppointmentResponse;
import app.clinic.web.PageParameters;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Waitlist")
@RestController
class WaitlistController {

    private final WaitlistService waitlist;

    WaitlistController(WaitlistService waitlist) {
        this.waitlist = waitlist;
    }

    @Operation(
            summary = "Wait for a place on a full day",
            description = "When a place of the day frees up, the first patient waiting is offered it: the place is"
                    + " held for them for OFFER_HOLD_MINUTES (a waitlist.offered webhook tells the bot) and nobody"
                    + " else can book it meanwhile. Joining again answers the entry the patient has.")
    @ApiResponse(responseCode = "201", description = "On the waitlist")
    @ApiResponse(responseCode = "200", description = "Already on it: the open entry")
    @ApiResponse(responseCode = "404", description = "PatientNotFound, DoctorNotFound")
    @ApiResponse(
            responseCode = "409",
            description = "PlacesAvailable: the day is not full, book it; DuplicateBooking: booked that day already")
    @ApiResponse(responseCode = "422", description = "DoctorUnavailable, DateInPast, DateBeyondHorizon")
    @PostMapping("/api/v1/waitlist")
    ResponseEntity<WaitlistEntryResponse> join(
            @Valid @RequestBody JoinWaitlistRequest request, @AuthenticationPrincipal Caller caller) {
        WaitlistRepository.Joined joined =
                waitlist.join(request.patientId(), request.doctorId(), request.date(), caller.id());
        return ResponseEntity.status(joined.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(WaitlistEntryResponse.of(joined.entry()));
    }

    @Operation(
            summary = "Leave the waitlist",
            description = "A place held for the patient passes to the next in line. Leaving twice changes nothing.")
    @ApiResponse(responseCode = "200", description = "The entry, left")
    @ApiResponse(responseCode = "404", description = "WaitlistEntryNotFound")
    @ApiResponse(responseCode = "409", description = "WaitlistEntryClosed: booked, declined, expired or closed")
    @DeleteMapping("/api/v1/waitlist/{waitlist_entry_id}")
    WaitlistEntryResponse leave(
            @PathVariable("waitlist_entry_id") UUID entryId, @AuthenticationPrincipal Caller caller) {
        return WaitlistEntryResponse.of(waitlist.leave(entryId, caller.id()));
    }

    @Operation(summary = "A doctor-day's waitlist, in the order patients joined, with each open offer")
    @ApiResponse(responseCode = "200", description = "The entries, whatever their status")
    @ApiResponse(responseCode = "404", description = "DoctorNotFound")
    @GetMapping("/api/v1/waitlist")
    ResponseEntity<List<WaitlistEntryResponse>> ofDay(
            @RequestParam("doctor_id") UUID doctorId,
            @RequestParam("date") LocalDate date,
            @ParameterObject PageParameters page) {
        return waitlist.ofDay(doctorId, date, page.request())
                .map(WaitlistEntryResponse::of)
                .toResponse();
    }

    @Operation(summary = "A patient's waitlist entries, latest day first, with each open offer")
    @ApiResponse(responseCode = "200", description = "The entries")
    @ApiResponse(responseCode = "404", description = "PatientNotFound")
    @GetMapping("/api/v1/patients/{patient_id}/waitlist")
    ResponseEntity<List<WaitlistEntryResponse>> ofPatient(
            @PathVariable("patient_id") UUID patientId, @ParameterObject PageParameters page) {
        return waitlist.ofPatient(patientId, page.request())
                .map(WaitlistEntryResponse::of)
                .toResponse();
    }

    @Operation(
            summary = "Accept a held place: it is booked",
            description = "Accepting an accepted offer again answers the same appointment (200).")
    @ApiResponse(responseCode = "201", description = "Booked")
    @ApiResponse(responseCode = "200", description = "Accepted before: the same appointment")
    @ApiResponse(responseCode = "404", description = "WaitlistOfferNotFound")
    @ApiResponse(
            responseCode = "409",
            description = "OfferExpired, OfferClosed (declined or withdrawn), DuplicateBooking (booked that day"
                    + " meanwhile)")
    @PostMapping("/api/v1/waitlist/offers/{offer_id}/accept")
    ResponseEntity<AppointmentResponse> accept(
            @PathVariable("offer_id") UUID offerId, @AuthenticationPrincipal Caller caller) {
        WaitlistService.Accepted accepted = waitlist.accept(offerId, caller.id());
        return ResponseEntity.status(accepted.replayed() ? HttpStatus.OK : HttpStatus.CREATED)
                .body(AppointmentResponse.of(accepted.appointment()));
    }

    @Operation(
            summary = "Decline a held place: it passes to the next in line",
            description = "The patient leaves the waitlist. Declining twice changes nothing.")
    @ApiResponse(responseCode = "200", description = "The entry, declined")
    @ApiResponse(responseCode = "404", description = "WaitlistOfferNotFound")
    @ApiResponse(responseCode = "409", description = "OfferExpired, OfferClosed (accepted or withdrawn)")
    @PostMapping("/api/v1/waitlist/offers/{offer_id}/decline")
    WaitlistEntryResponse decline(@PathVariable("offer_id") UUID offerId, @AuthenticationPrincipal Caller caller) {
        return WaitlistEntryResponse.of(waitlist.decline(offerId, caller.id()));
    }
}
