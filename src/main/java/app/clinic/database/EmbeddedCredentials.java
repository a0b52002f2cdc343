package app.clinic.database;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.Properties;

/**
 * The embedded server's passwords, generated on first use and kept in the data folder in a file only its owner
 * may read: one for the superuser (backups, an operator's psql), one for the role the service connects as. A
 * backup of the folder carries them, so a restored folder opens with the passwords it was made with.
 */
record EmbeddedCredentials(String superuserPassword, String servicePassword) {

    static final String FILE = "credentials";
    private static final String SUPERUSER = "postgres_password";
    private static final String SERVICE = "clinic_password";

    static Optional<EmbeddedCredentials> read(Path dataDir) throws IOException {
        Path file = dataDir.resolve(FILE);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return Optional.of(new EmbeddedCredentials(properties.getProperty(SUPERUSER), properties.getProperty(SERVICE)));
    }

    static EmbeddedCredentials create(Path dataDir) throws IOException {
        EmbeddedCredentials credentials = new EmbeddedCredentials(randomPassword(), randomPassword());
        Path file = dataDir.resolve(FILE);
        Path partial = dataDir.resolve(FILE + ".partial");
        Files.deleteIfExists(partial);
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(
                    partial, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(partial);
        }
        Properties properties = new Properties();
        properties.setProperty(SUPERUSER, credentials.superuserPassword());
        properties.setProperty(SERVICE, credentials.servicePassword());
        try (Writer writer = Files.newBufferedWriter(partial, StandardCharsets.UTF_8, StandardOpenOption.WRITE)) {
            properties.store(writer, "Passwords of the embedded PostgreSQL; keep this file private");
        }
        Files.move(partial, file);
        return credentials;
    }

    /** 32 random bytes, URL-safe: they may stand in a JDBC URL as they are. */
    private static String randomPassword() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @Override
    public String toString() {
        return "EmbeddedCredentials[…]";
    }
}
