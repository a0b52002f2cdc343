package app.clinic.booking;

import app.clinic.audit.AuditTrail;
import app.clinic.doctor.DoctorDay;
import app.clinic.doctor.DoctorService;
import app.clinic.live.LiveQueue;
import app.clinic.metrics.DomainMetrics;
import app.clinic.notify.NotificationType;
import app.clinic.notify.Notifications;
import app.clinic.patient.PatientService;
import app.clinic.web.ApiException;
import app.clinic.web.NotFoundException;
import app.clinic.web.Page;
import app.clinic.web.PageRequest;
import app.clinic.web.RequestLog;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionOperations;

/**
 * The booking rules and the whole life of an appointment: a doctor takes at most their daily limit of appointments a
 * day (places kept for walk-ins and held for waitlist offers counted as taken to the others), a patient holds at most one active appointment with a doctor a day, a retried request books once; then
 * booked → cancelled, or booked → checked in (on its day) → completed or no-show → checked in again. Each change
 * writes its history row, with who made it, and its live-queue event, in its own transaction. The database decides every race.
 */
@Service
public class BookingService {

    private final AppointmentRepository appointments;
    private final AppointmentHistoryRepository history;
    private final DayCapacityRepository capacity;
    private final DoctorService doctors;
    private final PatientService patients;
    private final Clock clock;
    private final DomainMetrics metrics;
    private final AuditTrail trail;
    private final LiveQueue liveQueue;
    private final Notifications notifications;
    private final WalkIns walkIns;
    private final ApplicationEventPublisher events;
    private final BookingWindow window;
    private final OpenDaysRepository openDays;
    private final TransactionOperations transactions;

    BookingService(
            AppointmentRepository appointments,
            AppointmentHistoryRepository history,
            DayCapacityRepository capacity,
            DoctorService doctors,
            PatientService patients,
            Clock clock,
            DomainMetrics metrics,
            AuditTrail trail,
            LiveQueue liveQueue,
            Notifications notifications,
            WalkIns walkIns,
            ApplicationEventPublisher events,
            BookingWindow window,
            OpenDaysRepository openDays,
            TransactionOperations transactions) {
        this.appointments = appointments;
        this.history = history;
        this.capacity = capacity;
        this.doctors = doctors;
        this.patients = patients;
        this.clock = clock;
        this.metrics = metrics;
        this.trail = trail;
        this.liveQueue = liveQueue;
        this.notifications = notifications;
        this.walkIns = walkIns;
        this.events = events;
        this.window = window;
        this.openDays = openDays;
        this.transactions = transactions;
    }

    /**
     * Books, or replays what the request's idempotency key booked. A request its standing refuses (an unknown
     * patient or doctor, a day outside the window or the doctor's, a duplicate, a full day) is refused on that one
     * read, before any transaction: under READ COMMITTED a statement sees what was committed when it began, in a
     * transaction or not, so the read decides as the transaction's first statement would, and a refusal needs no
     * BEGIN and ROLLBACK. What goes on is decided in the transaction by the locked claim of {@code book_place()},
     * sent with the booking's other writes and its COMMIT in one round trip, and a duplicate by the unique index:
     * their refusals come back as the commit fails. A key that booked before always goes on, to its replay.
     */
    Booking book(BookingCommand command) {
        trail.asksAbout(command.patientId()); // a refused booking's record names the patient too
        try {
            var request = command.newAppointment(walkIns.isWalkIn(command.caller(), command.date()));
            var standing = standingOf(request);
            if (!standing.keyUsed()) {
                requireBookable(request, standing);
            }
            Supplier<Booking> booking;
            try {
                booking = transactions.execute(transaction -> bookOrReplay(command, request, standing));
            } catch (DataAccessException failure) {
                throw placeRefusal(failure, request);
            }
            return booking.get();
        } catch (ApiException refusal) {
            metrics.bookingRefused(refusal.code());
            throw refusal;
        }
    }

    /** The booking, once the transaction that makes it has committed. */
    private Supplier<Booking> bookOrReplay(
            BookingCommand command,
            AppointmentRepository.NewAppointment request,
            AppointmentRepository.Standing standing) {
        trail.concerns(command.patientId());
        String key = command.idempotencyKey();
        if (key != null) {
            appointments.lockIdempotencyKey(command.idempotencyOwner(), key);
            var earlier = appointments.findByIdempotencyKey(command.idempotencyOwner(), key);
            if (earlier.isPresent()) {
                if (!command.samePayload(earlier.get())) {
                    throw new IdempotencyKeyReusedException(earlier.get());
                }
                RequestLog.put("appointment_id", earlier.get().id());
                RequestLog.put("replayed", true);
                trail.actsOn(earlier.get().id());
                metrics.bookingReplayed();
                Booking replayed = Booking.replayed(earlier.get());
                return () -> replayed;
            }
        }
        DoctorDay day = requireBookable(request, standing);
        UUID id = UUID.randomUUID();
        AtomicReference<Appointment> booked = new AtomicReference<>();
        appointments.bookPlaceAtCommit(id, request, day, walkInsReleased(request), appointment -> {
            RequestLog.put("slot", appointment.slot());
            booked.set(appointment);
        });
        recordBooked(id, request, null);
        metrics.bookingCreated();
        return () -> Booking.created(booked.get());
    }

    /**
     * Books the new day and cancels the old appointment together: if the new day refuses, nothing changes. The new
     * appointment takes an advance place, never a walk-in one; the old day's place goes to its waitlist, if any.
     */
    @Transactional
    Appointment reschedule(UUID appointmentId, RescheduleRequest request, UUID actor) {
        Appointment old = find(appointmentId);
        UUID doctorId = request.doctorId() != null ? request.doctorId() : old.doctorId();
        capacity.lockDays(old.doctorId(), old.date(), doctorId, request.date());
        Appointment rescheduled = moveTo(old, doctorId, request.date(), actor, null);
        RequestLog.put("rescheduled_from", old.id());
        return rescheduled;
    }

    /**
     * Cancels {@code old} and books its patient on the new day in the caller's transaction (the old day locked
     * first); the new appointment's event carries {@code reason}, if any.
     */
    private Appointment moveTo(Appointment old, UUID doctorId, LocalDate date, UUID actor, String reason) {
        Appointment cancelled =
                transition(old.id(), AppointmentStatus.BOOKED, AppointmentStatus.CANCELLED, "reschedule", actor);
        capacity.releasePlace(cancelled.doctorId(), cancelled.date(), cancelled.walkIn());
        Appointment rescheduled = bookNew(
                new AppointmentRepository.NewAppointment(
                        old.patientId(), doctorId, date, null, null, old.id(), actor, false),
                reason);
        events.publishEvent(new PlacesFreed(old.doctorId(), old.date()));
        return rescheduled;
    }

    /**
     * Cancels a booked appointment and frees its slot, which goes to the day's waitlist if anyone waits; cancelling
     * a cancelled one changes nothing.
     */
    @Transactional
    Appointment cancel(UUID appointmentId, UUID actor) {
        Appointment appointment = find(appointmentId);
        capacity.lockDays(appointment.doctorId(), appointment.date(), appointment.doctorId(), appointment.date());
        return cancelLocked(appointment, actor, null).orElseGet(() -> {
            Appointment current = find(appointmentId);
            if (current.status() == AppointmentStatus.CANCELLED) {
                return current;
            }
            throw new AppointmentStateException(current, "cancel");
        });
    }

    /** Cancels the appointment if it is still booked, its day locked by the caller; empty if it is not. */
    private Optional<Appointment> cancelLocked(Appointment appointment, UUID actor, String reason) {
        var cancelled = appointments.changeStatus(
                appointment.id(), AppointmentStatus.BOOKED, AppointmentStatus.CANCELLED, actor);
        if (cancelled.isEmpty()) {
            return Optional.empty();
        }
        capacity.releasePlace(appointment.doctorId(), appointment.date(), appointment.walkIn());
        recordChange(
                appointment.id(),
                AppointmentHistoryRepository.APPOINTMENT,
                AppointmentStatus.BOOKED.wire(),
                AppointmentStatus.CANCELLED.wire(),
                actor,
                NotificationType.APPOINTMENT_CANCELLED,
                reason);
        RequestLog.put("appointment_id", appointment.id());
        events.publishEvent(new PlacesFreed(appointment.doctorId(), appointment.date()));
        return cancelled;
    }

    /** Books now, in the caller's transaction; the new appointment's event carries {@code reason}, if any. */
    private Appointment bookNew(AppointmentRepository.NewAppointment request, String reason) {
        DoctorDay day = requireBookable(request, standingOf(request));
        UUID id = UUID.randomUUID();
        Appointment booked;
        try {
            booked = appointments.bookPlace(id, request, day, walkInsReleased(request));
        } catch (DataAccessException failure) {
            throw placeRefusal(failure, request);
        }
        recordBooked(id, request, reason);
        RequestLog.put("slot", booked.slot());
        return booked;
    }

    /** A refusal {@code book_place()} raised, as the answer names it; any other failure as it is. */
    private static RuntimeException placeRefusal(
            DataAccessException failure, AppointmentRepository.NewAppointment request) {
        return AppointmentRepository.PlaceRefusal.of(failure)
                .<RuntimeException>map(refusal -> refusal.dayFull()
                        ? new CapacityFullException(request.doctorId(), request.date())
                        : new DuplicateBookingException(refusal.activeAppointment()))
                .orElse(failure);
    }

    private AppointmentRepository.Standing standingOf(AppointmentRepository.NewAppointment request) {
        return appointments.standing(request, walkInsReleased(request), doctors.clinicDailyLimit());
    }

    /** A walk-in, or any booking once the day's walk-in places are released, may take the walk-in places too. */
    private boolean walkInsReleased(AppointmentRepository.NewAppointment request) {
        return request.walkIn() || walkIns.released(request.date());
    }

    /**
     * The rules a booking's standing must pass, in the order a refusal names the first one broken: the patient,
     * the booking window, the doctor's day, the patient's other booking that day, the day's places. A day seen full
     * is refused without waiting for its row lock: when a popular doctor's day sells out, the refusals then cost a
     * read only. A day seen open is decided by the locked claim.
     */
    private DoctorDay requireBookable(
            AppointmentRepository.NewAppointment request, AppointmentRepository.Standing standing) {
        if (!standing.patientExists()) {
            throw new NotFoundException("Patient", request.patientId());
        }
        requireWithinBookingWindow(request.date());
        DoctorDay day = doctors.requireBookable(request.doctorId(), request.date(), standing.day());
        if (standing.activeAppointment() != null) {
            throw new DuplicateBookingException(standing.activeAppointment());
        }
        if (standing.placesLeft() <= 0) {
            throw new CapacityFullException(request.doctorId(), request.date());
        }
        return day;
    }

    /** The appointment of a held place just taken, with its history row and events. */
    private Appointment insertBooked(AppointmentRepository.NewAppointment request, int othersBooked, String reason) {
        Appointment booked = appointments
                .insertAtLowestFreeSlot(request, othersBooked)
                .orElseThrow(() -> new DuplicateBookingException(appointments
                        .findActive(request.patientId(), request.doctorId(), request.date())
                        .map(Appointment::id)
                        .orElseThrow()));
        recordBooked(booked.id(), request, reason);
        RequestLog.put("slot", booked.slot());
        return booked;
    }

    /** A new appointment's history row, events and audit, in the booking's transaction. */
    private void recordBooked(UUID appointmentId, AppointmentRepository.NewAppointment request, String reason) {
        recordChange(
                appointmentId,
                AppointmentHistoryRepository.APPOINTMENT,
                null,
                AppointmentStatus.BOOKED.wire(),
                request.actor(),
                request.rescheduledFrom() != null
                        ? NotificationType.APPOINTMENT_RESCHEDULED
                        : NotificationType.APPOINTMENT_BOOKED,
                reason);
        RequestLog.put("appointment_id", appointmentId);
        trail.actsOn(appointmentId);
    }

    /**
     * A doctor's day cancelled in one step: the doctor is marked absent, the day's waitlist closes, and each booked
     * appointment, in token order, is cancelled or moved to the doctor's next open day with a place left for it
     * (one it is not booked on already; if none, it is cancelled), each with its event carrying the reason. Today's
     * checked-in patients are left in the queue and reported. All in one transaction; the day's row is locked
     * first and each target day's before its places are counted, so limits hold against concurrent bookings.
     */
    @Transactional
    DayCancellation cancelDay(UUID doctorId, LocalDate date, CancelDayRequest request, UUID actor) {
        window.requireNotPast(date);
        CancelDayRequest.Action action = request.parsedAction();
        doctors.markAbsent(doctorId, date, request.reason());
        events.publishEvent(new DayCancelled(doctorId, date));
        capacity.lockDays(doctorId, date, doctorId, date);
        List<Appointment> booked = appointments.findOnDay(doctorId, date, AppointmentStatus.BOOKED);
        List<Appointment> checkedIn = appointments.findOnDay(doctorId, date, AppointmentStatus.CHECKED_IN);
        trail.concerns(Stream.concat(booked.stream(), checkedIn.stream())
                .map(Appointment::patientId)
                .toList());
        List<OpenDaysRepository.OpenDay> candidates = action == CancelDayRequest.Action.MOVE_TO_NEXT_OPEN_DAY
                ? openDays.ofDoctor(
                        doctorId,
                        date.plusDays(1),
                        window.lastBookable(LocalDate.MAX),
                        doctors.clinicDailyLimit(),
                        null)
                : List.of();
        List<DayCancellation.Outcome> outcomes = new ArrayList<>();
        for (Appointment appointment : booked) {
            Appointment movedTo = candidates.stream()
                    .map(OpenDaysRepository.OpenDay::date)
                    .filter(candidate -> appointments
                            .findActive(appointment.patientId(), doctorId, candidate)
                            .isEmpty())
                    .filter(candidate -> capacity.lockPlacesLeft(doctors.day(doctorId, candidate), false) > 0)
                    .findFirst()
                    .map(candidate -> moveTo(appointment, doctorId, candidate, actor, request.reason()))
                    .orElse(null);
            if (movedTo == null) {
                cancelLocked(appointment, actor, request.reason());
            }
            outcomes.add(new DayCancellation.Outcome(appointment, movedTo));
        }
        RequestLog.put("doctor_id", doctorId);
        RequestLog.put("appointments", outcomes.size());
        return new DayCancellation(doctorId, date, action, request.reason(), outcomes, checkedIn);
    }

    /**
     * Locks the doctor-day and answers how many places the waitlist may hold on it now: those an advance booking
     * could take. None on a day the doctor does not work or that has gone by. The lock lasts until the caller's
     * transaction ends, so one transaction at a time counts and holds a day's places, on whichever instance.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public int lockPlacesToHold(UUID doctorId, LocalDate date) {
        DoctorDay day = doctors.day(doctorId, date);
        if (!day.present() || date.isBefore(LocalDate.now(clock))) {
            return 0;
        }
        return capacity.lockPlacesLeft(day, walkIns.released(date));
    }

    /** Holds one place of a day locked by {@link #lockPlacesToHold} for a waitlist offer. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void holdPlace(UUID doctorId, LocalDate date) {
        capacity.changeHeld(doctorId, date, 1);
    }

    /** Gives back a place held for an offer that was declined, expired or withdrawn. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void releaseHeldPlace(UUID doctorId, LocalDate date) {
        capacity.changeHeld(doctorId, date, -1);
    }

    /**
     * Books the place held for the patient's waitlist offer: it was counted when it was held, so only the day
     * (gone by, or the doctor absent since) and the patient's other bookings can refuse it now.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Appointment bookHeldPlace(UUID patientId, UUID doctorId, LocalDate date, UUID actor) {
        trail.concerns(patientId);
        requireWithinBookingWindow(date);
        doctors.requireBookable(doctorId, date); // marked absent since the offer was made
        var active = appointments.findActive(patientId, doctorId, date);
        if (active.isPresent()) {
            throw new DuplicateBookingException(active.get().id());
        }
        int taken = capacity.claimHeldPlace(doctorId, date);
        Appointment booked = insertBooked(
                new AppointmentRepository.NewAppointment(patientId, doctorId, date, null, null, null, actor, false),
                taken - 1,
                null);
        metrics.bookingCreated();
        return booked;
    }

    /** Refuses (422) a day gone by or beyond BOOKING_HORIZON_DAYS. */
    public void requireWithinBookingWindow(LocalDate date) {
        window.require(date);
    }

    @Transactional(readOnly = true)
    public Appointment find(UUID appointmentId) {
        Appointment appointment = appointments
                .findById(appointmentId)
                .orElseThrow(() -> new NotFoundException("Appointment", appointmentId));
        trail.concerns(appointment.patientId());
        return appointment;
    }

    /**
     * Checks the patient in for the appointment, on its day only; locked until the caller's transaction ends, in
     * which the caller queues the patient.
     */
    @Transactional
    public Appointment checkIn(UUID appointmentId, UUID patientId, UUID actor) {
        trail.concerns(patientId);
        trail.actsOn(appointmentId);
        LocalDate today = LocalDate.now(clock);
        // The common case in one statement; a refusal then reads the appointment to say which rule refused it.
        Appointment checkedIn = appointments
                .checkIn(appointmentId, patientId, today, actor)
                .orElseThrow(() -> checkInRefusal(appointmentId, patientId, today));
        recordChange(
                appointmentId,
                AppointmentHistoryRepository.APPOINTMENT,
                AppointmentStatus.BOOKED.wire(),
                AppointmentStatus.CHECKED_IN.wire(),
                actor,
                null, // its notice is the caller's, once the patient has a place in the queue
                null);
        return checkedIn;
    }

    /**
     * Why an appointment could not be checked in. Its status never returns to booked, so the rule that refused the
     * update still refuses it when it is read here.
     */
    private ApiException checkInRefusal(UUID appointmentId, UUID patientId, LocalDate today) {
        Appointment appointment = appointments
                .findById(appointmentId)
                .orElseThrow(() -> new NotFoundException("Appointment", appointmentId));
        if (!appointment.patientId().equals(patientId)) {
            return CheckInRefusedException.wrongPatient(appointment);
        }
        if (appointment.status() == AppointmentStatus.CHECKED_IN) {
            return CheckInRefusedException.alreadyCheckedIn(appointment);
        }
        if (appointment.status() != AppointmentStatus.BOOKED) {
            return new AppointmentStateException(appointment, "check in");
        }
        return CheckInRefusedException.notToday(appointment, today);
    }

    /** The doctor saw the patient. */
    @Transactional
    public Appointment complete(UUID appointmentId, UUID actor) {
        return transition(appointmentId, AppointmentStatus.CHECKED_IN, AppointmentStatus.COMPLETED, "complete", actor);
    }

    /** The patient was called and was not there. */
    @Transactional
    public Appointment markNoShow(UUID appointmentId, UUID actor) {
        return transition(
                appointmentId, AppointmentStatus.CHECKED_IN, AppointmentStatus.NO_SHOW, "mark as no-show", actor);
    }

    /** A patient marked no-show turned up after all: checked in again. */
    @Transactional
    public Appointment returnFromNoShow(UUID appointmentId, UUID actor) {
        return transition(
                appointmentId, AppointmentStatus.NO_SHOW, AppointmentStatus.CHECKED_IN, "return from no-show", actor);
    }

    /** The queue's moves go into the appointment's history, beside its own status changes. */
    @Transactional
    public void recordQueueEntryChange(UUID appointmentId, String from, String to, UUID actor) {
        recordChange(
                appointmentId, AppointmentHistoryRepository.QUEUE_ENTRY, from, to, actor, queueNotice(from, to), null);
    }

    /** A check-in is told once its queue entry exists, so that it carries the patient's place. */
    private static NotificationType queueNotice(String from, String to) {
        if (from == null) {
            return NotificationType.APPOINTMENT_CHECKED_IN;
        }
        return switch (to) {
            case "called" -> NotificationType.QUEUE_CALLED;
            case "skipped" -> NotificationType.QUEUE_SKIPPED;
            default -> null;
        };
    }

    @Transactional(readOnly = true)
    List<HistoryEntry> historyOf(UUID appointmentId) {
        find(appointmentId);
        return history.findByAppointment(appointmentId);
    }

    /** Moves the status only from {@code from}; else the appointment's status refuses the {@code action}. */
    private Appointment transition(
            UUID appointmentId, AppointmentStatus from, AppointmentStatus to, String action, UUID actor) {
        Appointment changed = appointments
                .changeStatus(appointmentId, from, to, actor)
                .orElseThrow(() -> new AppointmentStateException(find(appointmentId), action));
        trail.concerns(changed.patientId());
        // its notice, if any, is the caller's
        recordChange(
                appointmentId, AppointmentHistoryRepository.APPOINTMENT, from.wire(), to.wire(), actor, null, null);
        return changed;
    }

    /**
     * Every change writes its history row and its live-queue event, and the outside's notice of it if it has one
     * (with the reason given for it, if any), in the change's transaction.
     */
    private void recordChange(
            UUID appointmentId,
            String subject,
            String from,
            String to,
            UUID actor,
            NotificationType notice,
            String reason) {
        history.record(appointmentId, subject, from, to, actor);
        liveQueue.changed(appointmentId, subject, from, to);
        if (notice != null) {
            notifications.appointmentChanged(notice, appointmentId, reason);
        }
    }

    /** A day's list names every patient it returns in its audit record. */
    @Transactional(readOnly = true)
    Page<Appointment> doctorDay(UUID doctorId, LocalDate date, AppointmentStatus status, PageRequest page) {
        doctors.requireExists(doctorId);
        Page<Appointment> day = page.page(
                appointments.findByDoctorDay(doctorId, date, status, page),
                appointment -> List.of(appointment.slot(), appointment.createdAt(), appointment.id()));
        trail.concerns(day.items().stream().map(Appointment::patientId).toList());
        return day;
    }

    @Transactional(readOnly = true)
    Page<Appointment> ofPatient(UUID patientId, PageRequest page) {
        patients.requireExists(patientId);
        trail.concerns(patientId);
        LocalDate today = LocalDate.now(clock);
        return page.page(
                appointments.findByPatient(patientId, today, page),
                appointment -> List.of(
                        appointment.date().isBefore(today),
                        Math.abs(ChronoUnit.DAYS.between(today, appointment.date())),
                        appointment.slot(),
                        appointment.createdAt(),
                        appointment.id()));
    }

    @Transactional(readOnly = true)
    CapacityResponse capacityOf(UUID doctorId, LocalDate date) {
        DoctorDay day = doctors.day(doctorId, date);
        DayCapacityRepository.Places places = capacity.places(day, walkIns.released(date));
        return new CapacityResponse(
                doctorId,
                date,
                day.dailyLimit(),
                places.booked(),
                places.left(),
                day.present(),
                day.walkInPlaces(),
                places.walkIns(),
                places.held());
    }

    LocalDate today() {
        return LocalDate.now(clock);
    }
}
