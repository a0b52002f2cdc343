package app.clinic.audit;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;

/**
 * What one request's audit record will say, gathered while the request runs: where it came from ({@link
 * AuditFilter}), which route and caller it is (the access rules, once the token is read), the patients it
 * concerns (the services that read or change them). One thread serves a request, so this needs no locking.
 */
final class AuditedRequest {

    final String method;
    final String path;
    final String requestId;
    final String clientAddress;

    String action;
    String resourceId;
    AuditTrail.Actor actor;
    final Set<UUID> patientIds = new LinkedHashSet<>();

    /** A transaction will write the record as it commits. */
    boolean boundToTransaction;

    /** A read committed: its record is owed before the answer's body is written. */
    boolean readToRecord;

    /** The record is committed: nothing more to write for this request. */
    boolean recorded;

    AuditedRequest(String method, String path, String requestId, String clientAddress) {
        this.method = method;
        this.path = path;
        this.requestId = requestId;
        this.clientAddress = clientAddress;
    }

    /** A read's record is committed after the read, before the answer (see {@link AuditTrail#beforeAnswer}). */
    boolean isRead() {
        return "GET".equals(method);
    }

    /** "patient" of "patient.read": an action names what it acts on, then what it does. */
    String resourceType() {
        int dot = action == null ? -1 : action.indexOf('.');
        return dot < 0 ? null : action.substring(0, dot);
    }

    AuditRecordRepository.NewRecord toRecord(String outcome, Integer status) {
        return new AuditRecordRepository.NewRecord(
                actor == null ? null : actor.id(),
                actor == null ? null : actor.name(),
                actor == null ? null : actor.role(),
                action != null ? action : method + " " + path,
                resourceType(),
                resourceId,
                PatientSet.of(patientIds),
                outcome,
                status,
                requestId,
                clientAddress);
    }
}
