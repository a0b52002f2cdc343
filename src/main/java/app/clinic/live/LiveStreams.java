package app.clinic.live;

import app.clinic.access.Role;
import app.clinic.access.StreamAccess;
import app.clinic.audit.AuditTrail;
import app.clinic.doctor.DoctorService;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter;
import org.springframework.web.socket.WebSocketSession;

/** Who may open which stream, and what it follows: the rules of the live queue's routes. */
@Service
class LiveStreams {

    /** Writes go to sockets, most of the time at once; a few threads carry every stream of an instance. */
    private static final int SENDING_THREADS = 4;

    private final LiveHub hub;
    private final StreamLimits limits;
    private final StreamAccess access;
    private final AuditTrail trail;
    private final DoctorService doctors;
    private final DayRepository days;
    private final Clock clock;
    private final ExecutorService sending = Executors.newFixedThreadPool(SENDING_THREADS, runnable -> {
        Thread thread = new Thread(runnable, "live-send");
        thread.setDaemon(true);
        return thread;
    });

    LiveStreams(
            LiveHub hub,
            StreamLimits limits,
            StreamAccess access,
            AuditTrail trail,
            DoctorService doctors,
            DayRepository days,
            Clock clock) {
        this.hub = hub;
        this.limits = limits;
        this.access = access;
        this.trail = trail;
        this.doctors = doctors;
        this.days = days;
        this.clock = clock;
    }

    /**
     * The staff's stream of a day: the desk sees every patient, a doctor their own (and may not ask for another
     * doctor's). Audited: every patient it shows is named in a record before it is sent.
     */
    ResponseBodyEmitter queueEvents(LocalDate date, UUID doctorFilter, String lastEventId, String address) {
        StreamAccess.Opener opener = access.opener(address);
        Audience audience = Audience.staff(opener.caller());
        if (doctorFilter != null) {
            doctors.requireExists(doctorFilter);
            if (opener.caller().role() == Role.DOCTOR
                    && !doctorFilter.equals(opener.caller().doctorId())) {
                throw StreamRefusedException.otherDoctor(doctorFilter);
            }
        }
        return openEvents(opener, true, new Subscription(dayOrToday(date), doctorFilter, audience), lastEventId);
    }

    /** The waiting-room screen's stream: tokens and counts, any role. */
    ResponseBodyEmitter displayEvents(LocalDate date, UUID doctorFilter, String lastEventId, String address) {
        StreamAccess.Opener opener = access.opener(address);
        if (doctorFilter != null) {
            doctors.requireExists(doctorFilter);
        }
        return openEvents(
                opener, false, new Subscription(dayOrToday(date), doctorFilter, Audience.DISPLAY), lastEventId);
    }

    /** The board as it is now: the display stream's data, for a screen that polls. */
    @Transactional(readOnly = true)
    DisplayBoardResponse board(LocalDate date, UUID doctorFilter) {
        Set<UUID> asked = Set.of();
        if (doctorFilter != null) {
            doctors.requireExists(doctorFilter);
            asked = Set.of(doctorFilter);
        }
        LocalDate day = dayOrToday(date);
        DayScope scope = new DayScope(doctorFilter == null, asked, false, true);
        return new DayState(day, null, List.of(), days.boards(day, scope)).board(doctorFilter);
    }

    /**
     * A WebSocket whose handshake the access rules admitted: counted against its holder's streams from now,
     * following nothing until it subscribes.
     */
    SocketSubscriber openSocket(WebSocketSession session, StreamAccess.Opener opener, AuditTrail.Stream audit) {
        SocketSubscriber subscriber = new SocketSubscriber(opener, audit, sending, session);
        whenEnded(subscriber);
        hub.add(subscriber);
        return subscriber;
    }

    /** Counts a stream against its holder's limit: before the handshake, which a refusal answers with 429. */
    StreamAccess.Opener admitSocket(String address) {
        StreamAccess.Opener opener = access.opener(address);
        Audience.staff(opener.caller()); // only staff reach it, as the access rules say
        limits.acquire(opener.caller().id());
        return opener;
    }

    /** A socket refused after it was counted, e.g. its handshake failed. */
    void releaseSocket(StreamAccess.Opener opener) {
        limits.release(opener.caller().id());
    }

    /** The seed's subscribe message: the day, as the socket's holder may see it. */
    void subscribe(SocketSubscriber subscriber, LocalDate date) {
        hub.follow(
                subscriber, new Subscription(date, null, Audience.staff(subscriber.opener.caller())), Optional.empty());
    }

    void unsubscribe(SocketSubscriber subscriber) {
        hub.unfollow(subscriber);
    }

    /** Counted first: a stream refused for the limit is audited as refused, not as opened. */
    private ResponseBodyEmitter openEvents(
            StreamAccess.Opener opener, boolean showsPatients, Subscription subscription, String lastEventId) {
        limits.acquire(opener.caller().id());
        SseSubscriber subscriber = new SseSubscriber(opener, showsPatients ? trail.stream() : null, sending);
        whenEnded(subscriber);
        subscriber.open();
        hub.follow(subscriber, subscription, Snapshot.parse(lastEventId));
        return subscriber.emitter;
    }

    private void whenEnded(Subscriber subscriber) {
        UUID principal = subscriber.opener.caller().id();
        subscriber.onEnd(() -> {
            limits.release(principal);
            hub.remove(subscriber);
        });
    }

    private LocalDate dayOrToday(LocalDate date) {
        return date != null ? date : LocalDate.now(clock);
    }
}
