package app.clinic.config;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.scheduling.support.CronExpression;

/**
 * The service's settings, read from the environment variables the README lists. Parsed once at start-up; a bad
 * value stops the start with one line that names the variable.
 *
 * @param databaseUrl DATABASE_URL, the external PostgreSQL (read by the database package), or empty to run the
 *     embedded one
 * @param dataDir where the embedded PostgreSQL keeps its data
 * @param embeddedDatabasePort the embedded PostgreSQL's port; 0 picks a free one
 * @param poolSize the JDBC connection pool size
 * @param maxAppointmentsPerDoctorPerDay the daily limit of a doctor who has none of their own
 * @param bookingHorizonDays how many days ahead a booking may be made
 * @param clinicZone the zone that decides what "today" is
 * @param defaultPhoneRegion the region a phone number without country code is read in
 * @param backupSchedule when the embedded database is backed up, in the clinic zone; empty for never
 * @param backupDir where backups are written
 * @param backupKeep how many backups are kept; older ones are deleted after each new one
 * @param maxRequestBytes the largest request body the service reads
 * @param maxRequestsInFlight how many requests the service works on at once; more wait their turn
 * @param statementTimeoutMillis how long one SQL statement of a request may run
 * @param lockTimeoutMillis how long one SQL statement of a request may wait for a lock
 * @param staffTokenTtl how long a staff member's sign-in lasts at most
 * @param staffIdleTimeout how long a staff member's sign-in lasts without a request (automatic logoff)
 * @param bootstrapAdminToken an admin API token the service makes sure exists, for deployments and tests
 * @param rateLimitPerSecond requests per second one caller may make on one instance; 0 for no limit
 * @param idempotencyKeyRetention how long a booking's idempotency key is remembered
 * @param corsAllowedOrigins the browser origins allowed to call the API from another site; empty for none
 * @param auditSealInterval how often the audit records written since the last seal are sealed
 * @param auditRetentionDays how many days audit records are kept; older ones are purged with their seals
 * @param queueMinutesPerPatient the minutes a patient is assumed to take until a doctor's day shows its own pace
 * @param maxStreamsPerPrincipal how many live streams (WebSockets, event streams) one user or API client may have
 *     open at once on one instance
 * @param liveHeartbeatInterval how often an idle live stream gets a heartbeat, and its token is checked again
 * @param liveEventRetention how long the live queue's events are kept for clients that reconnect
 * @param notifications the webhooks', reminders' and "your turn is near" settings
 * @param scheduling the waitlist's and the walk-in places' settings
 */
public record ClinicProperties(
        Optional<String> databaseUrl,
        Path dataDir,
        int embeddedDatabasePort,
        int poolSize,
        int maxAppointmentsPerDoctorPerDay,
        int bookingHorizonDays,
        ZoneId clinicZone,
        String defaultPhoneRegion,
        Optional<CronExpression> backupSchedule,
        Path backupDir,
        int backupKeep,
        int maxRequestBytes,
        int maxRequestsInFlight,
        int statementTimeoutMillis,
        int lockTimeoutMillis,
        Duration staffTokenTtl,
        Duration staffIdleTimeout,
        Optional<Secret> bootstrapAdminToken,
        int rateLimitPerSecond,
        Duration idempotencyKeyRetention,
        List<String> corsAllowedOrigins,
        Duration auditSealInterval,
        int auditRetentionDays,
        int queueMinutesPerPatient,
        int maxStreamsPerPrincipal,
        Duration liveHeartbeatInterval,
        Duration liveEventRetention,
        Notifications notifications,
        Scheduling scheduling) {

    /**
     * @param offerHold how long a place freed for the waitlist is held for the patient it is offered to
     * @param walkInReleaseTime the time of day (clinic zone) from which a day's unused walk-in places may be booked
     *     by anyone; empty to keep them for walk-ins all day
     */
    public record Scheduling(Duration offerHold, Optional<LocalTime> walkInReleaseTime) {}

    /**
     * @param retryInitial the pause after a webhook's first failed attempt; each next one doubles, with jitter, up
     *     to an hour
     * @param retryFor how long a delivery is attempted before it is marked failed
     * @param secretGrace how long a rotated webhook secret still signs deliveries beside the new one
     * @param allowedHosts hosts a webhook may reach over plain http or at a private, loopback or link-local address
     * @param reminderTime when, the day before, tomorrow's booked patients are reminded (clinic zone)
     * @param turnNearAhead how many patients ahead of a waiting patient make "your turn is near"
     * @param deliveryRetention how long finished deliveries, their attempts and their events are kept
     */
    public record Notifications(
            Duration retryInitial,
            Duration retryFor,
            Duration secretGrace,
            List<String> allowedHosts,
            LocalTime reminderTime,
            int turnNearAhead,
            Duration deliveryRetention) {}

    public static final int MAX_DAILY_CAPACITY = 500;

    /** Nightly at 02:00, when a clinic is closed. */
    static final String DEFAULT_BACKUP_CRON = "0 0 2 * * *";

    private static final String BACKUP_OFF = "-";
    private static final int MIN_BOOTSTRAP_TOKEN_LENGTH = 32;
    private static final List<String> LOG_LEVELS = List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF");

    /** Reads the settings through {@code variables}, which answers null for an unset variable. */
    public static ClinicProperties load(Function<String, String> variables) {
        Settings settings = new Settings(variables);
        settings.integer("PORT", 8000, 0, 65535);
        settings.integer("MANAGEMENT_PORT", 8001, 0, 65535);
        requireValidLogLevel(variables.apply("LOG_LEVEL"));
        Optional<String> databaseUrl = settings.text("DATABASE_URL");
        Path dataDir =
                Path.of(settings.text("DATA_DIR").orElse("data/postgres")).toAbsolutePath();
        Path backupDir =
                Path.of(settings.text("BACKUP_DIR").orElse("data/backups")).toAbsolutePath();
        if (backupDir.normalize().startsWith(dataDir.normalize())) {
            throw new InvalidSettingException(
                    "BACKUP_DIR", "must be outside DATA_DIR: each backup would otherwise hold the ones before it");
        }
        Duration staffTokenTtl =
                settings.duration("STAFF_TOKEN_TTL", Duration.ofHours(8), Duration.ofMinutes(5), Duration.ofDays(30));
        return new ClinicProperties(
                databaseUrl,
                dataDir,
                settings.integer("EMBEDDED_DB_PORT", 0, 0, 65535),
                settings.integer("DB_POOL_SIZE", 20, 1, 200),
                settings.integer("MAX_APPOINTMENTS_PER_DOCTOR_PER_DAY", 10, 1, MAX_DAILY_CAPACITY),
                settings.integer("BOOKING_HORIZON_DAYS", 90, 0, 3650),
                settings.text("CLINIC_TIMEZONE").map(ClinicProperties::zone).orElseGet(ZoneId::systemDefault),
                settings.text("DEFAULT_PHONE_REGION")
                        .map(ClinicProperties::region)
                        .orElse("IN"),
                backupSchedule(settings.text("BACKUP_CRON"), databaseUrl.isPresent()),
                backupDir,
                settings.integer("BACKUP_KEEP", 14, 1, 1000),
                settings.integer("MAX_REQUEST_BYTES", 64 * 1024, 1024, 16 * 1024 * 1024),
                settings.integer("MAX_REQUESTS_IN_FLIGHT", 200, 1, 10_000),
                settings.integer("DB_STATEMENT_TIMEOUT_MS", 30_000, 100, 3_600_000),
                settings.integer("DB_LOCK_TIMEOUT_MS", 10_000, 100, 3_600_000),
                staffTokenTtl,
                settings.duration("STAFF_IDLE_TIMEOUT", Duration.ofMinutes(30), Duration.ofMinutes(2), staffTokenTtl),
                bootstrapAdminToken(settings.text("BOOTSTRAP_ADMIN_TOKEN")),
                settings.integer("RATE_LIMIT_PER_SECOND", 100, 0, 1_000_000),
                settings.duration(
                        "IDEMPOTENCY_KEY_RETENTION", Duration.ofDays(7), Duration.ofHours(1), Duration.ofDays(3650)),
                settings.text("CORS_ALLOWED_ORIGINS")
                        .map(ClinicProperties::origins)
                        .orElse(List.of()),
                settings.duration(
                        "AUDIT_SEAL_INTERVAL", Duration.ofSeconds(10), Duration.ofMillis(100), Duration.ofHours(1)),
                // six years: what HIPAA asks of a clinic's security records
                settings.integer("AUDIT_RETENTION_DAYS", 2190, 1, 36500),
                settings.integer("QUEUE_MINUTES_PER_PATIENT", 10, 1, 240),
                settings.integer("MAX_STREAMS_PER_PRINCIPAL", 20, 1, 10_000),
                // under the minute after which proxies commonly close an idle connection
                settings.duration(
                        "LIVE_HEARTBEAT_INTERVAL",
                        Duration.ofSeconds(15),
                        Duration.ofMillis(100),
                        Duration.ofMinutes(5)),
                settings.duration(
                        "LIVE_EVENT_RETENTION", Duration.ofHours(24), Duration.ofMinutes(10), Duration.ofDays(30)),
                new Notifications(
                        settings.duration(
                                "WEBHOOK_RETRY_INITIAL",
                                Duration.ofSeconds(10),
                                Duration.ofMillis(10),
                                Duration.ofHours(1)),
                        settings.duration(
                                "WEBHOOK_RETRY_FOR", Duration.ofHours(24), Duration.ofSeconds(1), Duration.ofDays(30)),
                        settings.duration(
                                "WEBHOOK_SECRET_GRACE", Duration.ofHours(24), Duration.ZERO, Duration.ofDays(30)),
                        settings.text("WEBHOOK_ALLOWED_HOSTS")
                                .map(ClinicProperties::hosts)
                                .orElse(List.of()),
                        settings.text("REMINDER_TIME")
                                .map(time -> timeOfDay("REMINDER_TIME", time))
                                .orElse(LocalTime.of(18, 0)),
                        settings.integer("TURN_NEAR_AHEAD", 2, 0, 100),
                        settings.duration(
                                "WEBHOOK_DELIVERY_RETENTION",
                                Duration.ofDays(30),
                                Duration.ofHours(1),
                                Duration.ofDays(3650))),
                new Scheduling(
                        Duration.ofMinutes(settings.integer("OFFER_HOLD_MINUTES", 30, 1, 24 * 60)),
                        settings.text("WALK_IN_RELEASE_TIME")
                                .filter(time -> !time.equalsIgnoreCase("off"))
                                .map(time -> timeOfDay("WALK_IN_RELEASE_TIME", time))));
    }

    private static List<String> hosts(String list) {
        List<String> hosts = Arrays.stream(list.split(","))
                .map(host -> host.strip().toLowerCase(Locale.ROOT))
                .filter(host -> !host.isEmpty())
                .toList();
        for (String host : hosts) {
            if (!host.matches("[a-z0-9.-]+|\\[[0-9a-f:.]+\\]")) {
                throw new InvalidSettingException(
                        "WEBHOOK_ALLOWED_HOSTS",
                        "must list host names or addresses such as bot.clinic.lan,127.0.0.1; '" + host
                                + "' is not one");
            }
        }
        return hosts;
    }

    private static LocalTime timeOfDay(String variable, String text) {
        try {
            return LocalTime.parse(text);
        } catch (DateTimeException e) {
            throw new InvalidSettingException(variable, "must be a time of day such as 18:00; '" + text + "' is not");
        }
    }

    /** Shorter tokens could be guessed; the service's own tokens have 32 random bytes. */
    private static Optional<Secret> bootstrapAdminToken(Optional<String> token) {
        if (token.isPresent() && token.get().length() < MIN_BOOTSTRAP_TOKEN_LENGTH) {
            throw new InvalidSettingException(
                    "BOOTSTRAP_ADMIN_TOKEN",
                    "must be at least " + MIN_BOOTSTRAP_TOKEN_LENGTH
                            + " characters, e.g. the output of: openssl rand -base64 32");
        }
        return token.map(Secret::new);
    }

    private static List<String> origins(String list) {
        List<String> origins = Arrays.stream(list.split(","))
                .map(String::strip)
                .filter(origin -> !origin.isEmpty())
                .toList();
        for (String origin : origins) {
            if (!origin.matches("https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?")) {
                throw new InvalidSettingException(
                        "CORS_ALLOWED_ORIGINS",
                        "must list origins such as https://desk.example.org, separated by commas; '" + origin
                                + "' is not one");
            }
        }
        return origins;
    }

    /**
     * Backups copy the embedded server's data folder, so they exist only for it: an external PostgreSQL is backed
     * up by its own operator's tools, and asking the service to do it is a configuration mistake.
     */
    private static Optional<CronExpression> backupSchedule(Optional<String> cron, boolean externalDatabase) {
        if (cron.isEmpty()) {
            return externalDatabase ? Optional.empty() : Optional.of(CronExpression.parse(DEFAULT_BACKUP_CRON));
        }
        if (cron.get().equals(BACKUP_OFF)) {
            return Optional.empty();
        }
        if (externalDatabase) {
            throw new InvalidSettingException(
                    "BACKUP_CRON",
                    "works with the embedded database only; with DATABASE_URL set, back up that PostgreSQL with"
                            + " its own tools (or set BACKUP_CRON=-)");
        }
        try {
            return Optional.of(CronExpression.parse(cron.get()));
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException(
                    "BACKUP_CRON",
                    "must be a cron expression of six fields (second minute hour day month weekday) such as '"
                            + DEFAULT_BACKUP_CRON + "', or - for no scheduled backups; '" + cron.get()
                            + "' is not");
        }
    }

    /** LOG_LEVEL, unset or one of the levels; checked on its own too, before logging starts (LogLevelCheck). */
    static void requireValidLogLevel(String level) {
        if (level != null
                && !level.isBlank()
                && !LOG_LEVELS.contains(level.strip().toUpperCase(Locale.ROOT))) {
            throw new InvalidSettingException("LOG_LEVEL", "must be one of " + String.join(", ", LOG_LEVELS));
        }
    }

    private static ZoneId zone(String name) {
        try {
            return ZoneId.of(name);
        } catch (DateTimeException e) {
            throw new InvalidSettingException(
                    "CLINIC_TIMEZONE", "must be an IANA time zone such as Asia/Kolkata; '" + name + "' is not one");
        }
    }

    private static String region(String code) {
        String region = code.toUpperCase(Locale.ROOT);
        if (!PhoneNumberUtil.getInstance().getSupportedRegions().contains(region)) {
            throw new InvalidSettingException(
                    "DEFAULT_PHONE_REGION",
                    "must be a two-letter region code such as IN or GB; '" + code + "' is not one");
        }
        return region;
    }

    private record Settings(Function<String, String> variables) {

        Optional<String> text(String name) {
            return Optional.ofNullable(variables.apply(name)).map(String::strip).filter(value -> !value.isEmpty());
        }

        int integer(String name, int defaultValue, int min, int max) {
            Optional<String> text = text(name);
            if (text.isEmpty()) {
                return defaultValue;
            }
            try {
                int value = Integer.parseInt(text.get());
                if (value >= min && value <= max) {
                    return value;
                }
            } catch (NumberFormatException e) {
                // reported below with the range, like an out-of-range number
            }
            throw new InvalidSettingException(
                    name, "must be a whole number from " + min + " to " + max + "; '" + text.get() + "' is not");
        }

        /** A duration such as 30m, 8h or 7d (or ISO-8601, PT8H). */
        Duration duration(String name, Duration defaultValue, Duration min, Duration max) {
            Optional<String> text = text(name);
            if (text.isEmpty()) {
                return defaultValue;
            }
            try {
                Duration value = DurationStyle.detectAndParse(text.get());
                if (value.compareTo(min) >= 0 && value.compareTo(max) <= 0) {
                    return value;
                }
            } catch (IllegalArgumentException e) {
                // reported below with the range, like an out-of-range duration
            }
            throw new InvalidSettingException(
                    name,
                    "must be a duration such as 30m, 8h or 7d, from " + DurationStyle.SIMPLE.print(min) + " to "
                            + DurationStyle.SIMPLE.print(max) + "; '" + text.get() + "' is not");
        }
    }
}
