package app.clinic.database;

import app.clinic.config.ClinicProperties;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Online backups of the embedded database: a base backup through PostgreSQL's own backup API, packed as one
 * gzipped tar. The server keeps serving meanwhile; the files copied while it writes are made consistent again by
 * the write-ahead log the archive carries, which PostgreSQL replays when it starts on the unpacked folder. A
 * temporary replication slot keeps that log from being recycled before it is copied.
 */
@Component
class EmbeddedDatabaseBackups {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseBackups.class);
    private static final String PREFIX = "clinic-";
    private static final String SUFFIX = ".tar.gz";
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final String WAL = "pg_wal";

    /** What PostgreSQL rebuilds or must not find in a restored folder (its documentation's list for backups). */
    private static final Set<String> LEFT_OUT_FILES =
            Set.of("postmaster.pid", "postmaster.opts", "backup_label", "tablespace_map", "pg_internal.init");

    private static final Set<String> EMPTIED_FOLDERS = Set.of(
            WAL, "pg_replslot", "pg_dynshmem", "pg_notify", "pg_serial", "pg_snapshots", "pg_stat_tmp", "pg_subtrans");

    private final Optional<EmbeddedDatabase> database;
    private final Path backupDir;
    private final int keep;
    private final Clock clock;
    // Only the service that holds the data folder's lock backs it up, so one JVM lock is enough here.
    private final ReentrantLock oneAtATime = new ReentrantLock();
    private final AtomicLong lastSuccess = new AtomicLong();

    EmbeddedDatabaseBackups(
            DatabaseConfig.DatabaseServer server, ClinicProperties properties, Clock clock, MeterRegistry registry) {
        this.database = server.embedded();
        this.backupDir = properties.backupDir();
        this.keep = properties.backupKeep();
        this.clock = clock;
        Gauge.builder("clinic.backup.last.success", lastSuccess, AtomicLong::get)
                .description("When the last backup succeeded, in seconds since the epoch (0: none since the start)")
                .baseUnit("seconds")
                .register(registry);
    }

    boolean isAvailable() {
        return database.isPresent();
    }

    /** Takes a backup now, then deletes the oldest beyond BACKUP_KEEP. */
    Backup take() {
        EmbeddedDatabase embedded = database.orElseThrow(BackupRefusedException::externalDatabase);
        if (!oneAtATime.tryLock()) {
            throw BackupRefusedException.inProgress();
        }
        try {
            long started = System.nanoTime();
            Instant now = clock.instant();
            Files.createDirectories(backupDir);
            Path file = backupDir.resolve(PREFIX + STAMP.format(now) + SUFFIX);
            Path partial = backupDir.resolve(file.getFileName() + ".partial");
            try (OutputStream out = Files.newOutputStream(partial)) {
                write(embedded, out, file.getFileName().toString());
            } catch (IOException | SQLException | RuntimeException e) {
                Files.deleteIfExists(partial);
                throw e;
            }
            // Only a whole archive ever carries the backup's name.
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
            lastSuccess.set(now.getEpochSecond());
            Backup backup = new Backup(file.getFileName().toString(), Files.size(file), now);
            log.atInfo()
                    .addKeyValue("file", backup.file())
                    .addKeyValue("size_bytes", backup.sizeBytes())
                    .addKeyValue("duration_ms", (System.nanoTime() - started) / 1_000_000)
                    .log("database backed up");
            deleteBeyondKeep();
            return backup;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the backup in " + backupDir, e);
        } catch (SQLException e) {
            throw new IllegalStateException("The database refused the backup", e);
        } finally {
            oneAtATime.unlock();
        }
    }

    /** The backups in BACKUP_DIR, newest first. */
    List<Backup> list() {
        if (!Files.isDirectory(backupDir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(backupDir)) {
            return files.filter(EmbeddedDatabaseBackups::isBackup)
                    .sorted(Comparator.comparing(Path::getFileName).reversed())
                    .map(EmbeddedDatabaseBackups::describe)
                    .flatMap(Optional::stream)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not list the backups in " + backupDir, e);
        }
    }

    private void write(EmbeddedDatabase embedded, OutputStream out, String label) throws IOException, SQLException {
        Path dataDir = embedded.dataDir();
        // The backup API and replication slots are the superuser's; the service's own role may not use them.
        try (Connection connection = embedded.superuserUrl().openConnection(10);
                Statement sql = connection.createStatement();
                TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(out, 1 << 16))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            // The slot lives as long as this connection, which is the backup's own: from here on no log the backup
            // needs is recycled.
            sql.execute("SELECT pg_create_physical_replication_slot('backup_' || pg_backend_pid(), true, true)");
            sql.execute("SELECT pg_backup_start('" + label + "', true)");
            addFolder(tar, dataDir, dataDir);
            String backupLabel;
            String tablespaceMap;
            try (ResultSet stop = sql.executeQuery("SELECT labelfile, spcmapfile FROM pg_backup_stop(false)")) {
                stop.next();
                backupLabel = stop.getString("labelfile");
                tablespaceMap = stop.getString("spcmapfile");
            }
            addText(tar, "backup_label", backupLabel);
            if (tablespaceMap != null && !tablespaceMap.isEmpty()) {
                addText(tar, "tablespace_map", tablespaceMap);
            }
            // The log last: it must reach at least to where pg_backup_stop ended the backup.
            addWal(tar, dataDir.resolve(WAL), dataDir);
            tar.finish();
        }
    }

    private void addFolder(TarArchiveOutputStream tar, Path folder, Path dataDir) throws IOException {
        List<Path> children;
        try (Stream<Path> list = Files.list(folder)) {
            children = list.sorted().toList();
        } catch (NoSuchFileException e) {
            return; // dropped by the server while we were copying: its files are not needed
        }
        for (Path child : children) {
            String name = child.getFileName().toString();
            if (LEFT_OUT_FILES.contains(name) || name.equals("epg-lock") || name.startsWith("pgsql_tmp")) {
                continue;
            }
            if (Files.isDirectory(child)) {
                addDirectoryEntry(tar, dataDir.relativize(child));
                if (!(folder.equals(dataDir) && EMPTIED_FOLDERS.contains(name))) {
                    addFolder(tar, child, dataDir);
                }
            } else {
                addFile(tar, child, dataDir);
            }
        }
    }

    private void addWal(TarArchiveOutputStream tar, Path wal, Path dataDir) throws IOException {
        try (Stream<Path> list = Files.list(wal)) {
            for (Path child : list.sorted().toList()) {
                if (Files.isDirectory(child)) {
                    addDirectoryEntry(tar, dataDir.relativize(child)); // archive_status, summaries: empty
                } else {
                    addFile(tar, child, dataDir);
                }
            }
        }
    }

    private static void addDirectoryEntry(TarArchiveOutputStream tar, Path relative) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(relative.toString().replace('\\', '/') + "/");
        entry.setMode(0040700); // PostgreSQL refuses a data folder others can read
        tar.putArchiveEntry(entry);
        tar.closeArchiveEntry();
    }

    /**
     * Copies the file as long as it was when listed: a table file may grow or shrink while the server writes it,
     * and the tar header has already named its size. A shorter file is padded with zeros; the log replay
     * rewrites every page that changed during the backup.
     */
    private static void addFile(TarArchiveOutputStream tar, Path file, Path dataDir) throws IOException {
        long size;
        try {
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            return; // a file the server removed meanwhile (a dropped table, a recycled segment)
        }
        TarArchiveEntry entry =
                new TarArchiveEntry(dataDir.relativize(file).toString().replace('\\', '/'));
        entry.setSize(size);
        entry.setMode(0100600);
        entry.setModTime(Files.getLastModifiedTime(file).toMillis());
        tar.putArchiveEntry(entry);
        long copied = 0;
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            while (copied < size) {
                int read = in.read(buffer, 0, (int) Math.min(buffer.length, size - copied));
                if (read < 0) {
                    break;
                }
                tar.write(buffer, 0, read);
                copied += read;
            }
        } catch (NoSuchFileException e) {
            // removed between the listing and the copy: the padding below stands in for it
        }
        byte[] zeros = new byte[1 << 16];
        while (copied < size) {
            int padding = (int) Math.min(zeros.length, size - copied);
            tar.write(zeros, 0, padding);
            copied += padding;
        }
        tar.closeArchiveEntry();
    }

    private static void addText(TarArchiveOutputStream tar, String name, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(bytes.length);
        entry.setMode(0100600);
        tar.putArchiveEntry(entry);
        tar.write(bytes);
        tar.closeArchiveEntry();
    }

    private void deleteBeyondKeep() throws IOException {
        List<Backup> backups = list();
        for (Backup old : backups.subList(Math.min(keep, backups.size()), backups.size())) {
            Files.deleteIfExists(backupDir.resolve(old.file()));
            log.atInfo().addKeyValue("file", old.file()).log("old backup deleted (BACKUP_KEEP)");
        }
    }

    private static boolean isBackup(Path file) {
        String name = file.getFileName().toString();
        return name.startsWith(PREFIX) && name.endsWith(SUFFIX);
    }

    private static Optional<Backup> describe(Path file) {
        try {
            String stamp =
                    file.getFileName().toString().substring(PREFIX.length()).replace(SUFFIX, "");
            return Optional.of(
                    new Backup(file.getFileName().toString(), Files.size(file), STAMP.parse(stamp, Instant::from)));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // deleted meanwhile, or a file of that shape that we did not write
        }
    }
}
