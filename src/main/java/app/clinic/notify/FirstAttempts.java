package app.clinic.notify;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.SchedulableInstance;
import com.github.kagkarlsson.scheduler.task.SchedulableTaskInstance;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionOperations;

/**
 * The first attempt at each new delivery, made by the instance whose transaction created it, right after the
 * commit and without a task on db-scheduler's table: one thread reads the deliveries committed meanwhile in one
 * query and hands them to a pool of senders; another keeps the answers that came meanwhile in one statement. A busy clinic's
 * deliveries thus cost a share of two statements each, where a task each cost an insert in the booking's
 * transaction, a pick, and a durable delete.
 *
 * <p>Each new delivery is leased to its instance ({@link DeliveryRepository#FIRST_ATTEMPT_LEASE}), so no other
 * instance makes its first attempt. Whatever is not a plain first attempt goes to db-scheduler, which owns the
 * delivery from then on: a retry; an event whose appointment's earlier event is still on its way to the same
 * subscription (they arrive in order); one to a subscription that has {@link #PER_SUBSCRIPTION} attempts under way
 * already; and, through {@link #recoverLapsedLeases}, the deliveries of an instance that died, or stopped, before
 * their first attempt.
 */
@Component
class FirstAttempts implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(FirstAttempts.class);
    /** Deliveries read, or answers kept, in one statement at most. */
    private static final int BATCH = 200;
    /**
     * How long the sending thread gathers more commits after the first of a batch arrives: a busy clinic's
     * deliveries then share the read that starts their attempts, for a few milliseconds of delay.
     */
    private static final Duration SEND_GATHER = Duration.ofMillis(5);
    /**
     * How long the keeping thread gathers more answers: the statement that keeps them costs a busy clinic less per
     * answer the more it keeps at once. Meanwhile a delivered event still looks on its way, so a later event of the
     * same appointment committed within these milliseconds waits for db-scheduler rather than going at once; events
     * of one appointment come seconds apart, from people.
     */
    private static final Duration ANSWER_GATHER = Duration.ofMillis(50);
    /** Threads that send first attempts, each waiting for its receiver's answer ({@link WebhookSender#TIMEOUT}). */
    private static final int SENDERS = 32;
    /**
     * First attempts at one subscription at once, at most: a receiver that hangs holds up half of the senders,
     * never the other subscriptions'. Past it, deliveries go to db-scheduler.
     */
    private static final int PER_SUBSCRIPTION = SENDERS / 2;
    /** How long a stopping instance waits for the answers of attempts it sent, to keep them. */
    private static final Duration STOP_WAIT = WebhookSender.TIMEOUT.plusSeconds(2);

    private final DeliveryRepository deliveries;
    private final WebhookDelivery delivery;
    /** Looked up when used: the scheduler is built with its tasks, and the recovery task calls back here. */
    private final ObjectProvider<Scheduler> scheduler;

    private final TransactionOperations transactions;
    private final Clock clock;
    private final BlockingQueue<UUID> committed = new LinkedBlockingQueue<>();
    private final BlockingQueue<DeliveryRepository.Outcome> answered = new LinkedBlockingQueue<>();
    private final Map<UUID, AtomicInteger> sendingTo = new ConcurrentHashMap<>();
    private ThreadPoolExecutor senders;
    private Thread sending;
    private Thread keeping;
    private volatile boolean stopSending;
    private volatile boolean stopKeeping;

    FirstAttempts(
            DeliveryRepository deliveries,
            WebhookDelivery delivery,
            ObjectProvider<Scheduler> scheduler,
            TransactionOperations transactions,
            Clock clock) {
        this.deliveries = deliveries;
        this.delivery = delivery;
        this.scheduler = scheduler;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** Deliveries just committed, leased to this instance. */
    void committed(List<UUID> deliveryIds) {
        committed.addAll(deliveryIds);
    }

    /**
     * Hands the deliveries whose lease ran out to db-scheduler, at most {@code limit} (the recovery task's run);
     * answers how many.
     */
    int recoverLapsedLeases(int limit) {
        Integer taken = transactions.execute(status -> schedule(deliveries.takeLapsedLeases(limit)));
        return taken == null ? 0 : taken;
    }

    /** What a thread does with each batch it takes. */
    private interface Work<T> {
        void on(List<T> batch) throws InterruptedException;
    }

    /** Takes batches from the queue until told to stop and the queue is empty. */
    private <T> void loop(BlockingQueue<T> queue, Duration gather, BooleanSupplier stop, Work<T> work) {
        List<T> batch = new ArrayList<>(BATCH);
        while (!stop.getAsBoolean() || !queue.isEmpty()) {
            try {
                T first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                Thread.sleep(gather.toMillis());
                queue.drainTo(batch, BATCH - 1);
                work.on(batch);
            } catch (InterruptedException e) {
                return; // what is left keeps its lease, and the recovery takes it
            } catch (RuntimeException e) {
                // the database away: these deliveries keep their leases, and the recovery takes them
                log.warn("{} webhook deliveries left to the recovery: {}", batch.size(), e.toString());
            }
            batch.clear();
        }
    }

    /**
     * Sends the deliveries that are due to go now; the others go to db-scheduler (an earlier event still on its
     * way, too little of the lease left for an attempt, or the subscription's senders all taken) or are cancelled
     * (the subscription switched off).
     */
    private void send(List<UUID> deliveryIds) {
        List<DeliveryRepository.NextAttempt> handOver = new ArrayList<>();
        for (DeliveryRepository.Due due : deliveries.due(deliveryIds)) {
            Instant behindEarlier = delivery.behindEarlier(due);
            if (!due.firstAttemptTimeLeft()) {
                handOver.add(new DeliveryRepository.NextAttempt(due.id(), clock.instant()));
            } else if (!due.webhook().enabled()) {
                deliveries.cancel(due.id());
            } else if (behindEarlier != null) {
                handOver.add(new DeliveryRepository.NextAttempt(due.id(), behindEarlier));
            } else if (!reserveSender(due.webhook().id())) {
                handOver.add(new DeliveryRepository.NextAttempt(due.id(), clock.instant()));
            } else {
                senders.execute(() -> {
                    try {
                        answered.add(delivery.attempt(due));
                    } catch (RuntimeException e) {
                        log.warn("a webhook delivery left to the recovery: {}", e.toString());
                    } finally {
                        sendingTo.get(due.webhook().id()).decrementAndGet();
                    }
                });
            }
        }
        if (!handOver.isEmpty()) {
            transactions.executeWithoutResult(status -> schedule(deliveries.handOver(handOver)));
        }
    }

    /** Whether another first attempt at this subscription may start now; if so, it is counted. */
    private boolean reserveSender(UUID subscriptionId) {
        AtomicInteger sending = sendingTo.computeIfAbsent(subscriptionId, id -> new AtomicInteger());
        if (sending.incrementAndGet() <= PER_SUBSCRIPTION) {
            return true;
        }
        sending.decrementAndGet();
        return false;
    }

    /**
     * Keeps answers, and schedules the retries of the failed ones, in one transaction; answers that leave nothing to
     * schedule, in one statement.
     */
    private void keep(List<DeliveryRepository.Outcome> outcomes) {
        if (outcomes.stream().allMatch(outcome -> outcome.next() == null)) {
            deliveries.recordAttempts(outcomes, true);
        } else {
            transactions.executeWithoutResult(status -> schedule(deliveries.recordAttempts(outcomes, true)));
        }
    }

    /** In the caller's transaction, with the change that took these deliveries off their leases. */
    private int schedule(List<DeliveryRepository.NextAttempt> next) {
        if (!next.isEmpty()) {
            List<SchedulableInstance<?>> tasks = next.stream()
                    .<SchedulableInstance<?>>map(attempt -> new SchedulableTaskInstance<>(
                            new TaskInstance<Void>(
                                    WebhookDelivery.TASK, attempt.deliveryId().toString()),
                            attempt.at()))
                    .toList();
            scheduler.getObject().scheduleBatch(tasks);
        }
        return next.size();
    }

    @Override
    public synchronized void start() {
        stopSending = false;
        stopKeeping = false;
        AtomicInteger senderNumber = new AtomicInteger();
        senders =
                new ThreadPoolExecutor(SENDERS, SENDERS, 1, TimeUnit.MINUTES, new LinkedBlockingQueue<>(), runnable -> {
                    Thread thread = new Thread(runnable, "webhook-sender-" + senderNumber.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        senders.allowCoreThreadTimeOut(true);
        sending =
                new Thread(() -> loop(committed, SEND_GATHER, () -> stopSending, this::send), "webhook-first-attempts");
        keeping =
                new Thread(() -> loop(answered, ANSWER_GATHER, () -> stopKeeping, this::keep), "webhook-first-answers");
        sending.setDaemon(true);
        keeping.setDaemon(true);
        sending.start();
        keeping.start();
    }

    /**
     * Sends what was committed, waits for the answers and keeps them: a delivery is sent twice only when its
     * instance dies. What is left after {@link #STOP_WAIT} keeps its lease, for the recovery.
     */
    @Override
    public synchronized void stop() {
        try {
            stopSending = true;
            sending.join(STOP_WAIT.toMillis());
            senders.shutdown();
            senders.awaitTermination(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            stopKeeping = true;
            keeping.join(STOP_WAIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sending = null;
        keeping = null;
    }

    @Override
    public synchronized boolean isRunning() {
        return sending != null;
    }

    /** Stopped after the web server: requests still finishing commit deliveries that are sent, not left leased. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }
}
