package app.clinic.patient;

import app.clinic.web.PageParameters;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.List;
import java.util.UUID;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Patients")
@RestController
@RequestMapping("/api/v1/patients")
class PatientController {

    private final PatientService patients;

    PatientController(PatientService patients) {
        this.patients = patients;
    }

    @Operation(
            summary = "Register a patient",
            description = "The phone is stored in E.164. Registering again with the same phone and name returns the"
                    + " existing patient (200); the same phone with another name is another patient (201).")
    @ApiResponse(responseCode = "201", description = "Registered")
    @ApiResponse(responseCode = "200", description = "Already registered with this phone and name")
    @ApiResponse(responseCode = "400", description = "ValidationError: one entry per invalid field in details")
    @PostMapping
    ResponseEntity<PatientResponse> register(@Valid @RequestBody RegisterPatientRequest request) {
        PatientService.Registration registration = patients.register(request);
        return ResponseEntity.status(registration.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(PatientResponse.of(registration.patient()));
    }

    @Operation(summary = "Get a patient")
    @ApiResponse(responseCode = "200", description = "The patient")
    @ApiResponse(responseCode = "404", description = "PatientNotFound")
    @GetMapping("/{patient_id}")
    PatientResponse get(@PathVariable("patient_id") UUID patientId) {
        return PatientResponse.of(patients.find(patientId));
    }

    @Operation(summary = "Find the patients on a phone number", description = "Any format; read as E.164.")
    @ApiResponse(responseCode = "200", description = "The patients sharing this number, oldest first")
    @ApiResponse(responseCode = "400", description = "InvalidParameter or ValidationError: missing or impossible phone")
    @GetMapping
    ResponseEntity<List<PatientResponse>> findByPhone(
            @Parameter(example = "+91 98765 43210") @RequestParam("phone") String phone,
            @ParameterObject PageParameters page) {
        return patients.findByPhone(phone, page.request())
                .map(PatientResponse::of)
                .toResponse();
    }
}
