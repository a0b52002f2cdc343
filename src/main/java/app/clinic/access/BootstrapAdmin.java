package app.clinic.access;

import app.clinic.config.ClinicProperties;
import app.clinic.config.Secret;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The first admin, so that somebody can create the others. With BOOTSTRAP_ADMIN_TOKEN, that token is made valid
 * (idempotent on every start of every instance). Without it, the first start against an empty database makes a
 * token and writes it to a file only the service's user can read, next to the data folder; the log names the
 * file, never the token. Done before the port opens, after the migrations.
 */
@Component
@Lazy(false) // before the port opens: the first request may already carry the bootstrap token
class BootstrapAdmin implements SmartInitializingSingleton {

    /** Created by migration V4, which gave it the idempotency keys booked before access control. */
    static final UUID CLIENT_ID = UUID.fromString("00000000-0000-4000-8000-00000000a0a1");

    private static final Logger log = LoggerFactory.getLogger(BootstrapAdmin.class);

    private final AccessTokenRepository tokens;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final Optional<Secret> configuredToken;
    private final Path tokenFile;

    BootstrapAdmin(
            AccessTokenRepository tokens,
            JdbcClient jdbc,
            TransactionTemplate transaction,
            ClinicProperties properties) {
        this.tokens = tokens;
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.configuredToken = properties.bootstrapAdminToken();
        this.tokenFile = properties.dataDir().resolveSibling("admin-token");
    }

    @Override
    public void afterSingletonsInstantiated() {
        transaction.executeWithoutResult(status -> {
            if (configuredToken.isPresent()) {
                String token = configuredToken.get().value();
                if (tokens.issueForClient(Tokens.hash(token), Tokens.prefixOf(token), CLIENT_ID)) {
                    log.info("bootstrap admin token from BOOTSTRAP_ADMIN_TOKEN registered");
                }
                return;
            }
            // One instance decides, even when several start at once against a new database.
            jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended('clinic.bootstrap-admin', 0))")
                    .query((rs, row) -> null)
                    .list();
            if (tokens.noneIssuedAndNoUsers()) {
                String token = Tokens.newToken();
                tokens.issueForClient(Tokens.hash(token), Tokens.prefixOf(token), CLIENT_ID);
                writeOwnerOnly(token);
                log.atWarn()
                        .addKeyValue("file", tokenFile.toString())
                        .log("first start: an admin token was written to the file; create staff accounts with it,"
                                + " then delete the file");
            }
        });
    }

    /** Written beside, then moved: a reader never sees half a token, nor a moment of wider permissions. */
    private void writeOwnerOnly(String token) {
        try {
            Files.createDirectories(tokenFile.getParent());
            Path partial = tokenFile.resolveSibling(tokenFile.getFileName() + ".partial");
            Files.deleteIfExists(partial);
            Files.createFile(
                    partial, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(partial, token + "\n");
            Files.move(partial, tokenFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the admin token file " + tokenFile, e);
        }
    }
}
