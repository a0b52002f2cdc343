package app.clinic.waitlist;

import app.clinic.audit.AuditTrail;
import app.clinic.booking.Appointment;
import app.clinic.booking.BookingService;
import app.clinic.booking.DayCancelled;
import app.clinic.booking.PlacesFreed;
import app.clinic.config.ClinicProperties;
import app.clinic.doctor.DoctorDaysChanged;
import app.clinic.doctor.DoctorService;
import app.clinic.metrics.DomainMetrics;
import app.clinic.notify.Notifications;
import app.clinic.patient.PatientService;
import app.clinic.web.NotFoundException;
import app.clinic.web.Page;
import app.clinic.web.PageRequest;
import app.clinic.web.RequestLog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The waitlist of full doctor-days, the one entry point of its package. When a place frees up (a cancel, a
 * reschedule away, a limit raised, walk-in places released) the first patient waiting gets an offer: the place is
 * held for them for OFFER_HOLD_MINUTES, counted as taken by every booking, until they accept it (it is booked),
 * decline it or let it expire (it passes to the next in line). Places are counted and held under the doctor-day's
 * row lock, in the transaction of the change that freed them, so exactly one patient holds each freed place, on
 * whichever instance.
 */
@Service
public class WaitlistService {

    private final WaitlistRepository waitlist;
    private final BookingService booking;
    private final DoctorService doctors;
    private final PatientService patients;
    private final Notifications notifications;
    private final AuditTrail trail;
    private final DomainMetrics metrics;
    private final Clock clock;
    private final Duration offerHold;

    WaitlistService(
            WaitlistRepository waitlist,
            BookingService booking,
            DoctorService doctors,
            PatientService patients,
            Notifications notifications,
            AuditTrail trail,
            DomainMetrics metrics,
            Clock clock,
            ClinicProperties properties) {
        this.waitlist = waitlist;
        this.booking = booking;
        this.doctors = doctors;
        this.patients = patients;
        this.notifications = notifications;
        this.trail = trail;
        this.metrics = metrics;
        this.clock = clock;
        this.offerHold = properties.scheduling().offerHold();
    }

    /**
     * Puts the patient on the waitlist of a full doctor-day; joining twice answers the entry they have. A day with
     * places left is refused (they can book it), as is a day the doctor does not work or one they are booked on.
     * The day's row is locked first, so a place freed meanwhile is either seen here or offered to this entry.
     */
    @Transactional
    WaitlistRepository.Joined join(UUID patientId, UUID doctorId, LocalDate date, UUID actor) {
        trail.concerns(patientId);
        patients.requireExists(patientId);
        booking.requireWithinBookingWindow(date);
        doctors.requireBookable(doctorId, date);
        int placesLeft = booking.lockPlacesToHold(doctorId, date);
        if (placesLeft > 0) {
            throw WaitlistRefusedException.placesLeft(doctorId, date, placesLeft);
        }
        var booked = waitlist.activeAppointment(patientId, doctorId, date);
        if (booked.isPresent()) {
            throw WaitlistRefusedException.alreadyBooked(booked.get());
        }
        WaitlistRepository.Joined joined = waitlist.join(patientId, doctorId, date, actor);
        RequestLog.put("waitlist_entry_id", joined.entry().id());
        trail.actsOn(joined.entry().id());
        return joined;
    }

    /** Takes the patient off the waitlist; a place held for them passes to the next in line. */
    @Transactional
    WaitlistEntry leave(UUID entryId, UUID actor) {
        WaitlistEntry entry = find(entryId);
        trail.actsOn(entryId);
        if (entry.offer() != null) {
            passOn(
                    waitlist.lockOffer(entry.offer().id()).orElseThrow(),
                    OfferStatus.WITHDRAWN,
                    WaitlistStatus.LEFT,
                    actor);
        } else if (!waitlist.endWaiting(entryId, WaitlistStatus.LEFT, actor)) {
            WaitlistEntry now = find(entryId);
            if (now.status() != WaitlistStatus.LEFT) {
                throw WaitlistRefusedException.notOpen(now, "leave");
            }
        }
        return find(entryId);
    }

    /** Books the held place (201); accepting it again answers the same appointment. */
    @Transactional
    Accepted accept(UUID offerId, UUID actor) {
        Offer offer = lockOffer(offerId);
        if (offer.status() == OfferStatus.ACCEPTED) {
            return new Accepted(booking.find(offer.appointmentId()), true);
        }
        requireOpen(offer, "accept");
        Appointment booked = booking.bookHeldPlace(offer.patientId(), offer.doctorId(), offer.date(), actor);
        waitlist.closeOffer(offerId, OfferStatus.ACCEPTED, WaitlistStatus.BOOKED, booked.id(), actor);
        metrics.waitlistOffer(OfferStatus.ACCEPTED.wire());
        return new Accepted(booked, false);
    }

    record Accepted(Appointment appointment, boolean replayed) {}

    /** The patient does not want the place: it passes to the next in line. Declining twice changes nothing. */
    @Transactional
    WaitlistEntry decline(UUID offerId, UUID actor) {
        Offer offer = lockOffer(offerId);
        if (offer.status() != OfferStatus.DECLINED) {
            requireOpen(offer, "decline");
            passOn(offer, OfferStatus.DECLINED, WaitlistStatus.DECLINED, actor);
        }
        return find(offer.entryId());
    }

    /**
     * Expires one offer whose hold is over at {@code now}, passing its place on; false if it was decided meanwhile.
     * The caller's clock decides, so tests move time without waiting.
     */
    @Transactional
    public boolean expire(UUID offerId, Instant now) {
        Offer offer = waitlist.lockOffer(offerId).orElse(null);
        if (offer == null
                || offer.status() != OfferStatus.OPEN
                || offer.expiresAt().isAfter(now)) {
            return false;
        }
        passOn(offer, OfferStatus.EXPIRED, WaitlistStatus.EXPIRED, null);
        return true;
    }

    /** The offers past their hold at {@code now}, oldest first, for the expiry task. */
    @Transactional(readOnly = true)
    public List<UUID> expiredOffers(Instant now, int limit) {
        return waitlist.expiredOffers(now, limit);
    }

    /**
     * Closes the offer (locked by the caller), gives its place back and offers it to the next in line, all in this
     * transaction.
     */
    private void passOn(Offer offer, OfferStatus outcome, WaitlistStatus entryStatus, UUID actor) {
        waitlist.closeOffer(offer.id(), outcome, entryStatus, null, actor);
        booking.releaseHeldPlace(offer.doctorId(), offer.date());
        metrics.waitlistOffer(outcome.wire());
        offerFreedPlaces(offer.doctorId(), offer.date());
    }

    /**
     * Offers each place the day has free to the next patient in line, holding it for them. Runs under the day's
     * row lock ({@link BookingService#lockPlacesToHold}) in the caller's transaction.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void offerFreedPlaces(UUID doctorId, LocalDate date) {
        int free = booking.lockPlacesToHold(doctorId, date);
        if (free == 0) {
            return;
        }
        waitlist.closeBookedElsewhere(doctorId, date);
        Instant expiresAt = clock.instant().plus(offerHold).truncatedTo(ChronoUnit.MICROS);
        for (UUID entryId : waitlist.nextInLine(doctorId, date, free)) {
            waitlist.offer(entryId, expiresAt).ifPresent(offerId -> {
                booking.holdPlace(doctorId, date);
                notifications.waitlistOffered(offerId);
                metrics.waitlistOffer("offered");
                RequestLog.put("waitlist_offer_id", offerId);
            });
        }
    }

    @EventListener
    void on(PlacesFreed freed) {
        offerFreedPlaces(freed.doctorId(), freed.date());
    }

    /** A limit raised, walk-in places lowered, a day now worked: every waiting day of the doctor looks again. */
    @EventListener
    void on(DoctorDaysChanged changed) {
        for (LocalDate date : waitlist.daysWithWaiting(changed.doctorId(), LocalDate.now(clock))) {
            offerFreedPlaces(changed.doctorId(), date);
        }
    }

    /** A cancelled day's waitlist closes: its offers are withdrawn and nobody waits for it any more. */
    @EventListener
    void on(DayCancelled cancelled) {
        for (WaitlistEntry entry : waitlist.openOnDay(cancelled.doctorId(), cancelled.date())) {
            trail.concerns(entry.patientId());
            if (entry.offer() != null) {
                waitlist.closeOffer(entry.offer().id(), OfferStatus.WITHDRAWN, WaitlistStatus.CLOSED, null, null);
                booking.releaseHeldPlace(cancelled.doctorId(), cancelled.date());
                metrics.waitlistOffer(OfferStatus.WITHDRAWN.wire());
            } else {
                waitlist.endWaiting(entry.id(), WaitlistStatus.CLOSED, null);
            }
        }
    }

    /** At WALK_IN_RELEASE_TIME today's unused walk-in places come free for the days' waitlists. */
    @Transactional
    public void walkInPlacesReleased() {
        LocalDate today = LocalDate.now(clock);
        for (UUID doctorId : waitlist.doctorsWithWaiting(today)) {
            offerFreedPlaces(doctorId, today);
        }
    }

    @Transactional(readOnly = true)
    WaitlistEntry find(UUID entryId) {
        WaitlistEntry entry =
                waitlist.findEntry(entryId).orElseThrow(() -> new NotFoundException("WaitlistEntry", entryId));
        trail.concerns(entry.patientId());
        return entry;
    }

    @Transactional(readOnly = true)
    Page<WaitlistEntry> ofDay(UUID doctorId, LocalDate date, PageRequest page) {
        doctors.requireExists(doctorId);
        Page<WaitlistEntry> day =
                page.page(waitlist.findByDay(doctorId, date, page), entry -> List.of(entry.joinedAt(), entry.id()));
        trail.concerns(day.items().stream().map(WaitlistEntry::patientId).toList());
        return day;
    }

    @Transactional(readOnly = true)
    Page<WaitlistEntry> ofPatient(UUID patientId, PageRequest page) {
        patients.requireExists(patientId);
        trail.concerns(patientId);
        return page.page(
                waitlist.findByPatient(patientId, page),
                entry -> List.of(
                        -ChronoUnit.DAYS.between(LocalDate.of(2000, 1, 1), entry.date()),
                        entry.joinedAt(),
                        entry.id()));
    }

    private Offer lockOffer(UUID offerId) {
        Offer offer = waitlist.lockOffer(offerId).orElseThrow(() -> new NotFoundException("WaitlistOffer", offerId));
        trail.concerns(offer.patientId());
        trail.actsOn(offerId);
        return offer;
    }

    private void requireOpen(Offer offer, String action) {
        if (offer.status() != OfferStatus.OPEN) {
            throw OfferClosedException.closed(offer, action);
        }
        if (!offer.expiresAt().isAfter(clock.instant())) {
            throw OfferClosedException.expired(offer, action);
        }
    }
}
