package app.clinic.access;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;

/**
 * A token bucket per key (a caller, a username, an address) on this instance: {@code capacity} at once, then
 * {@code refillTokens} every {@code refillPeriod}. Bounded, and a key unused for a quarter of an hour is forgotten,
 * so a flood of made-up keys cannot grow the heap.
 */
final class TokenBuckets<K> {

    private final Cache<K, Bucket> buckets = Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfterAccess(Duration.ofMinutes(15))
            .build();
    private final long capacity;
    private final long refillTokens;
    private final Duration refillPeriod;

    TokenBuckets(long capacity, long refillTokens, Duration refillPeriod) {
        this.capacity = capacity;
        this.refillTokens = refillTokens;
        this.refillPeriod = refillPeriod;
    }

    /** Takes a token; answers zero when there was one, else how long until there is. */
    Duration take(K key) {
        ConsumptionProbe probe = buckets.get(key, unused -> newBucket()).tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? Duration.ZERO : Duration.ofNanos(probe.getNanosToWaitForRefill());
    }

    /** How long until a token is there, without taking it; zero for a key never seen. */
    Duration untilNext(K key) {
        Bucket bucket = buckets.getIfPresent(key);
        return bucket == null
                ? Duration.ZERO
                : Duration.ofNanos(bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill());
    }

    private Bucket newBucket() {
        return Bucket.builder()
                .addLimit(limit -> limit.capacity(capacity).refillGreedy(refillTokens, refillPeriod))
                .build();
    }
}
