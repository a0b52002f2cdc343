package app.clinic.patient;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

record RegisterPatientRequest(
        @NotBlank @Size(max = 100) String firstName,
        @Size(max = 100) String lastName,
        @Min(0) @Max(150) Integer age,
        @NotBlank @PossiblePhoneNumber String phone,
        @Email @Size(max = 254) String email) {

    @Override
    public String toString() {
        return "RegisterPatientRequest[redacted]";
    }
}
