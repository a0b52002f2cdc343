package app.clinic.database;

import app.clinic.config.InvalidSettingException;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server that the service runs itself when no DATABASE_URL is given. Unlike a test database it
 * keeps its data in a folder across restarts and commits durably (fsync and synchronous_commit on).
 */
public final class EmbeddedDatabase implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);
    private static final String DATABASE = "clinic";
    private static final String SUPERUSER = "postgres";
    /** The name zonky gives the file it locks while a server of the folder is in use. */
    private static final String FOLDER_LOCK = "epg-lock";

    private final Path dataDir;
    private final boolean durable;
    private final int port;
    private volatile EmbeddedPostgres postgres;
    private volatile ProcessHandle postmaster;
    private volatile boolean closed;

    private EmbeddedDatabase(Path dataDir, boolean durable, EmbeddedPostgres postgres) throws IOException {
        this.dataDir = dataDir;
        this.durable = durable;
        this.port = postgres.getPort();
        this.postgres = postgres;
        this.postmaster = postmasterOf(dataDir);
    }

    /** Starts the server of {@code dataDir}, creating the folder and the database on first use. */
    public static EmbeddedDatabase start(Path dataDir, int port, boolean durable) {
        try {
            Files.createDirectories(dataDir);
            requireFolderNotInUse(dataDir);
            stopServerLeftRunning(dataDir);
            EmbeddedDatabase database = new EmbeddedDatabase(dataDir, durable, startServer(dataDir, port, durable));
            database.createDatabaseIfMissing();
            log.atInfo()
                    .addKeyValue("port", database.port())
                    .addKeyValue("data_dir", dataDir.toString())
                    .log("embedded PostgreSQL started");
            return database;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + dataDir, e);
        }
    }

    private static EmbeddedPostgres startServer(Path dataDir, int port, boolean durable) throws IOException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                // The service closes the server itself, after the last request has been answered.
                .setRegisterShutdownHook(false)
                .setPGStartupWait(Duration.ofSeconds(60))
                .setLocaleConfig("locale", "C")
                // Server log lines reach the service log; terse errors without statements keep the values
                // of patients' rows (a duplicate key's DETAIL, a failing INSERT) out of it.
                .setServerConfig("log_error_verbosity", "terse")
                .setServerConfig("log_min_error_statement", "panic")
                .setServerConfig("max_connections", "200")
                // TCP only: the service connects over TCP anyway, and a Unix socket's lock file names the server's
                // pid, which stops a restart after a crash for as long as the dead server is an unreaped zombie.
                .setServerConfig("unix_socket_directories", "");
        if (durable) {
            // zonky starts PostgreSQL with -F (fsync off) for throwaway test databases; these settings win.
            builder.setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on");
        }
        if (port > 0) {
            builder.setPort(port);
        }
        return builder.start();
    }

    public int port() {
        return port;
    }

    public Path dataDir() {
        return dataDir;
    }

    public DatabaseUrl url() {
        return new DatabaseUrl(postgres.getJdbcUrl(SUPERUSER, DATABASE), SUPERUSER, null);
    }

    /** Whether the server process is alive: false once it exited or was killed, until {@link #restart()}. */
    public boolean isRunning() {
        return postmaster.isAlive() && !isZombie(postmaster.pid());
    }

    /**
     * A dead server stays a zombie until its parent reaps it, and pg_ctl leaves it to the machine's init, which may
     * take seconds, or to the JVM when it runs as a container's process 1, which never does. Linux tells by the
     * state letter in /proc; elsewhere the process handle alone decides.
     */
    private static boolean isZombie(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) == 'Z';
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** The server's process, for a test that kills it as a crash would. */
    public ProcessHandle postmaster() {
        return postmaster;
    }

    /**
     * Starts the server again on the same folder and port after its process died (only then: the pid file of a
     * live server is no one else's to delete): PostgreSQL replays its
     * write-ahead log (crash recovery) before it accepts connections, so every committed transaction is back.
     */
    synchronized void restart() throws IOException {
        if (closed) {
            throw new IllegalStateException("the embedded PostgreSQL was closed");
        }
        // The dead server's pid file would make zonky's stop wait for a zombie to be reaped; without it the stop
        // fails at once (and says so in the log) and releases zonky's folder lock.
        Files.deleteIfExists(dataDir.resolve("postmaster.pid"));
        postgres.close();
        postgres = startServer(dataDir, port, durable);
        postmaster = postmasterOf(dataDir);
    }

    @Override
    public synchronized void close() throws IOException {
        closed = true;
        postgres.close();
    }

    boolean isClosed() {
        return closed;
    }

    /** The process of {@code postmaster.pid}, which a started server writes before it accepts connections. */
    private static ProcessHandle postmasterOf(Path dataDir) throws IOException {
        List<String> lines = Files.readAllLines(dataDir.resolve("postmaster.pid"));
        return ProcessHandle.of(Long.parseLong(lines.get(0).strip()))
                .orElseThrow(() -> new IOException("the embedded PostgreSQL exited right after it started"));
    }

    private void createDatabaseIfMissing() {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                var exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, DATABASE);
            if (!exists.executeQuery().next()) {
                connection.createStatement().execute("CREATE DATABASE " + DATABASE);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create the database " + DATABASE, e);
        }
    }

    /** Another live service holding the folder would lose its database if we went on. */
    private static void requireFolderNotInUse(Path dataDir) throws IOException {
        Path lockFile = dataDir.resolve(FOLDER_LOCK);
        if (!Files.exists(lockFile)) {
            return; // never started: initdb wants the folder empty
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
                FileLock lock = channel.tryLock()) {
            if (lock == null) {
                throw new InvalidSettingException(
                        "DATA_DIR", "is in use by another running instance of the service; give each its own folder");
            }
        }
    }

    /**
     * After the service is killed (kill -9, power loss of the JVM only) its PostgreSQL keeps running on the folder
     * and would refuse a second server. Nobody uses it any more (the folder lock above is free), so stop it.
     */
    private static void stopServerLeftRunning(Path dataDir) throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile);
        Optional<ProcessHandle> server = lines.isEmpty()
                ? Optional.empty()
                : ProcessHandle.of(Long.parseLong(lines.get(0).strip()))
                        .filter(ProcessHandle::isAlive)
                        .filter(process -> process.info()
                                .command()
                                .map(command -> command.endsWith("postgres"))
                                .orElse(false));
        if (server.isEmpty()) {
            return; // a stale pid file: PostgreSQL recovers from it by itself
        }
        log.atWarn()
                .addKeyValue("pid", server.get().pid())
                .log("stopping the embedded PostgreSQL left running by a previous run of the service");
        server.get().destroy(); // SIGTERM: a smart shutdown, its clients are gone
        if (!awaitExit(server.get(), 30)) {
            server.get().destroyForcibly(); // PostgreSQL replays its WAL on the next start
            awaitExit(server.get(), 10);
        }
    }

    private static boolean awaitExit(ProcessHandle process, int seconds) {
        try {
            process.onExit().get(seconds, TimeUnit.SECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }
}
