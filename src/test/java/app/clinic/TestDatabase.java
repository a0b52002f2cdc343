package app.clinic;

import app.clinic.database.EmbeddedDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/**
 * One real PostgreSQL for the whole test run, in a fresh folder, without fsync (tests may lose data on a crash).
 * Every Spring context of the run, and every second service instance, uses it through DATABASE_URL.
 */
public final class TestDatabase {

    private static EmbeddedDatabase database;

    private TestDatabase() {}

    public static synchronized String url() {
        if (database == null) {
            try {
                database = EmbeddedDatabase.start(Files.createTempDirectory("clinic-test-db"), 0, false);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    database.close();
                } catch (IOException e) {
                    // the run is over; the folder is temporary
                }
            }));
        }
        return database.jdbcUrlWithCredentials();
    }
}
