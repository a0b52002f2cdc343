package app.clinic.live;

import app.clinic.access.StreamAccess;
import app.clinic.config.ClinicProperties;
import app.clinic.database.DatabaseSignals;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Lazy;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every open stream of this instance, by the day it follows, and the one thread that builds what they are sent.
 * A change committed on any instance signals every instance (LISTEN/NOTIFY, sent by {@link LiveQueue}); here the
 * signal marks its day, and the hub's thread reads the day once, in a fixed number of queries, builds each
 * (doctor, audience) payload once, and hands the same text to every stream that follows it. Signals that
 * arrive while the hub is busy are merged into one read. After a gap in listening, and at every heartbeat as a
 * safety net, each followed day is checked against the event table for changes it has not shown.
 */
@Component
@Lazy(false) // hears changes from the start
class LiveHub implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LiveHub.class);
    static final String CHANNEL = "clinic_queue_changed";
    private static final Duration PRUNE_INTERVAL = Duration.ofHours(1);
    /** Well under what a person notices on a screen; enough to send a busy day's changes in batches. */
    private static final Duration MIN_REBUILD_GAP = Duration.ofMillis(100);
    /** Every doctor of a day changed, or may have: after a gap in listening. */
    private static final UUID EVERY_DOCTOR = new UUID(0, 0);

    private final DayReader days;
    private final QueueEventRepository events;
    private final StreamAccess access;
    private final JsonMapper json;
    private final Clock clock;
    private final Duration heartbeat;
    private final Duration eventRetention;

    /** The hub's thread: every field below that is not concurrent belongs to it. */
    private final ExecutorService hub = Executors.newSingleThreadExecutor(daemon("live-hub"));

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(daemon("live-timer"));
    private final Map<LocalDate, Set<Subscriber>> byDay = new HashMap<>();
    /** Concurrent: the instance's stop closes them from its own thread, whatever the hub is doing. */
    private final Set<Subscriber> open = ConcurrentHashMap.newKeySet();
    /** The snapshot each followed day was last read at: what the safety net checks from. */
    private final Map<LocalDate, Snapshot> dayReadAt = new HashMap<>();
    /** When each followed day was last rebuilt ({@link System#nanoTime}), and the days waiting for their turn. */
    private final Map<LocalDate, Long> lastRebuiltAt = new HashMap<>();

    private final Set<LocalDate> deferred = new HashSet<>();

    private final Map<LocalDate, Set<UUID>> changedDays = new ConcurrentHashMap<>();
    private final AtomicBoolean rebuildQueued = new AtomicBoolean();
    private volatile boolean running;

    LiveHub(
            DayReader days,
            QueueEventRepository events,
            StreamAccess access,
            DatabaseSignals signals,
            JsonMapper json,
            Clock clock,
            ClinicProperties properties) {
        this.days = days;
        this.events = events;
        this.access = access;
        this.json = json;
        this.clock = clock;
        this.heartbeat = properties.liveHeartbeatInterval();
        this.eventRetention = properties.liveEventRetention();
        signals.receive(CHANNEL, this::signalled, () -> changed(null, EVERY_DOCTOR));
        access.onRevocation(() -> onHub(this::closeStreamsWhoseTokenEnded));
    }

    /** Adds a stream that follows nothing yet (a WebSocket before it subscribes): heartbeats and token checks. */
    void add(Subscriber subscriber) {
        onHub(() -> open.add(subscriber));
    }

    /**
     * Makes the stream follow {@code subscription} (instead of what it followed), and sends what it lacks: a
     * snapshot; or, for a client that saw the day at {@code seenAt}, an update if it missed changes since,
     * nothing if it missed none, a snapshot if what it missed may be pruned already.
     */
    void follow(Subscriber subscriber, Subscription subscription, Optional<Snapshot> seenAt) {
        onHub(() -> {
            if (subscriber.isEnded()) {
                return;
            }
            try {
                followNow(subscriber, subscription, seenAt);
            } catch (DataAccessException e) {
                log.atWarn()
                        .addKeyValue("cause", e.getClass().getSimpleName())
                        .log("could not read the day a stream asked for; closing it for its client to retry");
                subscriber.close(Subscriber.Ending.BROKEN);
                unfollowNow(subscriber);
                open.remove(subscriber);
            }
        });
    }

    private void followNow(Subscriber subscriber, Subscription subscription, Optional<Snapshot> seenAt) {
        unfollowNow(subscriber);
        open.add(subscriber);
        LocalDate date = subscription.date();
        QueueEventRepository.Missed missed = seenAt.map(
                        seen -> events.missedSince(date, subscription.doctorFilter(), seen))
                .orElse(QueueEventRepository.Missed.UNKNOWN);
        subscriber.hubSubscription = subscription;
        byDay.computeIfAbsent(date, day -> new HashSet<>()).add(subscriber);
        if (missed == QueueEventRepository.Missed.NOTHING) {
            dayReadAt.putIfAbsent(date, seenAt.get());
            return;
        }
        DayState day = days.read(date, scopeOf(date));
        dayReadAt.put(date, day.snapshot());
        Payload payload = payload(day, subscription);
        send(subscriber, day, payload, missed == QueueEventRepository.Missed.SOME ? "update" : "snapshot");
    }

    /** The stream stops following its day; it stays open. */
    void unfollow(Subscriber subscriber) {
        onHub(() -> unfollowNow(subscriber));
    }

    /** The stream ended. */
    void remove(Subscriber subscriber) {
        onHub(() -> {
            unfollowNow(subscriber);
            open.remove(subscriber);
        });
    }

    /** A doctor-day changed (null date and {@link #EVERY_DOCTOR}: anything may have). */
    private void changed(LocalDate date, UUID doctorId) {
        if (date == null) {
            onHub(() -> byDay.keySet().forEach(day -> mark(day, EVERY_DOCTOR)));
        } else {
            mark(date, doctorId);
        }
        if (rebuildQueued.compareAndSet(false, true)) {
            onHub(this::rebuildChangedDays);
        }
    }

    private void mark(LocalDate date, UUID doctorId) {
        changedDays.computeIfAbsent(date, day -> ConcurrentHashMap.newKeySet()).add(doctorId);
    }

    /** "date doctor_id", as {@link LiveQueue} sends it. */
    private void signalled(String payload) {
        int space = payload.indexOf(' ');
        try {
            changed(LocalDate.parse(payload.substring(0, space)), UUID.fromString(payload.substring(space + 1)));
        } catch (RuntimeException e) {
            log.atWarn().log("ignored a malformed live-queue signal");
        }
    }

    /**
     * Rebuilds each changed day, at most once every {@link #MIN_REBUILD_GAP}: a day changing faster is sent its
     * changes together, so that the cost of a fan-out (a write per stream) does not grow with the booking rate.
     */
    private void rebuildChangedDays() {
        rebuildQueued.set(false);
        long now = System.nanoTime();
        for (LocalDate date : List.copyOf(changedDays.keySet())) {
            Long last = lastRebuiltAt.get(date);
            long due = last == null ? now : last + MIN_REBUILD_GAP.toNanos();
            if (due > now) {
                deferUntil(date, due - now);
                continue;
            }
            Set<UUID> doctors = changedDays.remove(date);
            Set<Subscriber> following = byDay.get(date);
            if (doctors == null || following == null || following.isEmpty()) {
                continue;
            }
            lastRebuiltAt.put(date, now);
            try {
                rebuild(date, following, doctors);
            } catch (DataAccessException e) {
                log.atWarn()
                        .addKeyValue("cause", e.getClass().getSimpleName())
                        .log("could not read a changed day for its streams; retrying at the next heartbeat");
                dayReadAt.remove(date);
            }
        }
    }

    private void deferUntil(LocalDate date, long nanos) {
        if (!deferred.add(date)) {
            return; // already due
        }
        try {
            timer.schedule(
                    () -> onHub(() -> {
                        deferred.remove(date);
                        rebuildChangedDays();
                    }),
                    nanos,
                    TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            // stopped
        }
    }

    /** Reads the day once, builds each followed (doctor, audience) payload once, sends it where it differs. */
    private void rebuild(LocalDate date, Set<Subscriber> following, Set<UUID> changedDoctors) {
        DayState day = days.read(date, scopeOf(date));
        dayReadAt.put(date, day.snapshot());
        Map<Subscription, List<Subscriber>> bySubscription = new LinkedHashMap<>();
        for (Subscriber subscriber : following) {
            bySubscription
                    .computeIfAbsent(subscriber.hubSubscription, key -> new ArrayList<>())
                    .add(subscriber);
        }
        bySubscription.forEach((subscription, subscribers) -> {
            UUID doctor = subscription.doctorFilter();
            if (doctor != null && !changedDoctors.contains(doctor) && !changedDoctors.contains(EVERY_DOCTOR)) {
                return;
            }
            Payload payload = payload(day, subscription);
            for (Subscriber subscriber : subscribers) {
                if (!payload.sameAs(subscriber.hubLastData)) {
                    send(subscriber, day, payload, "update");
                }
            }
        });
    }

    private void send(Subscriber subscriber, DayState day, Payload payload, String type) {
        subscriber.hubLastData = payload.data();
        subscriber.sendDay(payload.frame(type, day.snapshot()), day.date().toString(), payload.patientsShown());
    }

    /** What one subscription is sent of a day, and its frames as snapshot and as update (built when first asked). */
    private final class Payload {

        private final Object data;
        private final List<UUID> patientsShown;
        private final Map<String, Frame> frames = new HashMap<>();

        Payload(Object data, List<UUID> patientsShown) {
            this.data = data;
            this.patientsShown = patientsShown;
        }

        Object data() {
            return data;
        }

        List<UUID> patientsShown() {
            return patientsShown;
        }

        boolean sameAs(Object sent) {
            return data instanceof QueueDay day
                    ? day.sameAs(sent instanceof QueueDay other ? other : null)
                    : data.equals(sent);
        }

        /** The message as snapshot or update, rendered once for every stream it goes to. */
        Frame frame(String type, Snapshot at) {
            return frames.computeIfAbsent(
                    type, kind -> Frame.of(at, json.writeValueAsString(new LiveMessage(kind, data))));
        }
    }

    private Payload payload(DayState day, Subscription subscription) {
        if (subscription.audience().kind() == Audience.Kind.DISPLAY) {
            return new Payload(day.board(subscription.doctorFilter()), List.of());
        }
        QueueDay queueDay = day.queueDay(subscription.doctorFilter(), subscription.audience(), clock.instant());
        return new Payload(queueDay, DayState.patientsShown(queueDay));
    }

    /** What the day's streams need read: whose appointments, with patients (staff) or as counts (screens). */
    private DayScope scopeOf(LocalDate date) {
        boolean wholeDay = false;
        boolean rows = false;
        boolean boards = false;
        Set<UUID> doctors = new HashSet<>();
        for (Subscriber subscriber : byDay.getOrDefault(date, Set.of())) {
            Subscription subscription = subscriber.hubSubscription;
            if (subscription.doctorFilter() == null) {
                wholeDay = true;
            } else {
                doctors.add(subscription.doctorFilter());
            }
            if (subscription.audience().kind() == Audience.Kind.DISPLAY) {
                boards = true;
            } else {
                rows = true;
            }
        }
        return new DayScope(wholeDay, doctors, rows, boards);
    }

    private void unfollowNow(Subscriber subscriber) {
        Subscription was = subscriber.hubSubscription;
        if (was == null) {
            return;
        }
        Set<Subscriber> following = byDay.get(was.date());
        if (following != null) {
            following.remove(subscriber);
            if (following.isEmpty()) {
                byDay.remove(was.date());
                dayReadAt.remove(was.date());
                lastRebuiltAt.remove(was.date());
            }
        }
        subscriber.hubSubscription = null;
        subscriber.hubLastData = null;
    }

    /** Heartbeats, token checks, and the safety net for signals lost between instances. */
    private void beat() {
        closeStreamsWhoseTokenEnded();
        open.forEach(Subscriber::heartbeat);
        for (LocalDate date : List.copyOf(byDay.keySet())) {
            Snapshot readAt = dayReadAt.get(date);
            try {
                if (readAt == null || events.missedSince(date, null, readAt) != QueueEventRepository.Missed.NOTHING) {
                    mark(date, EVERY_DOCTOR);
                }
            } catch (DataAccessException e) {
                return; // the database is away: the next beat checks again
            }
        }
        if (!changedDays.isEmpty()) {
            rebuildChangedDays();
        }
    }

    private void closeStreamsWhoseTokenEnded() {
        for (Subscriber subscriber : List.copyOf(open)) {
            boolean holds;
            try {
                holds = access.stillHolds(subscriber.opener);
            } catch (DataAccessException e) {
                continue; // cannot tell now: checked again at the next beat
            } catch (RuntimeException e) {
                holds = false; // e.g. its address is throttled for unknown tokens
            }
            if (!holds) {
                subscriber.close(Subscriber.Ending.TOKEN_ENDED);
                unfollowNow(subscriber);
                open.remove(subscriber);
            }
        }
    }

    private void prune() {
        try {
            int pruned = events.pruneOlderThan(eventRetention);
            if (pruned > 0) {
                log.atInfo().addKeyValue("events", pruned).log("pruned old live-queue events");
            }
        } catch (DataAccessException e) {
            log.atWarn().addKeyValue("cause", e.getClass().getSimpleName()).log("could not prune live-queue events");
        }
    }

    @Override
    public void start() {
        running = true;
        timer.scheduleWithFixedDelay(
                () -> onHub(this::beat), heartbeat.toMillis(), heartbeat.toMillis(), TimeUnit.MILLISECONDS);
        timer.scheduleWithFixedDelay(() -> onHub(this::prune), 0, PRUNE_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Closes every stream, so that its client reconnects, to another instance if this one is going away. */
    @Override
    public void stop() {
        running = false;
        timer.shutdownNow();
        hub.shutdownNow();
        List.copyOf(open).forEach(subscriber -> subscriber.close(Subscriber.Ending.SHUTDOWN));
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Before the web server stops: streams are closed while their connections still work. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE;
    }

    /** Runs {@code task} on the hub's thread; once the instance stops, there is nothing left to do. */
    private void onHub(Runnable task) {
        try {
            hub.execute(task);
        } catch (RejectedExecutionException e) {
            // stopped: every stream is being closed
        }
    }

    private static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
