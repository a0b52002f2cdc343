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
import java.sql.Statement;
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
    /** The role the service connects as: it owns the clinic's schema and nothing else. */
    private static final String SERVICE_ROLE = "clinic";

    private static final String LOOPBACK = "127.0.0.1";
    /** The name zonky gives the file it locks while a server of the folder is in use. */
    private static final String FOLDER_LOCK = "epg-lock";

    private final Path dataDir;
    private final boolean durable;
    private final int port;
    private final EmbeddedCredentials credentials;
    private volatile EmbeddedPostgres postgres;
    private volatile ProcessHandle postmaster;
    private volatile boolean closed;

    private EmbeddedDatabase(Path dataDir, boolean durable, EmbeddedCredentials credentials, EmbeddedPostgres postgres)
            throws IOException {
        this.dataDir = dataDir;
        this.durable = durable;
        this.credentials = credentials;
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
            // A folder made before the server was locked down (or a new one) trusts local connections until
            // secure() below has set the passwords; the password then given to zonky is simply not asked for.
            Optional<EmbeddedCredentials> existing = EmbeddedCredentials.read(dataDir);
            EmbeddedPostgres server =
                    startServer(dataDir, port, durable, existing.map(EmbeddedCredentials::superuserPassword));
            EmbeddedCredentials credentials =
                    existing.isPresent() ? existing.get() : EmbeddedCredentials.create(dataDir);
            EmbeddedDatabase database = new EmbeddedDatabase(dataDir, durable, credentials, server);
            database.secure();
            log.atInfo()
                    .addKeyValue("port", database.port())
                    .addKeyValue("data_dir", dataDir.toString())
                    .log("embedded PostgreSQL started");
            return database;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + dataDir, e);
        }
    }

    private static EmbeddedPostgres startServer(
            Path dataDir, int port, boolean durable, Optional<String> superuserPassword) throws IOException {
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
                .setServerConfig("unix_socket_directories", "")
                .setServerConfig("listen_addresses", LOOPBACK);
        // zonky checks that the server is up by connecting as the superuser.
        superuserPassword.ifPresent(password -> builder.setConnectConfig("password", password));
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

    /** How the service connects: as the clinic's own role, which is no superuser, with its password. */
    public DatabaseUrl url() {
        return new DatabaseUrl(jdbcUrl(), SERVICE_ROLE, credentials.servicePassword());
    }

    /** The same, as one JDBC URL with the credentials in it (for DATABASE_URL, as the tests use it). */
    public String jdbcUrlWithCredentials() {
        return jdbcUrl() + "?user=" + SERVICE_ROLE + "&password=" + credentials.servicePassword();
    }

    /** The superuser, for what only it may do: a base backup. */
    DatabaseUrl superuserUrl() {
        return new DatabaseUrl(jdbcUrl(), SUPERUSER, credentials.superuserPassword());
    }

    private String jdbcUrl() {
        return "jdbc:postgresql://" + LOOPBACK + ":" + port + "/" + DATABASE;
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
     * live server is no one else's to delete). PostgreSQL replays its write-ahead log (crash recovery) before it
     * accepts connections, so every committed transaction is back.
     */
    synchronized void restart() throws IOException {
        if (closed) {
            throw new IllegalStateException("the embedded PostgreSQL was closed");
        }
        // The dead server's pid file would make zonky's stop wait for a zombie to be reaped; without it the stop
        // fails at once (and says so in the log) and releases zonky's folder lock.
        Files.deleteIfExists(dataDir.resolve("postmaster.pid"));
        postgres.close();
        postgres = startServer(dataDir, port, durable, Optional.of(credentials.superuserPassword()));
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

    /**
     * Locks the server down, on every start so that a start interrupted half-way is completed by the next: passwords
     * for the superuser and the service's role, the clinic's database and schema owned by that role (tables made
     * by an older version as the superuser included), and password (scram) connections over loopback TCP only.
     */
    private void secure() {
        try (Connection admin = superuserUrl().withDatabase("postgres").openConnection(10);
                Statement sql = admin.createStatement()) {
            sql.execute("ALTER ROLE " + SUPERUSER + " PASSWORD " + literal(credentials.superuserPassword()));
            if (!exists(admin, "SELECT 1 FROM pg_roles WHERE rolname = ?", SERVICE_ROLE)) {
                sql.execute("CREATE ROLE " + SERVICE_ROLE + " LOGIN");
            }
            sql.execute("ALTER ROLE " + SERVICE_ROLE + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD "
                    + literal(credentials.servicePassword()));
            if (exists(admin, "SELECT 1 FROM pg_database WHERE datname = ?", DATABASE)) {
                sql.execute("ALTER DATABASE " + DATABASE + " OWNER TO " + SERVICE_ROLE);
            } else {
                sql.execute("CREATE DATABASE " + DATABASE + " OWNER " + SERVICE_ROLE);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not set up the roles of the embedded PostgreSQL", e);
        }
        try (Connection admin = superuserUrl().openConnection(10);
                Statement sql = admin.createStatement()) {
            sql.execute("ALTER SCHEMA public OWNER TO " + SERVICE_ROLE);
            sql.execute("""
                    DO $$
                    DECLARE relation record;
                    BEGIN
                      FOR relation IN SELECT c.relname, c.relkind FROM pg_class c
                                        JOIN pg_namespace n ON n.oid = c.relnamespace
                                       WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm')
                                         AND pg_get_userbyid(c.relowner) <> '%1$s'
                      LOOP
                        EXECUTE format('ALTER %%s public.%%I OWNER TO %1$s',
                                       CASE relation.relkind WHEN 'v' THEN 'VIEW'
                                                             WHEN 'm' THEN 'MATERIALIZED VIEW' ELSE 'TABLE' END,
                                       relation.relname);
                      END LOOP;
                    END $$
                    """.formatted(SERVICE_ROLE));
            Files.writeString(dataDir.resolve("pg_hba.conf"), """
                    # Written by the clinic service at each start: password (scram) connections over loopback only.
                    host all all 127.0.0.1/32 scram-sha-256
                    host all all ::1/128 scram-sha-256
                    """);
            sql.execute("SELECT pg_reload_conf()");
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("Could not lock down the embedded PostgreSQL", e);
        }
    }

    private static boolean exists(Connection connection, String query, String name) throws SQLException {
        try (var statement = connection.prepareStatement(query)) {
            statement.setString(1, name);
            return statement.executeQuery().next();
        }
    }

    /** A generated password (URL-safe Base64) as an SQL string literal: it holds no quote to escape. */
    private static String literal(String password) {
        return "'" + password + "'";
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
