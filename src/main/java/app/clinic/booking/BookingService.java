package app.clinic.booking;

import app.clinic.audit.AuditTrail;
import app.clinic.config.ClinicProperties;
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
import java.util.List;
import java.util.OptionalInt;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The booking rules and the whole life of an appointment: a doctor takes at most their daily limit of appointments a
 * day, a patient holds at most one active appointment with a doctor a day, a retried request books once; then
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
    private final int bookingHorizonDays;

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
            ClinicProperties properties) {
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
        this.bookingHorizonDays = properties.bookingHorizonDays();
    }

    @Transactional
    Booking book(BookingCommand command) {
        trail.concerns(command.patientId()); // a refused booking's record names the patient too
        try {
            Booking booking = bookOrReplay(command);
            if (booking.replayed()) {
                metrics.bookingReplayed();
            } else {
                metrics.bookingCreated();
            }
            return booking;
        } catch (ApiException refusal) {
            metrics.bookingRefused(refusal.code());
            throw refusal;
        }
    }

    private Booking bookOrReplay(BookingCommand command) {
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
                return Booking.replayed(earlier.get());
            }
        }
        return Booking.created(bookNew(new AppointmentRepository.NewAppointment(
                command.patientId(),
                command.doctorId(),
                command.date(),
                key,
                command.idempotencyOwner(),
                null,
                command.caller())));
    }

    /** Books the new day and cancels the old appointment together: if the new day refuses, nothing changes. */
    @Transactional
    Appointment reschedule(UUID appointmentId, RescheduleRequest request, UUID actor) {
        Appointment old = find(appointmentId);
        UUID doctorId = request.doctorId() != null ? request.doctorId() : old.doctorId();
        capacity.lockDays(old.doctorId(), old.date(), doctorId, request.date());
        Appointment cancelled =
                transition(old.id(), AppointmentStatus.BOOKED, AppointmentStatus.CANCELLED, "reschedule", actor);
        capacity.releasePlace(cancelled.doctorId(), cancelled.date());
        Appointment rescheduled = bookNew(new AppointmentRepository.NewAppointment(
                old.patientId(), doctorId, request.date(), null, null, old.id(), actor));
        RequestLog.put("rescheduled_from", old.id());
        return rescheduled;
    }

    /** Cancels a booked appointment and frees its slot; cancelling a cancelled one changes nothing. */
    @Transactional
    Appointment cancel(UUID appointmentId, UUID actor) {
        Appointment appointment = find(appointmentId);
        capacity.lockDays(appointment.doctorId(), appointment.date(), appointment.doctorId(), appointment.date());
        var cancelled =
                appointments.changeStatus(appointmentId, AppointmentStatus.BOOKED, AppointmentStatus.CANCELLED, actor);
        if (cancelled.isEmpty()) {
            Appointment current = find(appointmentId);
            if (current.status() == AppointmentStatus.CANCELLED) {
                return current;
            }
            throw new AppointmentStateException(current, "cancel");
        }
        capacity.releasePlace(appointment.doctorId(), appointment.date());
        recordChange(
                appointmentId,
                AppointmentStatus.BOOKED,
                AppointmentStatus.CANCELLED,
                actor,
                NotificationType.APPOINTMENT_CANCELLED);
        RequestLog.put("appointment_id", appointmentId);
        return cancelled.get();
    }

    private Appointment bookNew(AppointmentRepository.NewAppointment request) {
        var standing = appointments.standing(request.patientId(), request.doctorId(), request.date());
        if (!standing.patientExists()) {
            throw new NotFoundException("Patient", request.patientId());
        }
        requireWithinBookingWindow(request.date());
        DoctorDay day = doctors.requireBookable(request.doctorId(), request.date());
        if (standing.activeAppointment() != null) {
            throw new DuplicateBookingException(standing.activeAppointment());
        }
        // A day seen full is refused without waiting for its row lock: when a popular doctor's day sells out,
        // the refusals then cost reads only. A day seen open is decided by the locked claim below.
        if (standing.placesTaken() >= day.dailyLimit()) {
            throw new CapacityFullException(request.doctorId(), request.date());
        }
        OptionalInt taken = capacity.claimPlace(request.doctorId(), request.date(), day.dailyLimit());
        if (taken.isEmpty()) {
            throw new CapacityFullException(request.doctorId(), request.date());
        }
        Appointment booked = appointments
                .insertAtLowestFreeSlot(request, taken.getAsInt() - 1)
                .orElseThrow(() -> new DuplicateBookingException(appointments
                        .findActive(request.patientId(), request.doctorId(), request.date())
                        .map(Appointment::id)
                        .orElseThrow()));
        recordChange(
                booked.id(),
                AppointmentHistoryRepository.APPOINTMENT,
                null,
                booked.status().wire(),
                request.actor(),
                request.rescheduledFrom() != null
                        ? NotificationType.APPOINTMENT_RESCHEDULED
                        : NotificationType.APPOINTMENT_BOOKED);
        RequestLog.put("appointment_id", booked.id());
        RequestLog.put("slot", booked.slot());
        trail.actsOn(booked.id());
        return booked;
    }

    private void requireWithinBookingWindow(LocalDate date) {
        LocalDate today = LocalDate.now(clock);
        LocalDate latest = today.plusDays(bookingHorizonDays);
        if (date.isBefore(today)) {
            throw BookingDateException.inPast(date, today, latest);
        }
        if (date.isAfter(latest)) {
            throw BookingDateException.beyondHorizon(date, today, latest);
        }
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
        Appointment appointment = appointments
                .lockById(appointmentId)
                .orElseThrow(() -> new NotFoundException("Appointment", appointmentId));
        if (!appointment.patientId().equals(patientId)) {
            throw CheckInRefusedException.wrongPatient(appointment);
        }
        if (appointment.status() == AppointmentStatus.CHECKED_IN) {
            throw CheckInRefusedException.alreadyCheckedIn(appointment);
        }
        if (appointment.status() != AppointmentStatus.BOOKED) {
            throw new AppointmentStateException(appointment, "check in");
        }
        LocalDate today = LocalDate.now(clock);
        if (!appointment.date().equals(today)) {
            throw CheckInRefusedException.notToday(appointment, today);
        }
        return transition(appointmentId, AppointmentStatus.BOOKED, AppointmentStatus.CHECKED_IN, "check in", actor);
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
        recordChange(appointmentId, AppointmentHistoryRepository.QUEUE_ENTRY, from, to, actor, queueNotice(from, to));
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
        recordChange(appointmentId, from, to, actor, null); // its notice, if any, is the caller's
        return changed;
    }

    private void recordChange(
            UUID appointmentId, AppointmentStatus from, AppointmentStatus to, UUID actor, NotificationType notice) {
        recordChange(appointmentId, AppointmentHistoryRepository.APPOINTMENT, from.wire(), to.wire(), actor, notice);
    }

    /**
     * Every change writes its history row and its live-queue event, and the outside's notice of it if it has one,
     * in the change's transaction.
     */
    private void recordChange(
            UUID appointmentId, String subject, String from, String to, UUID actor, NotificationType notice) {
        history.record(appointmentId, subject, from, to, actor);
        liveQueue.changed(appointmentId, subject, from, to);
        if (notice != null) {
            notifications.appointmentChanged(notice, appointmentId);
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
        int booked = capacity.booked(doctorId, date);
        return new CapacityResponse(
                doctorId, date, day.dailyLimit(), booked, Math.max(day.dailyLimit() - booked, 0), day.present());
    }

    LocalDate today() {
        return LocalDate.now(clock);
    }
}
