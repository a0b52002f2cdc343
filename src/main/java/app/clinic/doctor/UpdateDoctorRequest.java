package app.clinic.doctor;

import app.clinic.config.ClinicProperties;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.HashSet;
import java.util.Set;

/**
 * A PATCH body. Not a record: a field left out changes nothing while a field sent as null clears it
 * (max_appointments_per_day null means "the clinic's default"), so the request remembers which fields it carried.
 */
class UpdateDoctorRequest {

    private final Set<String> present = new HashSet<>();

    @Size(min = 1, max = 200)
    @Pattern(regexp = ".*\\S.*", message = "must not be blank")
    private String name;

    @Size(max = 100)
    private String specialty;

    @Min(1)
    @Max(ClinicProperties.MAX_DAILY_CAPACITY)
    private Integer maxAppointmentsPerDay;

    @Min(0)
    @Max(ClinicProperties.MAX_DAILY_CAPACITY)
    private Integer walkInPlaces;

    public Integer getWalkInPlaces() {
        return walkInPlaces;
    }

    public void setWalkInPlaces(Integer walkInPlaces) {
        this.walkInPlaces = walkInPlaces;
        present.add("walkInPlaces");
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
        present.add("name");
    }

    public String getSpecialty() {
        return specialty;
    }

    public void setSpecialty(String specialty) {
        this.specialty = specialty;
        present.add("specialty");
    }

    public Integer getMaxAppointmentsPerDay() {
        return maxAppointmentsPerDay;
    }

    public void setMaxAppointmentsPerDay(Integer maxAppointmentsPerDay) {
        this.maxAppointmentsPerDay = maxAppointmentsPerDay;
        present.add("maxAppointmentsPerDay");
    }

    boolean has(String field) {
        return present.contains(field);
    }
}
