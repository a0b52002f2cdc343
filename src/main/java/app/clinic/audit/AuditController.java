package app.clinic.audit;

import app.clinic.web.PageParameters;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Audit")
@RestController
class AuditController {

    private final AuditService audit;

    AuditController(AuditService audit) {
        this.audit = audit;
    }

    /** Where the chain breaks first. */
    record BreakResponse(
            long sealId,

            @Schema(
                    description = "The record found changed, deleted, outside its seal or naming a changed or"
                            + " deleted patient set; null for a seal's fault")
            Long recordId,

            @Schema(
                    allowableValues = {
                        "record changed",
                        "record deleted",
                        "record not in its seal",
                        "patient set changed",
                        "patient set deleted",
                        "seal changed",
                        "seal does not follow the one before (a seal deleted or changed)"
                    })
            String problem) {}

    record VerifyResponse(
            boolean ok,
            @Schema(description = "Sealed records checked") long checked,
            long seals,

            @Schema(description = "Records not sealed yet (sealed every AUDIT_SEAL_INTERVAL)")
            long unsealed,

            @Schema(description = "Null when ok") BreakResponse firstBad) {}

    @Operation(
            summary = "Check the audit trail for tampering",
            description = "Recomputes every seal's hash from the records it lists and the seal before it. A record"
                    + " changed or deleted, a record slipped into a sealed range, and a seal changed or deleted"
                    + " each make ok false, and first_bad names the first.")
    @ApiResponse(responseCode = "200", description = "The verdict")
    @GetMapping("/api/v1/audit/verify")
    VerifyResponse verify() {
        AuditService.Verification verdict = audit.verify();
        return new VerifyResponse(
                verdict.ok(),
                verdict.checked(),
                verdict.seals(),
                verdict.unsealed(),
                verdict.firstBad() == null
                        ? null
                        : new BreakResponse(
                                verdict.firstBad().sealId(),
                                verdict.firstBad().recordId(),
                                verdict.firstBad().problem()));
    }

    @Operation(
            summary = "Search the audit trail",
            description = "Newest first. Times in ISO 8601 with an offset; write a + as %2B in a query, or use Z.")
    @ApiResponse(responseCode = "200", description = "The records")
    @ApiResponse(responseCode = "400", description = "InvalidParameter")
    @GetMapping("/api/v1/audit")
    ResponseEntity<List<AuditRecord>> search(
            @Parameter(description = "Records that concerned this patient")
                    @RequestParam(name = "patient_id", required = false)
                    UUID patientId,
            @Parameter(description = "Records of this user or API client")
                    @RequestParam(name = "actor_id", required = false)
                    UUID actorId,
            @Parameter(description = "e.g. patient.read", example = "patient.read")
                    @RequestParam(name = "action", required = false)
                    String action,
            @Parameter(description = "From this time, inclusive", example = "2026-11-26T00:00:00Z")
                    @RequestParam(name = "from", required = false)
                    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
                    OffsetDateTime from,
            @Parameter(description = "Before this time", example = "2026-11-27T00:00:00Z")
                    @RequestParam(name = "to", required = false)
                    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
                    OffsetDateTime to,
            @ParameterObject PageParameters page) {
        return audit.search(new AuditRecordRepository.Filter(patientId, actorId, action, from, to), page.request())
                .toResponse();
    }

    @Operation(
            summary = "Who looked at or changed this patient's data, when, and doing what",
            description = "Every audit record naming the patient, newest first: the actor, the action (what they"
                    + " did and so why they saw it), the outcome.")
    @ApiResponse(responseCode = "200", description = "The records")
    @GetMapping("/api/v1/patients/{patient_id}/access-log")
    ResponseEntity<List<AuditRecord>> accessLog(
            @PathVariable("patient_id") UUID patientId, @ParameterObject PageParameters page) {
        return audit.search(new AuditRecordRepository.Filter(patientId, null, null, null, null), page.request())
                .toResponse();
    }
}
