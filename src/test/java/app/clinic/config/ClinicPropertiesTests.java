package app.clinic.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.scheduling.support.CronExpression;

class ClinicPropertiesTests {

    @Test
    void defaultsFollowTheSeed() {
        ClinicProperties properties = ClinicProperties.load(Map.<String, String>of()::get);

        assertThat(properties.databaseUrl()).isEmpty();
        assertThat(properties.maxAppointmentsPerDoctorPerDay()).isEqualTo(10);
        assertThat(properties.bookingHorizonDays()).isEqualTo(90);
        assertThat(properties.defaultPhoneRegion()).isEqualTo("IN");
        assertThat(properties.clinicZone()).isEqualTo(ZoneId.systemDefault());
        assertThat(properties.dataDir().endsWith(java.nio.file.Path.of("data", "postgres")))
                .isTrue();
        assertThat(properties.backupSchedule()).contains(CronExpression.parse("0 0 2 * * *"));
        assertThat(properties.backupDir().endsWith(java.nio.file.Path.of("data", "backups")))
                .isTrue();
        assertThat(properties.backupKeep()).isEqualTo(14);
    }

    @Test
    void scheduledBackupsAreOffWithAnExternalDatabaseAndCanBeTurnedOffWithADash() {
        assertThat(ClinicProperties.load(Map.of("DATABASE_URL", "postgres://u:p@h:5432/d")::get)
                        .backupSchedule())
                .isEmpty();
        assertThat(ClinicProperties.load(Map.of("BACKUP_CRON", "-")::get).backupSchedule())
                .isEmpty();
        assertThat(ClinicProperties.load(Map.of("BACKUP_CRON", "0 30 1 * * MON-SAT")::get)
                        .backupSchedule())
                .contains(CronExpression.parse("0 30 1 * * MON-SAT"));
    }

    @Test
    void aBackupScheduleThatCannotRunStopsTheStartNamingTheVariable() {
        assertThatThrownBy(() -> ClinicProperties.load(Map.of("BACKUP_CRON", "nightly")::get))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith("BACKUP_CRON must be a cron expression");
        assertThatThrownBy(() -> ClinicProperties.load(
                        Map.of("BACKUP_CRON", "0 0 2 * * *", "DATABASE_URL", "postgres://u:p@h:5432/d")::get))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith("BACKUP_CRON works with the embedded database only");
        assertThatThrownBy(() -> ClinicProperties.load(Map.of("BACKUP_KEEP", "0")::get))
                .hasMessageStartingWith("BACKUP_KEEP ");
        assertThatThrownBy(() -> ClinicProperties.load(
                        Map.of("DATA_DIR", "/srv/clinic/postgres", "BACKUP_DIR", "/srv/clinic/postgres/backups")::get))
                .hasMessageStartingWith("BACKUP_DIR must be outside DATA_DIR");
    }

    @Test
    void environmentVariablesAreRead() {
        ClinicProperties properties = ClinicProperties.load(Map.of(
                "MAX_APPOINTMENTS_PER_DOCTOR_PER_DAY", "25",
                "CLINIC_TIMEZONE", "Asia/Kolkata",
                "DEFAULT_PHONE_REGION", "gb",
                "DB_POOL_SIZE", "4",
                "DATABASE_URL", "postgres://u:p@h:5432/d")::get);

        assertThat(properties.maxAppointmentsPerDoctorPerDay()).isEqualTo(25);
        assertThat(properties.clinicZone()).isEqualTo(ZoneId.of("Asia/Kolkata"));
        assertThat(properties.defaultPhoneRegion()).isEqualTo("GB");
        assertThat(properties.poolSize()).isEqualTo(4);
        assertThat(properties.databaseUrl()).isPresent();
    }

    @Test
    void capacityZeroStopsTheStartNamingTheVariable() {
        assertThatThrownBy(() -> ClinicProperties.load(Map.of("MAX_APPOINTMENTS_PER_DOCTOR_PER_DAY", "0")::get))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith("MAX_APPOINTMENTS_PER_DOCTOR_PER_DAY must be a whole number from 1");
    }

    @Test
    void unknownZoneStopsTheStartNamingTheVariable() {
        assertThatThrownBy(() -> ClinicProperties.load(Map.of("CLINIC_TIMEZONE", "Mars/Olympus")::get))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith("CLINIC_TIMEZONE ");
    }

    @Test
    void badNumbersRegionsAndLevelsStopTheStartNamingTheVariable() {
        assertThatThrownBy(() -> ClinicProperties.load(Map.of("PORT", "eighty")::get))
                .hasMessageStartingWith("PORT ");
        assertThatThrownBy(() -> ClinicProperties.load(Map.of("DB_POOL_SIZE", "0")::get))
                .hasMessageStartingWith("DB_POOL_SIZE ");
        assertThatThrownBy(() -> ClinicProperties.load(Map.of("DEFAULT_PHONE_REGION", "XX")::get))
                .hasMessageStartingWith("DEFAULT_PHONE_REGION ");
        assertThatThrownBy(() -> ClinicProperties.load(Map.of("LOG_LEVEL", "LOUD")::get))
                .hasMessageStartingWith("LOG_LEVEL ");
        assertThatThrownBy(() -> ClinicProperties.load(Map.of("MANAGEMENT_PORT", "-1")::get))
                .hasMessageStartingWith("MANAGEMENT_PORT ");
        assertThatThrownBy(() -> ClinicProperties.load(Map.of("MAX_REQUESTS_IN_FLIGHT", "0")::get))
                .hasMessageStartingWith("MAX_REQUESTS_IN_FLIGHT ");
    }

    @Test
    void theAuditTrailIsSealedEveryTenSecondsAndKeptSixYearsUnlessSetOtherwise() {
        ClinicProperties defaults = ClinicProperties.load(Map.<String, String>of()::get);
        ClinicProperties set =
                ClinicProperties.load(Map.of("AUDIT_SEAL_INTERVAL", "1s", "AUDIT_RETENTION_DAYS", "3650")::get);

        assertThat(defaults.auditSealInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(defaults.auditRetentionDays()).isEqualTo(2190);
        assertThat(set.auditSealInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(set.auditRetentionDays()).isEqualTo(3650);
        assertThatThrownBy(() -> ClinicProperties.load(Map.of("AUDIT_SEAL_INTERVAL", "0s")::get))
                .hasMessageStartingWith("AUDIT_SEAL_INTERVAL ");
        assertThatThrownBy(() -> ClinicProperties.load(Map.of("AUDIT_SEAL_INTERVAL", "often")::get))
                .hasMessageStartingWith("AUDIT_SEAL_INTERVAL ");
        assertThatThrownBy(() -> ClinicProperties.load(Map.of("AUDIT_RETENTION_DAYS", "0")::get))
                .hasMessageStartingWith("AUDIT_RETENTION_DAYS ");
    }

    @Test
    void theQueueEstimateAssumesTenMinutesAPatientUnlessSetOtherwise() {
        assertThat(ClinicProperties.load(Map.<String, String>of()::get).queueMinutesPerPatient())
                .isEqualTo(10);
        assertThat(ClinicProperties.load(Map.of("QUEUE_MINUTES_PER_PATIENT", "15")::get)
                        .queueMinutesPerPatient())
                .isEqualTo(15);
        assertThatThrownBy(() -> ClinicProperties.load(Map.of("QUEUE_MINUTES_PER_PATIENT", "0")::get))
                .hasMessageStartingWith("QUEUE_MINUTES_PER_PATIENT ");
    }
}
