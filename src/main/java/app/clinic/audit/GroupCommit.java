package app.clinic.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import org.springframework.stereotype.Component;

/**
 * Commits records that belong to no change's transaction (a read's, a refusal's, a stream's), many in one commit,
 * without waiting for the disk. A request queues its record and waits its turn; whoever's turn it is writes
 * everything queued by then, so under load one round trip and one commit carry the records of many requests, and
 * reads stay read-only transactions. A lone request writes its own at once, in one round trip. The lock only
 * orders this instance's writers; every transaction stands on its own, so instances need no coordination.
 */
@Component
class GroupCommit {

    /** Enough to amortise a round trip and a commit, few enough to keep one short. */
    private static final int MAX_BATCH = 200;

    private final AuditRecordRepository records;
    private final Queue<Pending> queue = new ConcurrentLinkedQueue<>();
    private final ReentrantLock writing = new ReentrantLock();

    GroupCommit(AuditRecordRepository records) {
        this.records = records;
    }

    /** A queued record; written and failure are set by whoever wrote its batch, under the lock. */
    private static final class Pending {
        final AuditRecordRepository.NewRecord record;
        boolean written;
        RuntimeException failure;

        Pending(AuditRecordRepository.NewRecord record) {
            this.record = record;
        }
    }

    /** Returns once the record is committed; throws when it could not be. */
    void commit(AuditRecordRepository.NewRecord record) {
        Pending mine = new Pending(record);
        queue.add(mine);
        writing.lock();
        try {
            while (!mine.written && mine.failure == null) { // a full batch may have left it queued
                writeQueued();
            }
        } finally {
            writing.unlock();
        }
        if (mine.failure != null) {
            throw mine.failure;
        }
    }

    private void writeQueued() {
        List<Pending> batch = new ArrayList<>();
        for (Pending next = queue.poll(); next != null; next = batch.size() < MAX_BATCH ? queue.poll() : null) {
            batch.add(next);
        }
        try {
            records.insertWithoutWaitingForTheDisk(
                    batch.stream().map(pending -> pending.record).toList());
            batch.forEach(pending -> pending.written = true);
        } catch (RuntimeException e) {
            batch.forEach(pending -> pending.failure = e);
        }
    }
}
