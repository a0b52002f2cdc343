package app.clinic.booking;

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
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Read views of bookings: a doctor's day, a patient's appointments, a day's free places. */
@Tag(name = "Appointments")
@RestController
class ScheduleController {

    private final BookingService booking;

    ScheduleController(BookingService booking) {
        this.booking = booking;
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
}
