package app.clinic.database;

import app.clinic.web.ApiException;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** A backup that cannot be taken now: the service has no embedded database, or a backup is running. */
class BackupRefusedException extends ApiException {

    private BackupRefusedException(String code, String message) {
        super(HttpStatus.CONFLICT, code, message, Map.of());
    }

    static BackupRefusedException externalDatabase() {
        return new BackupRefusedException(
                "BackupUnavailable",
                "The service backs up its embedded database only; this one runs on DATABASE_URL, whose PostgreSQL"
                        + " is backed up with its own tools");
    }

    static BackupRefusedException inProgress() {
        return new BackupRefusedException("BackupInProgress", "A backup is being taken; ask again when it is done");
    }
}
