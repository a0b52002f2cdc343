package app.clinic.web;

import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * A database that is overloaded or away: no bug, and the client may retry (503 with {@code Retry-After}). Shared by
 * the controllers' exception handler and the security filters, which read tokens before any controller runs.
 */
public final class DatabaseTrouble {

    private DatabaseTrouble() {}

    /** The refusal that {@code error} calls for, or empty when it is no database trouble (then it is a bug). */
    public static Optional<ApiException> of(Throwable error) {
        if (isBusy(error)) {
            return Optional.of(new Refusal("DatabaseBusy", "The database is busy; retry shortly", "1"));
        }
        if (isUnavailable(error)) {
            return Optional.of(new Refusal("DatabaseUnavailable", "The database does not answer; retry shortly", "5"));
        }
        return Optional.empty();
    }

    static Throwable rootCause(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** SQL states 55P03 (lock_timeout passed) and 57014 (statement_timeout passed, or cancelled). */
    private static boolean isBusy(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql
                    && ("55P03".equals(sql.getSQLState()) || "57014".equals(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isUnavailable(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof CannotGetJdbcConnectionException
                    || cause instanceof CannotCreateTransactionException
                    || cause instanceof DataAccessResourceFailureException) {
                return true;
            }
            // a failed statement's rollback failing too hides the statement's error behind this one
            if (cause instanceof TransactionSystemException transaction
                    && transaction.getApplicationException() != null
                    && isUnavailable(transaction.getApplicationException())) {
                return true;
            }
            // SQL state classes 08 (connection exception) and 57P (the server is shutting down or restarting)
            if (cause instanceof SQLException sql
                    && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                return true;
            }
        }
        return false;
    }

    private static final class Refusal extends ApiException {

        private final String retryAfterSeconds;

        Refusal(String code, String message, String retryAfterSeconds) {
            super(HttpStatus.SERVICE_UNAVAILABLE, code, message, Map.of());
            this.retryAfterSeconds = retryAfterSeconds;
        }

        @Override
        public Map<String, String> headers() {
            return Map.of(HttpHeaders.RETRY_AFTER, retryAfterSeconds);
        }
    }
}
