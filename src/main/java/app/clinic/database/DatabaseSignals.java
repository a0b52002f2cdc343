package app.clinic.database;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Signals between the instances of the service through PostgreSQL's LISTEN/NOTIFY: no broker besides the database.
 * A signal sent inside a transaction is delivered when it commits, to every instance, this one included. One
 * connection of its own (outside the pool) listens; while it is down, nothing is received, so {@link #isListening}
 * is false and each channel's gap handler runs before listening resumes: a receiver that keeps state it must
 * forget on a signal forgets all of it instead.
 */
@Component
@Lazy(false) // listening from the start
public class DatabaseSignals implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DatabaseSignals.class);
    private static final int POLL_MILLIS = 500;
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    /** What a channel's receiver does with a signal's payload, and after a gap in which signals may be lost. */
    private record Receiver(Consumer<String> onSignal, Runnable onGap) {}

    private final DatabaseUrl url;
    private final JdbcClient jdbc;
    private final Map<String, Receiver> receivers = new ConcurrentHashMap<>();
    private volatile boolean running;
    private volatile boolean listening;
    private Thread listener;

    DatabaseSignals(DatabaseConfig.DatabaseServer server, JdbcClient jdbc) {
        this.url = server.url();
        this.jdbc = jdbc;
    }

    /** Registers the receiver of a channel (a lower-case identifier); call it before the service starts. */
    public void receive(String channel, Consumer<String> onSignal, Runnable onGap) {
        if (!channel.matches("[a-z_]{1,63}")) {
            throw new IllegalArgumentException("a channel is a lower-case identifier: " + channel);
        }
        receivers.put(channel, new Receiver(onSignal, onGap));
    }

    /** Sends a signal: when the current transaction commits, or at once outside one. */
    public void send(String channel, String payload) {
        jdbc.sql("SELECT pg_notify(:channel, :payload)")
                .param("channel", channel)
                .param("payload", payload)
                .query((rs, row) -> null)
                .list();
    }

    /**
     * Sends signals now, in a transaction of their own that does not wait for the disk: wake-ups about changes
     * already committed, which nothing is lost without (a receiver that misses one catches up from the tables).
     */
    public void sendCommitted(String channel, Collection<String> payloads) {
        jdbc.sql("""
                        SELECT pg_notify(:channel, payload)
                          FROM (SELECT set_config('synchronous_commit', 'off', true)) AS without_disk_wait,
                               unnest(CAST(:payloads AS text[])) AS payload
                        """)
                .param("channel", channel)
                .param("payloads", payloads.toArray(String[]::new))
                .query((rs, row) -> null)
                .list();
    }

    /** Whether signals are received now; if not, some sent meanwhile will never arrive. */
    public boolean isListening() {
        return listening;
    }

    /** Waits until signals are received again, at most {@code max}; answers whether they are. */
    public boolean awaitListening(Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        synchronized (this) {
            while (!listening) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                wait(Math.max(1, left / 1_000_000));
            }
        }
        return true;
    }

    @Override
    public synchronized void start() {
        running = true;
        listener = new Thread(this::listen, "database-signals");
        listener.setDaemon(true);
        listener.start();
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (listener != null) {
            listener.interrupt();
            listener = null;
        }
        listening = false;
    }

    @Override
    public synchronized boolean isRunning() {
        return running;
    }

    private void listen() {
        Duration backoff = Duration.ofMillis(200);
        while (running) {
            try (Connection connection = url.openConnection(5)) {
                try (Statement statement = connection.createStatement()) {
                    for (String channel : receivers.keySet()) {
                        statement.execute("LISTEN " + channel);
                    }
                }
                receivers.values().forEach(receiver -> receiver.onGap().run()); // what was sent before LISTEN is lost
                synchronized (this) {
                    listening = true;
                    notifyAll();
                }
                backoff = Duration.ofMillis(200);
                PGConnection postgres = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] signals = postgres.getNotifications(POLL_MILLIS);
                    if (signals != null) {
                        for (PGNotification signal : signals) {
                            Receiver receiver = receivers.get(signal.getName());
                            if (receiver != null) {
                                receiver.onSignal().accept(signal.getParameter());
                            }
                        }
                    }
                }
            } catch (SQLException e) {
                if (running) {
                    log.atWarn()
                            .addKeyValue("cause", e.getClass().getSimpleName())
                            .addKeyValue("retry_ms", backoff.toMillis())
                            .log("not listening for signals between instances; retrying");
                }
            } finally {
                listening = false;
                receivers.values().forEach(receiver -> receiver.onGap().run());
            }
            sleep(backoff);
            backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
        }
    }

    private void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
