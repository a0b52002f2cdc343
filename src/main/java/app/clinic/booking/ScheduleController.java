package app.clinic.booking;

import app.clinic.access.Caller;
import app.clinic.web.PageParameters;
import app.clinic.web.WireEnum;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A doctor's days: their appointments, a patient's appointments, a day's free places, the open days of a range, and a
 * day cancelled in one step.
 */
@Tag(name = "Appointments")
@RestController
class ScheduleController {

    private final BookingService booking;
    private final OpenDays openDays;

    ScheduleController(BookingService booking, OpenDays openDays) {
        this.booking = booking;
        this.openDays = openDays;
    }

    @Operation(summary = "A doctor's appointments of a day, by slot", description = "date defaults to today.")
    @ApiResponse(responseCode = "200", description = "The day's appointments, cancelled ones included")
    @ApiResponse(responseCode = "404", description = "DoctorNotFound")
    @GetMapping({"/api/v1/doctors/{doctor_id}/appointments", "/api/v1/appointments/doctors/{doctor_id}/appointments"})
    ResponseEntity<List<AppointmentResponse>> doctorDay(
            @PathVariable("doctor_id") UUID doctorId,
            @RequestParam(name = "date", required = false) LocalDate date,
            @Parameter(description = "booked, cancelled, checked_in, completed or no_show")
                    @RequestParam(name = "status", required = false)
                    String status,
            @ParameterObject PageParameters page) {
        AppointmentStatus filter =
                status == null ? null : WireEnum.parameter(AppointmentStatus.class, "status", status);
        return booking.doctorDay(doctorId, date != null ? date : booking.today(), filter, page.request())
                .map(AppointmentResponse::of)
                .toResponse();
    }

    @Operation(summary = "A patient's appointments, upcoming first")
    @ApiResponse(responseCode = "200", description = "Upcoming soonest first, then past latest first")
    @ApiResponse(responseCode = "404", description = "PatientNotFound")
    @GetMapping("/api/v1/patients/{patient_id}/appointments")
    ResponseEntity<List<AppointmentResponse>> ofPatient(
            @PathVariable("patient_id") UUID patientId, @ParameterObject PageParameters page) {
        return booking.ofPatient(patientId, page.request())
                .map(AppointmentResponse::of)
                .toResponse();
    }

    @Operation(summary = "How many places a doctor has left on a day", description = "date defaults to today.")
    @ApiResponse(responseCode = "200", description = "Capacity, booked, remaining and attendance")
    @ApiResponse(responseCode = "404", description = "DoctorNotFound")
    @GetMapping("/api/v1/doctors/{doctor_id}/capacity")
    CapacityResponse capacity(
            @PathVariable("doctor_id") UUID doctorId, @RequestParam(name = "date", required = false) LocalDate date) {
        return booking.capacityOf(doctorId, date != null ? date : booking.today());
    }

    /** A day of a doctor with places left to an advance booking. */
    record OpenDayResponse(LocalDate date, int remaining) {}

    record DoctorOpenDaysResponse(UUID doctorId, LocalDate from, int days, List<OpenDayResponse> openDays) {}

    @Operation(
            summary = "The days a doctor has places left, for the bot's \"when can I come?\"",
            description = "The dates from from (default today) for days days (default 14, at most 92) on which the"
                    + " doctor works (date record, else roster, else present) and an advance booking finds a place,"
                    + " with remaining: the limit less booked, held (waitlist offers) and unused walk-in places."
                    + " Days gone by or beyond BOOKING_HORIZON_DAYS are never open.")
    @ApiResponse(responseCode = "200", description = "The open days, in date order")
    @ApiResponse(responseCode = "400", description = "InvalidRequest: days outside 1..92")
    @ApiResponse(responseCode = "404", description = "DoctorNotFound")
    @GetMapping("/api/v1/doctors/{doctor_id}/open-days")
    DoctorOpenDaysResponse doctorOpenDays(
            @PathVariable("doctor_id") UUID doctorId,
            @RequestParam(name = "from", required = false) LocalDate from,
            @RequestParam(name = "days", required = false) Integer days) {
        OpenDays.Range range = OpenDays.Range.of(from, days, openDays.today());
        return new DoctorOpenDaysResponse(
                doctorId,
                range.from(),
                range.days(),
                openDays.ofDoctor(doctorId, range).stream()
                        .map(day -> new OpenDayResponse(day.date(), day.remaining()))
                        .toList());
    }

    /** A doctor's day with places left to an advance booking. */
    record ClinicOpenDayResponse(LocalDate date, UUID doctorId, String doctorName, String specialty, int remaining) {}

    record ClinicOpenDaysResponse(String specialty, LocalDate from, int days, List<ClinicOpenDayResponse> openDays) {}

    @Operation(
            summary = "The days any doctor (of a specialty) has places left",
            description = "As a doctor's open days, across doctors: by date, then doctor name.")
    @ApiResponse(responseCode = "200", description = "The open doctor-days")
    @ApiResponse(responseCode = "400", description = "InvalidRequest: days outside 1..92")
    @GetMapping("/api/v1/open-days")
    ClinicOpenDaysResponse clinicOpenDays(
            @RequestParam(name = "specialty", required = false) String specialty,
            @RequestParam(name = "from", required = false) LocalDate from,
            @RequestParam(name = "days", required = false) Integer days) {
        OpenDays.Range range = OpenDays.Range.of(from, days, openDays.today());
        return new ClinicOpenDaysResponse(
                specialty,
                range.from(),
                range.days(),
                openDays.ofClinic(specialty, range).stream()
                        .map(day -> new ClinicOpenDayResponse(
                                day.date(), day.doctorId(), day.doctorName(), day.specialty(), day.remaining()))
                        .toList());
    }

    @Operation(
            summary = "Cancel a doctor's day in one step",
            description = "Marks the doctor absent that day (the reason is the day's note), closes its waitlist and,"
                    + " in one transaction, cancels every booked appointment (action cancel) or moves each, in token"
                    + " order, to the doctor's next open day with a place left (action move_to_next_open_day; one"
                    + " that cannot be moved is cancelled). Each patient's appointment.cancelled or"
                    + " appointment.rescheduled event carries the reason. Patients already checked in (today) stay"
                    + " in the queue and are listed. Asking again changes nothing more.")
    @ApiResponse(responseCode = "200", description = "What happened to each appointment")
    @ApiResponse(responseCode = "400", description = "InvalidRequest: no reason, an unknown action")
    @ApiResponse(responseCode = "404", description = "DoctorNotFound")
    @ApiResponse(responseCode = "422", description = "DateInPast")
    @PostMapping("/api/v1/doctors/{doctor_id}/days/{date}/cancel")
    DayCancellationResponse cancelDay(
            @PathVariable("doctor_id") UUID doctorId,
            @PathVariable("date") LocalDate date,
            @Valid @RequestBody CancelDayRequest request,
            @AuthenticationPrincipal Caller caller) {
        return DayCancellationResponse.of(booking.cancelDay(doctorId, date, request, caller.id()));
    }
}
