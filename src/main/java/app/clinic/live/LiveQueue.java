package app.clinic.live;

import app.clinic.database.DatabaseSignals;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Lazy;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The live queue's entry point for the services that change appointments and queues: each change writes its
 * event row in the change's own transaction (so an event exists exactly when its change committed), and once
 * that commits, every instance is woken to send the day's streams what changed.
 *
 * <p>The wake-up (NOTIFY) is sent after the commit, in a transaction of its own that waits for no disk, rather
 * than inside the change's: PostgreSQL serialises the commits of notifying transactions, disk flush included,
 * which would put every booking of every doctor in one line. A wake-up lost to a crash between the two is made
 * up for by the hub's heartbeat, which checks the event table.
 */
@Component
@Lazy(false) // its sender must run before the first change commits
public class LiveQueue implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LiveQueue.class);

    private final QueueEventRepository events;
    private final DatabaseSignals signals;
    private final Set<String> toSignal = new LinkedHashSet<>();
    private Thread signaller;
    private volatile boolean running;

    LiveQueue(QueueEventRepository events, DatabaseSignals signals) {
        this.events = events;
        this.signals = signals;
    }

    /**
     * Records a change of an appointment ({@code subject} "appointment") or of its queue entry ("queue_entry"),
     * from one status to another, in the current transaction.
     */
    public void changed(UUID appointmentId, String subject, String from, String to) {
        events.insert(appointmentId, subject, from, to, day -> {
            String payload = day.date() + " " + day.doctorId();
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    signal(payload);
                }
            });
        });
    }

    private void signal(String payload) {
        synchronized (toSignal) {
            toSignal.add(payload);
            toSignal.notifyAll();
        }
    }

    /** Sends what the commits since the last round asked for, in one statement: many commits, one round trip. */
    private void sendSignals() {
        while (running) {
            List<String> payloads;
            synchronized (toSignal) {
                while (toSignal.isEmpty() && running) {
                    try {
                        toSignal.wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                payloads = List.copyOf(toSignal);
                toSignal.clear();
            }
            try {
                signals.sendCommitted(LiveHub.CHANNEL, payloads);
            } catch (DataAccessException e) {
                log.atWarn()
                        .addKeyValue("cause", e.getClass().getSimpleName())
                        .log("could not wake the instances after a change; their heartbeat catches it up");
            }
        }
    }

    @Override
    public synchronized void start() {
        running = true;
        signaller = new Thread(this::sendSignals, "live-signals");
        signaller.setDaemon(true);
        signaller.start();
    }

    @Override
    public synchronized void stop() {
        running = false;
        synchronized (toSignal) {
            toSignal.notifyAll();
        }
        signaller = null;
    }

    @Override
    public synchronized boolean isRunning() {
        return running;
    }
}
