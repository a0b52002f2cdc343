package app.clinic.audit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.springframework.stereotype.Component;

/**
 * Commits records that belong to no change's transaction (a read's, a refusal's, a stream's), many in one commit,
 * without waiting for the disk. A request queues its record; one of the waiting requests at a time, the leader,
 * writes everything queued by then in one statement and wakes the requests it wrote for all at once, then hands
 * the lead to the oldest record still queued. Under load one round trip and one commit carry the records of many
 * requests, and reads stay read-only transactions; a lone request writes its own at once. Only this instance's
 * writers take turns; every transaction stands on its own, so instances need no coordination.
 */
@Component
class GroupCommit {

    /** Enough to amortise a round trip and a commit, few enough to keep one short. */
    private static final int MAX_BATCH = 200;

    /** About a day's lists of a large clinic, a few megabytes. */
    private static final int STORED_SETS_REMEMBERED = 20_000;

    private final AuditRecordRepository records;

    /**
     * Keys of patient sets this instance wrote or found committed: a record naming one sends the key alone, and
     * the database neither parses the ids again nor looks for the set. Sets are never deleted, so a key learnt
     * stays true.
     */
    private final Cache<String, Boolean> storedSets =
            Caffeine.newBuilder().maximumSize(STORED_SETS_REMEMBERED).build();

    private final Queue<Pending> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean leaderActive = new AtomicBoolean();

    GroupCommit(AuditRecordRepository records) {
        this.records = records;
    }

    private enum State {
        QUEUED,
        LEADING,
        WRITTEN,
        FAILED
    }

    /** A queued record and the request waiting for it; its state changes once it leaves the queue. */
    private static final class Pending {
        final AuditRecordRepository.NewRecord record;
        final Thread waiter = Thread.currentThread();
        volatile State state = State.QUEUED;
        RuntimeException failure; // published by the write of state

        Pending(AuditRecordRepository.NewRecord record) {
            this.record = record;
        }

        void settle(State outcome, RuntimeException cause) {
            failure = cause;
            state = outcome;
            if (waiter != Thread.currentThread()) {
                LockSupport.unpark(waiter);
            }
        }

        void lead() {
            state = State.LEADING;
            LockSupport.unpark(waiter);
        }
    }

    /** Returns once the record is committed; throws when it could not be. */
    void commit(AuditRecordRepository.NewRecord record) {
        Pending mine = new Pending(record);
        queue.add(mine);
        if (leaderActive.compareAndSet(false, true) || awaitWrittenOrLead(mine) == State.LEADING) {
            lead(mine);
        }
        if (mine.state == State.FAILED) {
            throw mine.failure;
        }
    }

    /**
     * Waits until the leader wrote this record or handed over the lead. An interrupt does not end the wait (the
     * answer must not leave before its record): it is kept for the caller.
     */
    private static State awaitWrittenOrLead(Pending mine) {
        boolean interrupted = false;
        State state;
        while ((state = mine.state) == State.QUEUED) {
            LockSupport.park(mine);
            interrupted |= Thread.interrupted();
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return state;
    }

    private void lead(Pending mine) {
        try {
            while (mine.state == State.QUEUED || mine.state == State.LEADING) { // a full batch may leave it queued
                writeQueued();
            }
        } finally {
            handOverTheLead();
        }
    }

    /**
     * To the oldest queued record's request, which then writes every queued record. With none queued the lead is
     * given up; a record queued just before that found a leader and waits, so the lead is taken back for it.
     */
    private void handOverTheLead() {
        do {
            Pending next = queue.peek(); // only the leader takes records out: the head stays queued
            if (next != null) {
                next.lead();
                return;
            }
            leaderActive.set(false);
        } while (!queue.isEmpty() && leaderActive.compareAndSet(false, true));
    }

    private void writeQueued() {
        List<Pending> batch = new ArrayList<>();
        for (Pending next = queue.poll(); next != null; next = batch.size() < MAX_BATCH ? queue.poll() : null) {
            batch.add(next);
        }
        RuntimeException failure = new IllegalStateException("the audit records' batch was not written");
        try {
            List<AuditRecordRepository.NewRecord> written =
                    batch.stream().map(pending -> pending.record).toList();
            records.insertWithoutWaitingForTheDisk(written, set -> storedSets.getIfPresent(set.key()) != null);
            written.stream()
                    .filter(record -> record.patients() != null)
                    .forEach(record -> storedSets.put(record.patients().key(), Boolean.TRUE));
            failure = null;
        } catch (RuntimeException e) {
            failure = e;
        } finally {
            for (Pending pending : batch) {
                pending.settle(failure == null ? State.WRITTEN : State.FAILED, failure);
            }
        }
    }
}
