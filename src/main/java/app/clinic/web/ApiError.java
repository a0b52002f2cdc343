package app.clinic.web;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Map;

/** The one error body of the service, for every 4xx and 5xx. */
@Schema(description = "Error envelope returned with every 4xx and 5xx status")
public record ApiError(
        @Schema(description = "Machine-readable error code", example = "CapacityFull")
        String error,

        @Schema(
                description = "Human-readable explanation",
                example = "No available slots for this doctor on 2025-11-15")
        String message,

        @Schema(description = "Context of the error, e.g. one entry per invalid field")
        Map<String, Object> details) {}
