package app.clinic.checkin;

import app.clinic.audit.AuditTrail;
import app.clinic.booking.Appointment;
import app.clinic.booking.BookingService;
import app.clinic.config.ClinicProperties;
import app.clinic.doctor.DoctorService;
import app.clinic.metrics.DomainMetrics;
import app.clinic.notify.Notifications;
import app.clinic.web.NotFoundException;
import app.clinic.web.Page;
import app.clinic.web.PageRequest;
import app.clinic.web.RequestLog;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionOperations;

/** Check-in on the appointment day and the moves of the doctor's queue. */
@Service
class CheckInService {

    private final QueueRepository queue;
    private final BookingService booking;
    private final DoctorService doctors;
    private final Clock clock;
    private final DomainMetrics metrics;
    private final AuditTrail trail;
    private final Notifications notifications;
    private final int defaultMinutesPerPatient;
    private final TransactionOperations transactions;

    /** Gaps between calls a day needs before its own pace is trusted over the configured one. */
    static final int GAPS_FOR_OBSERVED_PACE = 3;

    CheckInService(
            QueueRepository queue,
            BookingService booking,
            DoctorService doctors,
            Clock clock,
            DomainMetrics metrics,
            AuditTrail trail,
            Notifications notifications,
            ClinicProperties properties,
            TransactionOperations transactions) {
        this.queue = queue;
        this.booking = booking;
        this.doctors = doctors;
        this.clock = clock;
        this.metrics = metrics;
        this.trail = trail;
        this.notifications = notifications;
        this.defaultMinutesPerPatient = properties.queueMinutesPerPatient();
        this.transactions = transactions;
    }

    /**
     * Checks the appointment in (booking's rules) and puts the patient at the end of the doctor's queue: two round
     * trips, the conditional update (a refusal ends there), then the queue entry with the change's other writes
     * and the COMMIT. The entry is answered once committed.
     */
    QueueEntry checkIn(CheckInRequest request, UUID actor) {
        AtomicReference<QueueEntry> queued = new AtomicReference<>();
        transactions.executeWithoutResult(transaction -> {
            Appointment appointment = booking.checkIn(request.appointmentId(), request.patientId(), actor);
            queue.enqueueAtCommit(appointment.id(), appointment.doctorId(), appointment.date(), entry -> {
                RequestLog.put("queue_position", entry.position());
                queued.set(entry);
            });
            booking.recordQueueEntryChange(appointment.id(), null, QueueEntryStatus.WAITING.wire(), actor);
            notifications.queueMoved(appointment.doctorId(), appointment.date());
            RequestLog.put("appointment_id", appointment.id());
            metrics.checkedIn();
        });
        return queued.get();
    }

    /** The queue names its patients (first names): its audit record names every one it returns. */
    @Transactional(readOnly = true)
    Page<QueueEntry> queueOf(UUID doctorId, LocalDate date, QueueEntryStatus status, PageRequest page) {
        doctors.requireExists(doctorId);
        Page<QueueEntry> day =
                page.page(queue.findDay(doctorId, date, status, page), entry -> List.of(entry.position()));
        trail.concerns(day.items().stream().map(QueueEntry::patientId).toList());
        return day;
    }

    @Transactional
    QueueEntry callNext(UUID doctorId, LocalDate date, UUID actor) {
        doctors.requireExists(doctorId);
        UUID called = queue.callNext(doctorId, date).orElseThrow(() -> QueueRefusedException.empty(doctorId, date));
        RequestLog.put("queue_entry_id", called);
        QueueEntry entry = queue.find(called).orElseThrow();
        trail.concerns(entry.patientId());
        booking.recordQueueEntryChange(
                entry.appointmentId(), QueueEntryStatus.WAITING.wire(), QueueEntryStatus.CALLED.wire(), actor);
        notifications.queueMoved(doctorId, date);
        metrics.patientCalled(Duration.between(entry.checkedInAt(), entry.calledAt()));
        return entry;
    }

    /** The doctor saw the called patient: the appointment is completed. */
    @Transactional
    QueueEntry serve(UUID entryId, UUID actor) {
        QueueEntry entry = moveCalled(entryId, QueueEntryStatus.SERVED, actor);
        booking.complete(entry.appointmentId(), actor);
        return entry;
    }

    /** The called patient was not there: the appointment is a no-show until requeued. */
    @Transactional
    QueueEntry skip(UUID entryId, UUID actor) {
        QueueEntry entry = moveCalled(entryId, QueueEntryStatus.SKIPPED, actor);
        booking.markNoShow(entry.appointmentId(), actor);
        return entry;
    }

    /** A skipped patient turned up: back to waiting, at the end of the queue. */
    @Transactional
    QueueEntry requeue(UUID entryId, UUID actor) {
        QueueEntry entry = lockInStatus(entryId, QueueEntryStatus.SKIPPED, QueueEntryStatus.WAITING);
        queue.requeue(entryId, queue.nextPosition(entry.doctorId(), entry.date()));
        booking.recordQueueEntryChange(
                entry.appointmentId(), QueueEntryStatus.SKIPPED.wire(), QueueEntryStatus.WAITING.wire(), actor);
        booking.returnFromNoShow(entry.appointmentId(), actor);
        return queue.find(entryId).orElseThrow();
    }

    /**
     * Where the appointment stands in its doctor's queue and about how long until its turn. The estimate: the
     * patients waiting ahead, plus the one with the doctor if any, times the minutes a patient takes: the median
     * time between the doctor's calls that day once it has {@link #GAPS_FOR_OBSERVED_PACE} of them, else
     * QUEUE_MINUTES_PER_PATIENT. Rounded up to whole minutes; 0 once called, null when not waiting.
     */
    @Transactional(readOnly = true)
    QueueStatusResponse queueStatus(UUID appointmentId) {
        Appointment appointment = booking.find(appointmentId);
        Optional<QueueEntry> entry = queue.findByAppointment(appointmentId);
        QueueRepository.DayPace pace = queue.pace(appointment.doctorId(), appointment.date());
        boolean observed = pace.gapsObserved() >= GAPS_FOR_OBSERVED_PACE;
        double minutesPerPatient = observed ? pace.medianSecondsBetweenCalls() / 60 : defaultMinutesPerPatient;
        Integer ahead = null;
        Integer etaMinutes = null;
        if (entry.isPresent() && entry.get().status() == QueueEntryStatus.CALLED) {
            ahead = 0;
            etaMinutes = 0;
        } else if (entry.isPresent() && entry.get().status() == QueueEntryStatus.WAITING) {
            ahead = queue.waitingAhead(
                    appointment.doctorId(), appointment.date(), entry.get().position());
            int before = ahead + (pace.nowServingToken() != null ? 1 : 0);
            etaMinutes = (int) Math.ceil(before * minutesPerPatient);
        }
        return new QueueStatusResponse(
                appointment.slot(),
                entry.map(queued -> queued.status().wire())
                        .orElse(appointment.status().wire()),
                entry.map(QueueEntry::position).orElse(null),
                ahead,
                pace.nowServingToken(),
                etaMinutes,
                Math.round(minutesPerPatient * 10) / 10.0,
                observed ? "observed" : "default");
    }

    @Transactional(readOnly = true)
    QueueSummaryResponse summary(UUID doctorId, LocalDate date) {
        doctors.requireExists(doctorId);
        Map<QueueEntryStatus, Integer> counts = queue.countByStatus(doctorId, date);
        QueueRepository.Positions positions = queue.positions(doctorId, date);
        return new QueueSummaryResponse(
                doctorId,
                date,
                counts.get(QueueEntryStatus.WAITING),
                counts.get(QueueEntryStatus.CALLED),
                counts.get(QueueEntryStatus.SERVED),
                counts.get(QueueEntryStatus.SKIPPED),
                counts.values().stream().mapToInt(Integer::intValue).sum(),
                positions.nowServing(),
                positions.nextPosition());
    }

    LocalDate today() {
        return LocalDate.now(clock);
    }

    /** A called entry is served or skipped; its appointment follows in the caller. */
    private QueueEntry moveCalled(UUID entryId, QueueEntryStatus to, UUID actor) {
        QueueEntry entry = lockInStatus(entryId, QueueEntryStatus.CALLED, to);
        queue.finish(entryId, to);
        booking.recordQueueEntryChange(entry.appointmentId(), QueueEntryStatus.CALLED.wire(), to.wire(), actor);
        return queue.find(entryId).orElseThrow();
    }

    private QueueEntry lockInStatus(UUID entryId, QueueEntryStatus expected, QueueEntryStatus target) {
        QueueEntry entry = queue.lock(entryId).orElseThrow(() -> new NotFoundException("QueueEntry", entryId));
        trail.concerns(entry.patientId());
        if (entry.status() != expected) {
            throw QueueRefusedException.illegalTransition(entry, target);
        }
        RequestLog.put("queue_entry_id", entryId);
        RequestLog.put("queue_entry_status", target.wire());
        return entry;
    }
}
