package app.clinic.doctor;

import app.clinic.web.InvalidRequestException;
import app.clinic.web.PageParameters;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Doctors")
@RestController
@RequestMapping("/api/v1/doctors")
class DoctorController {

    private final DoctorService doctors;

    DoctorController(DoctorService doctors) {
        this.doctors = doctors;
    }

    @Operation(
            summary = "Add a doctor",
            description = "max_appointments_per_day overrides the clinic default; walk_in_places (default 0) of each"
                    + " day's places are kept for patients who walk in, booked only by the desk on the day.")
    @ApiResponse(responseCode = "201", description = "Added")
    @ApiResponse(responseCode = "409", description = "DuplicateDoctorCode: the code is taken (in any letter case)")
    @PostMapping
    ResponseEntity<DoctorResponse> create(@Valid @RequestBody CreateDoctorRequest request) {
        return ResponseEntity.status(HttpStatus.CREATED).body(DoctorResponse.of(doctors.create(request)));
    }

    @Operation(summary = "List doctors by name")
    @ApiResponse(responseCode = "200", description = "The doctors, optionally of one specialty")
    @GetMapping
    ResponseEntity<List<DoctorResponse>> list(
            @RequestParam(name = "specialty", required = false) String specialty,
            @ParameterObject PageParameters page) {
        return doctors.list(specialty, page.request()).map(DoctorResponse::of).toResponse();
    }

    @Operation(summary = "Get a doctor")
    @ApiResponse(responseCode = "200", description = "The doctor")
    @ApiResponse(responseCode = "404", description = "DoctorNotFound")
    @GetMapping("/{doctor_id}")
    DoctorResponse get(@PathVariable("doctor_id") UUID doctorId) {
        return DoctorResponse.of(doctors.find(doctorId));
    }

    @Operation(
            summary = "Change a doctor's name, specialty or daily limit",
            description =
                    "Fields left out are unchanged; max_appointments_per_day: null returns to the clinic" + " default.")
    @ApiResponse(responseCode = "200", description = "The changed doctor")
    @ApiResponse(responseCode = "404", description = "DoctorNotFound")
    @PatchMapping("/{doctor_id}")
    DoctorResponse update(@PathVariable("doctor_id") UUID doctorId, @Valid @RequestBody UpdateDoctorRequest request) {
        return DoctorResponse.of(doctors.update(doctorId, request));
    }

    @Operation(
            summary = "Set a doctor's attendance on a day",
            description = "An upsert on (doctor, date): 201 when it creates the record, 200 when it updates it. The"
                    + " record decides the day over the roster; daily_limit, if given, is that day's limit. A place"
                    + " it frees on a full day goes to the day's waitlist.")
    @ApiResponse(responseCode = "201", description = "Created")
    @ApiResponse(responseCode = "200", description = "Updated")
    @ApiResponse(responseCode = "404", description = "DoctorNotFound")
    @PostMapping("/{doctor_id}/availability")
    ResponseEntity<AvailabilityResponse> setAvailability(
            @PathVariable("doctor_id") UUID doctorId, @Valid @RequestBody SetAvailabilityRequest request) {
        AvailabilityRepository.Upserted upserted = doctors.setAvailability(doctorId, request);
        return ResponseEntity.status(upserted.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(AvailabilityResponse.of(upserted.availability()));
    }

    @Operation(
            summary = "Set a doctor's weekly roster",
            description = "Replaces the roster: the weekdays the doctor works from valid_from (until valid_until,"
                    + " if given), each with an optional limit and walk-in places. A date's own attendance record"
                    + " overrides it; outside its period the doctor is as without a roster, present unless a date"
                    + " says otherwise. A day's limit is the date's, else the weekday's, else the doctor's, else"
                    + " the clinic's.")
    @ApiResponse(responseCode = "200", description = "The roster now in force")
    @ApiResponse(
            responseCode = "400",
            description = "InvalidRequest: a period ending before it starts, a weekday twice")
    @ApiResponse(responseCode = "404", description = "DoctorNotFound")
    @PutMapping("/{doctor_id}/roster")
    RosterResponse setRoster(@PathVariable("doctor_id") UUID doctorId, @Valid @RequestBody SetRosterRequest request) {
        return RosterResponse.of(doctors.setRoster(doctorId, request));
    }

    @Operation(summary = "A doctor's weekly roster")
    @ApiResponse(responseCode = "200", description = "The roster")
    @ApiResponse(responseCode = "404", description = "DoctorNotFound, or RosterNotFound: the doctor has none")
    @GetMapping("/{doctor_id}/roster")
    RosterResponse roster(@PathVariable("doctor_id") UUID doctorId) {
        return RosterResponse.of(doctors.roster(doctorId));
    }

    /** A doctor's day as booking sees it, by the rule of date record, roster, doctor and clinic. */
    record DayResponse(LocalDate date, boolean isPresent, int dailyLimit, int walkInPlaces) {}

    @Operation(
            summary = "A doctor's days over a range, as booking sees them",
            description =
                    "For each day from from (default today) to to (default a week; at most 92 days): whether the doctor works and how many they take,"
                            + " by the one rule: the date's own record, else the roster's weekday within its period, else"
                            + " present; the limit the date's, else the weekday's, else the doctor's, else the clinic's.")
    @ApiResponse(responseCode = "200", description = "One entry per day, in date order")
    @ApiResponse(responseCode = "400", description = "InvalidParameter: to before from, or more than 92 days")
    @ApiResponse(responseCode = "404", description = "DoctorNotFound")
    @GetMapping("/{doctor_id}/days")
    List<DayResponse> days(
            @PathVariable("doctor_id") UUID doctorId,
            @RequestParam(name = "from", required = false) LocalDate from,
            @RequestParam(name = "to", required = false) LocalDate to) {
        LocalDate first = from != null ? from : doctors.today();
        return doctors.daysBetween(doctorId, first, to != null ? to : first.plusDays(6)).stream()
                .map(day -> new DayResponse(day.date(), day.present(), day.dailyLimit(), day.walkInPlaces()))
                .toList();
    }

    @Operation(
            summary = "A doctor's attendance on a day, or over a range",
            description = "With date: the record of that day. With from and to (at most 92 days): the records of"
                    + " the range, for a roster.")
    @ApiResponse(responseCode = "200", description = "The record, or a list of records for a range")
    @ApiResponse(
            responseCode = "404",
            description = "DoctorNotFound, or AvailabilityNotFound: no record, the doctor counts as available")
    @GetMapping("/{doctor_id}/availability")
    ResponseEntity<?> availability(
            @PathVariable("doctor_id") UUID doctorId,
            @RequestParam(name = "date", required = false) LocalDate date,
            @RequestParam(name = "from", required = false) LocalDate from,
            @RequestParam(name = "to", required = false) LocalDate to) {
        if (date != null) {
            return ResponseEntity.ok(AvailabilityResponse.of(doctors.availabilityOn(doctorId, date)));
        }
        if (from == null || to == null) {
            throw new InvalidRequestException(
                    "InvalidParameter",
                    "Give either date, or from and to",
                    Map.of(from == null ? "from" : "to", "is required when date is not given"));
        }
        return ResponseEntity.ok(doctors.availabilityBetween(doctorId, from, to).stream()
                .map(AvailabilityResponse::of)
                .toList());
    }
}
