package app.clinic.database;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Health")
@RestController
class HealthController {

    private final DatabaseHealth database;

    HealthController(DatabaseHealth database) {
        this.database = database;
    }

    record Health(
            @Schema(
                    example = "ok",
                    allowableValues = {"ok", "degraded"})
            String status,

            @Schema(
                    example = "up",
                    allowableValues = {"up", "down"})
            String database) {}

    @Operation(summary = "Service and database health")
    @ApiResponse(responseCode = "200", description = "The database answers")
    @ApiResponse(
            responseCode = "503",
            description =
                    "The database does not answer within a second; the service keeps running and recovers with it",
            content = @Content(schema = @Schema(implementation = Health.class)))
    @GetMapping("/health")
    ResponseEntity<Health> health() {
        if (database.databaseAnswers()) {
            return ResponseEntity.ok(new Health("ok", "up"));
        }
        return ResponseEntity.status(503).body(new Health("degraded", "down"));
    }
}
