package app.clinic.database;

import java.time.Instant;

/**
 * One backup: a gzipped tar of the embedded server's data folder, restored by unpacking it into an empty folder.
 *
 * @param file the file's name in BACKUP_DIR
 */
record Backup(String file, long sizeBytes, Instant createdAt) {}
