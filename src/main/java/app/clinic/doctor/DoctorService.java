package app.clinic.doctor;

import app.clinic.config.ClinicProperties;
import app.clinic.web.InvalidRequestException;
import app.clinic.web.NotFoundException;
import app.clinic.web.Page;
import app.clinic.web.PageRequest;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Doctors and their daily attendance; booking asks it whether and how much a doctor can take on a day. */
@Service
public class DoctorService {

    static final int MAX_RANGE_DAYS = 92;

    private final DoctorRepository doctors;
    private final AvailabilityRepository availability;
    private final int defaultDailyLimit;

    DoctorService(DoctorRepository doctors, AvailabilityRepository availability, ClinicProperties properties) {
        this.doctors = doctors;
        this.availability = availability;
        this.defaultDailyLimit = properties.maxAppointmentsPerDoctorPerDay();
    }

    @Transactional
    Doctor create(CreateDoctorRequest request) {
        Doctor doctor = new Doctor(
                UUID.randomUUID(),
                request.name(),
                request.code(),
                blankToNull(request.specialty()),
                request.maxAppointmentsPerDay(),
                null,
                null);
        return doctors.insertUnlessCodeTaken(doctor).orElseThrow(() -> new DuplicateDoctorCodeException(doctor.code()));
    }

    @Transactional(readOnly = true)
    Doctor find(UUID id) {
        return doctors.findById(id).orElseThrow(() -> new NotFoundException("Doctor", id));
    }

    @Transactional(readOnly = true)
    Page<Doctor> list(String specialty, PageRequest page) {
        return page.page(doctors.findAll(blankToNull(specialty), page), doctor -> List.of(doctor.name(), doctor.id()));
    }

    @Transactional
    Doctor update(UUID id, UpdateDoctorRequest change) {
        if (change.has("specialty")) {
            change.setSpecialty(blankToNull(change.getSpecialty()));
        }
        if (change.has("name") && change.getName() == null) {
            throw new InvalidRequestException("name", "must not be null");
        }
        return doctors.update(id, change).orElseThrow(() -> new NotFoundException("Doctor", id));
    }

    @Transactional
    AvailabilityRepository.Upserted setAvailability(UUID doctorId, SetAvailabilityRequest request) {
        requireExists(doctorId);
        return availability.upsert(doctorId, request.date(), request.isPresent(), blankToNull(request.notes()));
    }

    @Transactional(readOnly = true)
    Availability availabilityOn(UUID doctorId, LocalDate date) {
        requireExists(doctorId);
        return availability.find(doctorId, date).orElseThrow(() -> new AvailabilityNotSetException(doctorId, date));
    }

    @Transactional(readOnly = true)
    List<Availability> availabilityBetween(UUID doctorId, LocalDate from, LocalDate to) {
        if (to.isBefore(from)) {
            throw new InvalidRequestException("to", "must not be before from");
        }
        if (ChronoUnit.DAYS.between(from, to) + 1 > MAX_RANGE_DAYS) {
            throw new InvalidRequestException(
                    "InvalidParameter",
                    "A range covers at most " + MAX_RANGE_DAYS + " days",
                    Map.of("to", "must be at most " + MAX_RANGE_DAYS + " days after from, inclusive"));
        }
        requireExists(doctorId);
        return availability.findRange(doctorId, from, to);
    }

    /** The doctor's limit and presence on a day; a doctor with no availability record is present. */
    @Transactional(readOnly = true)
    public DoctorDay day(UUID doctorId, LocalDate date) {
        DoctorRepository.DayTerms terms =
                doctors.findDayTerms(doctorId, date).orElseThrow(() -> new NotFoundException("Doctor", doctorId));
        int limit = terms.ownLimit() != null ? terms.ownLimit() : defaultDailyLimit;
        return new DoctorDay(doctorId, date, limit, !Boolean.FALSE.equals(terms.present()));
    }

    /** As {@link #day}, refusing (422 DoctorUnavailable) a day the doctor is marked absent. */
    @Transactional(readOnly = true)
    public DoctorDay requireBookable(UUID doctorId, LocalDate date) {
        DoctorDay day = day(doctorId, date);
        if (!day.present()) {
            throw new DoctorUnavailableException(doctorId, date);
        }
        return day;
    }

    @Transactional(readOnly = true)
    public void requireExists(UUID doctorId) {
        if (!doctors.exists(doctorId)) {
            throw new NotFoundException("Doctor", doctorId);
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
