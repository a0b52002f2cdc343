package app.clinic.web;

import com.zaxxer.hikari.HikariDataSource;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Health")
@RestController
class HealthController {

    private static final Logger log = LoggerFactory.getLogger(HealthController.class);

    private final JdbcClient db;
    private final HikariDataSource pool;

    HealthController(JdbcClient db, HikariDataSource pool) {
        this.db = db;
        this.pool = pool;
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
            description = "The database does not answer; the service keeps running and recovers with it",
            content = @Content(schema = @Schema(implementation = Health.class)))
    @GetMapping("/health")
    ResponseEntity<Health> health() {
        if (databaseAnswers()) {
            return ResponseEntity.ok(new Health("ok", "up"));
        }
        // After a database restart the pool's idle connections are all dead: drop them and ask once more on a
        // fresh one, so that health reports the database as it is now.
        pool.getHikariPoolMXBean().softEvictConnections();
        if (databaseAnswers()) {
            return ResponseEntity.ok(new Health("ok", "up"));
        }
        return ResponseEntity.status(503).body(new Health("degraded", "down"));
    }

    private boolean databaseAnswers() {
        try {
            db.sql("SELECT 1").query(Integer.class).single();
            return true;
        } catch (RuntimeException e) {
            log.atWarn().addKeyValue("cause", e.getClass().getSimpleName()).log("health check: database down");
            return false;
        }
    }
}
