package app.clinic.doctor;

import app.clinic.config.ClinicProperties;
import app.clinic.web.InvalidRequestException;
import app.clinic.web.NotFoundException;
import app.clinic.web.Page;
import app.clinic.web.PageRequest;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Doctors, their rosters and daily attendance; booking asks it whether and how much a doctor can take on a day, by
 * the one rule of {@code doctor_day()}. A change that may move a day's places or presence publishes {@link
 * DoctorDaysChanged} in its transaction.
 */
@Service
public class DoctorService {

    static final int MAX_RANGE_DAYS = 92;

    private final DoctorRepository doctors;
    private final AvailabilityRepository availability;
    private final RosterRepository rosters;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final int defaultDailyLimit;

    DoctorService(
            DoctorRepository doctors,
            AvailabilityRepository availability,
            RosterRepository rosters,
            ApplicationEventPublisher events,
            Clock clock,
            ClinicProperties properties) {
        this.doctors = doctors;
        this.availability = availability;
        this.rosters = rosters;
        this.events = events;
        this.clock = clock;
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
                request.walkInPlaces() != null ? request.walkInPlaces() : 0,
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
        if (change.has("walkInPlaces") && change.getWalkInPlaces() == null) {
            throw new InvalidRequestException("walk_in_places", "must not be null: 0 for none");
        }
        Doctor changed = doctors.update(id, change).orElseThrow(() -> new NotFoundException("Doctor", id));
        if (change.has("maxAppointmentsPerDay") || change.has("walkInPlaces")) {
            events.publishEvent(new DoctorDaysChanged(id));
        }
        return changed;
    }

    @Transactional
    AvailabilityRepository.Upserted setAvailability(UUID doctorId, SetAvailabilityRequest request) {
        requireExists(doctorId);
        var upserted = availability.upsert(
                doctorId, request.date(), request.isPresent(), request.dailyLimit(), blankToNull(request.notes()));
        events.publishEvent(new DoctorDaysChanged(doctorId));
        return upserted;
    }

    /** Marks the doctor absent on the day, with the reason as the day's note: the first step of cancelling it. */
    @Transactional
    public void markAbsent(UUID doctorId, LocalDate date, String reason) {
        requireExists(doctorId);
        availability.upsert(doctorId, date, false, null, reason);
    }

    @Transactional
    Roster setRoster(UUID doctorId, SetRosterRequest request) {
        requireExists(doctorId);
        rosters.replace(request.toRoster(doctorId));
        events.publishEvent(new DoctorDaysChanged(doctorId));
        return rosters.find(doctorId).orElseThrow();
    }

    @Transactional(readOnly = true)
    Roster roster(UUID doctorId) {
        requireExists(doctorId);
        return rosters.find(doctorId).orElseThrow(() -> new RosterNotSetException(doctorId));
    }

    @Transactional(readOnly = true)
    Availability availabilityOn(UUID doctorId, LocalDate date) {
        requireExists(doctorId);
        return availability.find(doctorId, date).orElseThrow(() -> new AvailabilityNotSetException(doctorId, date));
    }

    @Transactional(readOnly = true)
    List<Availability> availabilityBetween(UUID doctorId, LocalDate from, LocalDate to) {
        requireRange(from, to);
        requireExists(doctorId);
        return availability.findRange(doctorId, from, to);
    }

    /** As {@link #day} for every day from {@code from} to {@code to} (at most 92), in one query. */
    @Transactional(readOnly = true)
    List<DoctorDay> daysBetween(UUID doctorId, LocalDate from, LocalDate to) {
        requireRange(from, to);
        List<DoctorDay> days = doctors.findDays(doctorId, from, to, defaultDailyLimit);
        if (days.isEmpty()) {
            throw new NotFoundException("Doctor", doctorId);
        }
        return days;
    }

    private static void requireRange(LocalDate from, LocalDate to) {
        if (to.isBefore(from)) {
            throw new InvalidRequestException("to", "must not be before from");
        }
        if (ChronoUnit.DAYS.between(from, to) + 1 > MAX_RANGE_DAYS) {
            throw new InvalidRequestException(
                    "InvalidParameter",
                    "A range covers at most " + MAX_RANGE_DAYS + " days",
                    Map.of("to", "must be at most " + MAX_RANGE_DAYS + " days after from, inclusive"));
        }
    }

    /** The doctor's limit, presence and walk-in places on a day. */
    @Transactional(readOnly = true)
    public DoctorDay day(UUID doctorId, LocalDate date) {
        return doctors.findDay(doctorId, date, defaultDailyLimit)
                .orElseThrow(() -> new NotFoundException("Doctor", doctorId));
    }

    LocalDate today() {
        return LocalDate.now(clock);
    }

    /** The clinic's limit, for queries that apply the rule of {@code doctor_day()} themselves. */
    public int clinicDailyLimit() {
        return defaultDailyLimit;
    }

    /** As {@link #day}, refusing (422 DoctorUnavailable) a day the doctor is marked absent. */
    @Transactional(readOnly = true)
    public DoctorDay requireBookable(UUID doctorId, LocalDate date) {
        return requireBookable(doctorId, date, day(doctorId, date));
    }

    /**
     * The same for a day the caller read by {@code doctor_day()} in a query of its own ({@code null} for an unknown
     * doctor), which saves the booking path a round trip.
     */
    public DoctorDay requireBookable(UUID doctorId, LocalDate date, DoctorDay day) {
        if (day == null) {
            throw new NotFoundException("Doctor", doctorId);
        }
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
