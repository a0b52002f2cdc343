package app.clinic.live;

import app.clinic.access.StreamAccess;
import app.clinic.audit.AuditTrail;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One open stream, a WebSocket or a Server-Sent Events response. Its writes run in order on the sending pool, off
 * the hub's thread, so one slow client holds up nobody else; a client that falls {@link #MAX_PENDING} writes
 * behind is closed (it reconnects and catches up). The {@code hub*} fields belong to the hub's thread.
 */
abstract class Subscriber {

    private static final Logger log = LoggerFactory.getLogger(Subscriber.class);
    private static final int MAX_PENDING = 32;

    final StreamAccess.Opener opener;

    /** Records the patients a payload shows before it leaves; null for a stream without patient data. */
    private final AuditTrail.Stream audit;

    private final Executor sending;
    private final Queue<Runnable> pending = new ArrayDeque<>();
    private boolean draining;
    private final AtomicBoolean ended = new AtomicBoolean();
    private Runnable onEnd = () -> {};

    /** The patients this stream has shown: a payload's record names only the ones it shows first. */
    private final Set<UUID> shown = new HashSet<>();

    Subscription hubSubscription;
    Object hubLastData;

    Subscriber(StreamAccess.Opener opener, AuditTrail.Stream audit, Executor sending) {
        this.opener = opener;
        this.audit = audit;
        this.sending = sending;
    }

    /** Writes an event of the day {@code day}; the patients it shows are recorded first, else it is not written. */
    void sendDay(Frame frame, String day, List<UUID> patientsShown) {
        enqueue(() -> {
            if (audit != null) {
                Collection<UUID> firstShown =
                        patientsShown.stream().filter(id -> !shown.contains(id)).toList();
                if (!firstShown.isEmpty()) {
                    audit.shows(day, firstShown);
                    shown.addAll(firstShown);
                }
            }
            write(frame);
        });
    }

    /** Whatever the transport says first, at once: the client knows the stream is open. */
    void open() {
        enqueue(this::writeOpening);
    }

    /** A message that is not about a day (a reply, an error): no id, no patient data. */
    void sendMessage(Frame reply) {
        enqueue(() -> write(reply));
    }

    void heartbeat() {
        enqueue(this::writeHeartbeat);
    }

    /** What to do once, when the stream ends for any reason. */
    void onEnd(Runnable action) {
        this.onEnd = action;
    }

    /** Why the service closes a stream. */
    enum Ending {
        /** Its token was revoked or expired, or its holder's rights changed. */
        TOKEN_ENDED,
        /** Its client did not keep up, or a message could not be recorded or written. */
        BROKEN,
        /** The instance stops: reconnect (to another). */
        SHUTDOWN
    }

    /** Closes the stream: its client sees it end. */
    void close(Ending why) {
        try {
            end(why);
        } finally {
            ended();
        }
    }

    /** Called by the transport when the stream ended, whoever ended it. */
    final void ended() {
        if (ended.compareAndSet(false, true)) {
            onEnd.run();
        }
    }

    boolean isEnded() {
        return ended.get();
    }

    /** Writes one message, in the transport's form of it. */
    abstract void write(Frame frame) throws IOException;

    abstract void writeHeartbeat() throws IOException;

    /** Nothing, unless the transport has something to say before its first message. */
    void writeOpening() throws IOException {}

    /** Ends the transport; {@link #ended} follows. */
    abstract void end(Ending why);

    private void enqueue(Write write) {
        boolean start;
        synchronized (this) {
            if (ended.get()) {
                return;
            }
            if (pending.size() >= MAX_PENDING) {
                log.atInfo()
                        .addKeyValue("principal_id", opener.caller().id())
                        .log("closing a stream whose client does not keep up");
                sending.execute(() -> close(Ending.BROKEN));
                return;
            }
            pending.add(() -> {
                try {
                    write.run();
                } catch (IOException e) {
                    close(Ending.BROKEN); // the client went away
                } catch (RuntimeException e) {
                    log.atWarn()
                            .addKeyValue("cause", e.getClass().getSimpleName())
                            .log("a stream could not record or write its next message; closing it");
                    close(Ending.BROKEN);
                }
            });
            start = !draining;
            draining = true;
        }
        if (start) {
            sending.execute(this::drain);
        }
    }

    private void drain() {
        while (true) {
            Runnable next;
            synchronized (this) {
                next = pending.poll();
                if (next == null) {
                    draining = false;
                    return;
                }
            }
            if (!ended.get()) {
                next.run();
            }
        }
    }

    @FunctionalInterface
    private interface Write {
        void run() throws IOException;
    }
}
