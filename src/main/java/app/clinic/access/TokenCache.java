package app.clinic.access;

import app.clinic.database.DatabaseSignals;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The holders of tokens checked against the database within the last minute, so that a request needs no database
 * round trip to know its caller: the round trip cost a third of the JVM's time per booking. Correct across
 * instances because every revocation signals every instance in the revoking transaction (LISTEN/NOTIFY), each
 * forgets all it holds on that signal, and the revoking request answers only once the signal went out to all
 * of them; while an instance is not listening it holds nothing.
 */
@Component
@Lazy(false) // receives revocations from the start
class TokenCache {

    static final String CHANNEL = "clinic_access_revoked";
    private static final Duration RECEIPT_WAIT = Duration.ofSeconds(2);

    private record Entry(Caller caller, Instant expiresAt) {}

    private final DatabaseSignals signals;
    private final Cache<ByteBuffer, Entry> entries;
    /** Counts forgettings: an entry read from the database before the latest one is not kept. */
    private final AtomicLong generation = new AtomicLong();

    private final Map<String, CountDownLatch> awaitedReceipts = new ConcurrentHashMap<>();
    private final List<Runnable> revocationListeners = new CopyOnWriteArrayList<>();

    TokenCache(DatabaseSignals signals) {
        this.signals = signals;
        // After a minute a token is read again: "last used" is written then, idle and disabled accounts noticed.
        this.entries = Caffeine.newBuilder()
                .maximumSize(100_000)
                .expireAfterWrite(TokenService.TOUCH_INTERVAL)
                .build();
        signals.receive(CHANNEL, this::received, this::forgetAll);
    }

    Optional<Caller> find(byte[] hash, Instant now) {
        if (!signals.isListening()) {
            return Optional.empty(); // a revocation could pass unheard: ask the database
        }
        Entry entry = entries.getIfPresent(ByteBuffer.wrap(hash));
        if (entry == null || (entry.expiresAt() != null && !entry.expiresAt().isAfter(now))) {
            return Optional.empty();
        }
        return Optional.of(entry.caller());
    }

    /** Read before a database lookup; {@link #keep} ignores what was read before a revocation. */
    long generation() {
        return generation.get();
    }

    void keep(byte[] hash, Caller caller, Instant expiresAt, long readAtGeneration) {
        if (!signals.isListening()) {
            return;
        }
        entries.asMap()
                .compute(
                        ByteBuffer.wrap(hash),
                        (key, old) -> generation.get() == readAtGeneration ? new Entry(caller, expiresAt) : old);
    }

    /**
     * Called in the transaction that revokes a token, a user's tokens or a client: every instance forgets every
     * token it holds when the transaction commits, and the request answers after this instance has received the
     * signal, which PostgreSQL sends to every listening instance at the same moment. If this instance was not
     * listening, it cannot hear its own signal: it answers once it listens again (and has forgotten all it held),
     * which gives the others, who heard the signal at commit, the same head start.
     */
    void revokedInThisTransaction() {
        String receipt = UUID.randomUUID().toString();
        CountDownLatch received = new CountDownLatch(1);
        awaitedReceipts.put(receipt, received);
        boolean hearsItself = signals.isListening();
        signals.send(CHANNEL, receipt);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                try {
                    forgetAll();
                    if (status == STATUS_COMMITTED && hearsItself) {
                        received.await(RECEIPT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
                    } else if (status == STATUS_COMMITTED) {
                        signals.awaitListening(RECEIPT_WAIT);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    awaitedReceipts.remove(receipt);
                }
            }
        });
    }

    private void received(String receipt) {
        forgetAll();
        CountDownLatch awaited = awaitedReceipts.get(receipt);
        if (awaited != null) {
            awaited.countDown();
        }
    }

    /**
     * Runs {@code listener} after every revocation heard from any instance, and after a gap in which one may have
     * gone unheard; on the thread that hears it, so the listener only hands the news on.
     */
    void onRevocation(Runnable listener) {
        revocationListeners.add(listener);
    }

    private void forgetAll() {
        generation.incrementAndGet();
        entries.invalidateAll();
        revocationListeners.forEach(Runnable::run);
    }
}
