package app.clinic.audit;

import app.clinic.web.Page;
import app.clinic.web.PageRequest;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/** Seals the trail, checks the chain of seals, and answers the examiners' questions. */
@Service
class AuditService {

    private static final Logger log = LoggerFactory.getLogger(AuditService.class);
    private static final String INSUFFICIENT_PRIVILEGE = "42501";

    private final AuditRecordRepository records;
    private final AuditSealRepository seals;
    private final AuditTrail trail;
    private volatile boolean mergingPatientIndex = true;

    AuditService(AuditRecordRepository records, AuditSealRepository seals, AuditTrail trail) {
        this.records = records;
        this.seals = seals;
        this.trail = trail;
    }

    /** The verdict of a check of the whole chain. */
    record Verification(boolean ok, long checked, long seals, long unsealed, AuditSealRepository.Break firstBad) {}

    /**
     * Seals what finished since the last seal, one seal per {@link AuditSealRepository#MAX_RECORDS_PER_SEAL}
     * records. Instances take turns on the chain's lock; one that waited finds the work done. The seal's hash is
     * logged: a copy of the chain's head outside the database, against which a rewritten chain shows.
     */
    @Transactional
    void seal() {
        seals.lockChain();
        Optional<AuditSealRepository.Seal> seal;
        do {
            seal = seals.sealNext();
            if (seal.isPresent()) {
                log.atInfo()
                        .addKeyValue("seal_id", seal.get().id())
                        .addKeyValue("records", seal.get().records())
                        .addKeyValue("hash", seal.get().hash())
                        .log("sealed audit records");
            }
        } while (seal.isPresent() && seal.get().records() == AuditSealRepository.MAX_RECORDS_PER_SEAL);
    }

    /**
     * Merges the patient sets stored since the last seal into their index, in one pass: cheaper than an index
     * insert a set, and off the requests' path. A database role that does not own the index may not; the
     * index then merges as PostgreSQL does by itself, when its pending list fills or autovacuum comes by.
     */
    void mergePatientIndex() {
        if (!mergingPatientIndex) {
            return;
        }
        try {
            seals.mergePendingPatientEntries();
        } catch (DataAccessException e) {
            if (!(e.getMostSpecificCause() instanceof SQLException sql
                    && INSUFFICIENT_PRIVILEGE.equals(sql.getSQLState()))) {
                throw e;
            }
            mergingPatientIndex = false;
            log.atInfo().log("the audit patient index merges by itself: the service's role does not own it");
        }
    }

    /** One snapshot for every check, so a seal written meanwhile is either wholly seen or not at all. */
    @Transactional(isolation = Isolation.REPEATABLE_READ, readOnly = true)
    Verification verify() {
        Optional<AuditSealRepository.Break> firstBad = seals.firstBreak();
        AuditSealRepository.Extent extent = seals.extent();
        return new Verification(
                firstBad.isEmpty(),
                extent.sealedRecords(),
                extent.seals(),
                extent.unsealedRecords(),
                firstBad.orElse(null));
    }

    /** Reading who saw a patient is itself recorded, with that patient, before the answer. */
    @Transactional(readOnly = true)
    Page<AuditRecord> search(AuditRecordRepository.Filter filter, PageRequest page) {
        if (filter.patientId() != null) {
            trail.concerns(filter.patientId());
        }
        return page.page(records.find(filter, page), record -> List.of(record.id()));
    }

    /** Removes the seals written before {@code cutoff}, and their records; the chain then starts after them. */
    @Transactional
    void pruneBefore(OffsetDateTime cutoff) {
        seals.lockChain();
        long pruned = seals.pruneBefore(cutoff);
        if (pruned > 0) {
            log.atInfo().addKeyValue("records", pruned).log("purged audit records past their retention");
        }
    }
}
