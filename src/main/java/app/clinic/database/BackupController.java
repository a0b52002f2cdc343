package app.clinic.database;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Administration")
@RestController
@RequestMapping("/api/v1/admin/backups")
class BackupController {

    private final EmbeddedDatabaseBackups backups;

    BackupController(EmbeddedDatabaseBackups backups) {
        this.backups = backups;
    }

    @Operation(
            summary = "Back up the embedded database now",
            description = "A consistent copy of the whole database, taken while the service keeps serving. Restore it"
                    + " by unpacking the file into an empty data folder (see the README).")
    @ApiResponse(responseCode = "201", description = "The backup was written to BACKUP_DIR")
    @ApiResponse(
            responseCode = "409",
            description = "BackupUnavailable (the service runs on DATABASE_URL) or BackupInProgress")
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Backup take() {
        return backups.take();
    }

    @Operation(summary = "The backups kept in BACKUP_DIR, newest first")
    @GetMapping
    List<Backup> list() {
        return backups.list();
    }
}
