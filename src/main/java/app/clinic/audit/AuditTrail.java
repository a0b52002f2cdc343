package app.clinic.audit;

import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The audit trail's entry point: one record per request that reads or changes patient data, and per security
 * event. The record is gathered as the request runs: the access rules say which route and caller it is, the
 * services name the patients they read or change. A change's record is written in the change's transaction, as
 * that commits, so a booking exists exactly when its record does; a read's is committed after the read and
 * before its answer's body is written (with other requests' records, {@link GroupCommit}), so no patient data
 * leaves without its record, and reads stay read-only transactions. A request that ends without one (refused,
 * denied, failed, or a route without patient data that was refused) gets its record when its answer is known, the
 * same way: a refusal changed nothing, so its record needs no transaction or disk flush of its own.
 */
@Component
public class AuditTrail {

    /** Who made a request: a user or an API client, by id, username or client name, and role. */
    public record Actor(UUID id, String name, String role) {}

    private static final Logger log = LoggerFactory.getLogger(AuditTrail.class);
    private static final ThreadLocal<AuditedRequest> CURRENT = new ThreadLocal<>();

    private final AuditRecordRepository records;
    private final GroupCommit groupCommit;

    AuditTrail(AuditRecordRepository records, GroupCommit groupCommit) {
        this.records = records;
        this.groupCommit = groupCommit;
    }

    /**
     * The route the request matched, named by its audit action ({@code "patient.read"}), or null for a route
     * without patient data, of which only a refusal is recorded; and the caller its token names (null without
     * one).
     */
    public void route(String action, String resourceId, Actor actor) {
        AuditedRequest request = CURRENT.get();
        if (request != null) {
            request.action = action;
            request.resourceId = resourceId;
            request.actor = actor;
        }
    }

    /** Who a sign-in acts as: the account it signed in, or only the username it tried. */
    public void signingIn(Actor actor) {
        AuditedRequest request = CURRENT.get();
        if (request != null) {
            request.actor = actor;
        }
    }

    /**
     * The patient a request asks about before its transaction begins (or instead of one, when it is refused first):
     * the record of its refusal names them. The transaction that reads or changes them still says so with {@link
     * #concerns}.
     */
    public void asksAbout(UUID patientId) {
        requireRequest().patientIds.add(patientId);
    }

    /** The patient this request reads or changes; its record is written in the current transaction. */
    public void concerns(UUID patientId) {
        concerns(List.of(patientId));
    }

    /** The patients this request reads or changes (a list names every one it returns). */
    public void concerns(Collection<UUID> patientIds) {
        AuditedRequest request = requireRequest();
        request.patientIds.addAll(patientIds);
        recordInThisTransaction(request);
    }

    /**
     * What this request acts on, for a route without an id in its path (what it created, what it checked in); its
     * record is written in the current transaction.
     */
    public void actsOn(UUID resourceId) {
        AuditedRequest request = requireRequest();
        if (request.resourceId == null) { // the route's own id names it first: a reschedule's old appointment
            request.resourceId = resourceId.toString();
        }
        recordInThisTransaction(request);
    }

    /** A change without patient data (an account, a token): its record commits with it. */
    public void changes() {
        recordInThisTransaction(requireRequest());
    }

    /**
     * A stream the current request opens (a WebSocket, Server-Sent Events): it shows patients long after the
     * request's own record, so each payload that shows patients it has not shown before gets a record of its
     * own, naming them, with the opening request's caller, action and request id.
     */
    public final class Stream {

        private final AuditRecordRepository.NewRecord opening;

        private Stream(AuditRecordRepository.NewRecord opening) {
            this.opening = opening;
        }

        /**
         * Commits the record of a payload about {@code resourceId} (a day) that shows these patients for the
         * first time on this stream; the payload may be sent once this returns, and must not be if it throws.
         */
        public void shows(String resourceId, Collection<UUID> patientIds) {
            groupCommit.commit(new AuditRecordRepository.NewRecord(
                    opening.actorId(),
                    opening.actorName(),
                    opening.actorRole(),
                    opening.action(),
                    opening.resourceType(),
                    resourceId,
                    PatientSet.of(patientIds),
                    AuditRecordRepository.SUCCESS,
                    null,
                    opening.requestId(),
                    opening.clientAddress()));
        }
    }

    /**
     * The audit of a stream the current request opens. Its own record, saying who opened it and when, is
     * committed now, before the stream sends anything.
     */
    public Stream stream() {
        AuditedRequest request = requireRequest();
        AuditRecordRepository.NewRecord opening = request.toRecord(AuditRecordRepository.SUCCESS, null);
        groupCommit.commit(opening);
        request.recorded = true;
        return new Stream(opening);
    }

    private static AuditedRequest requireRequest() {
        AuditedRequest request = CURRENT.get();
        if (request == null) {
            throw new IllegalStateException("patient data or access changed outside a request: nobody to record");
        }
        return request;
    }

    /**
     * Registers the record's insert as the last statement of the current transaction: one record however many
     * statements name patients. A transaction that rolls back takes the record with it, and the request is
     * recorded as refused or failed when it answers.
     */
    private void recordInThisTransaction(AuditedRequest request) {
        if (request.boundToTransaction || request.recorded) {
            return;
        }
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            throw new IllegalStateException("an audited read or change runs outside a transaction");
        }
        request.boundToTransaction = true;
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void beforeCommit(boolean readOnly) {
                if (!request.isRead()) {
                    records.insert(request.toRecord(AuditRecordRepository.SUCCESS, null));
                }
            }

            @Override
            public void afterCompletion(int status) {
                request.boundToTransaction = false;
                if (status == STATUS_COMMITTED) {
                    if (request.isRead()) {
                        request.readToRecord = true;
                    } else {
                        request.recorded = true;
                    }
                }
            }
        });
    }

    /**
     * Called as an answer's body is about to be written: a read's record is committed first, with other requests'
     * (see {@link GroupCommit}). Tried once: if it cannot be written, this answer fails (without the data), and
     * its record of the failure is written when it ends.
     */
    void beforeAnswer() {
        AuditedRequest request = CURRENT.get();
        if (request == null || !request.readToRecord || request.recorded) {
            return;
        }
        request.readToRecord = false;
        groupCommit.commit(request.toRecord(AuditRecordRepository.SUCCESS, null));
        request.recorded = true;
    }

    void begin(AuditedRequest request) {
        CURRENT.set(request);
    }

    /**
     * Writes the record of a request that ended without one: a refusal after its transaction rolled back, a
     * denial, a failure. A route without patient data that answered well leaves none.
     */
    void finish(AuditedRequest request, int status) {
        CURRENT.remove();
        if (request.recorded || !(request.action != null || status == 401 || status == 403)) {
            return;
        }
        try {
            groupCommit.commit(request.toRecord(outcomeOf(status), status));
        } catch (DataAccessException e) {
            // The answer is already decided and a failing database cannot change it: the loss is logged, without
            // the record's content.
            log.atError()
                    .addKeyValue("action", request.action)
                    .addKeyValue("status", status)
                    .addKeyValue("cause", e.getClass().getSimpleName())
                    .log("could not write the audit record of a refused or failed request");
        }
    }

    private static String outcomeOf(int status) {
        if (status < 400) {
            return AuditRecordRepository.SUCCESS;
        }
        if (status == 401 || status == 403) {
            return "denied";
        }
        return status >= 500 ? "failed" : "refused";
    }
}
