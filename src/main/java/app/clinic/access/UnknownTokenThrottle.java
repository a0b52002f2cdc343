package app.clinic.access;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import java.time.Duration;
import org.springframework.security.core.AuthenticationException;
import org.springframework.stereotype.Component;

/**
 * A token the service does not hold costs a database lookup to refuse. An address that sends more than 300 of them
 * (then 50 a second) gets 429 for the next ones without a lookup; tokens already in use from it keep working, as
 * they are answered from memory. Per instance, like the other limits.
 */
@Component
class UnknownTokenThrottle {

    private static final int BURST = 300;
    private static final int PER_SECOND = 50;

    /** Refused before its lookup; answered 429 by SecurityConfig's failure handler. */
    static final class Throttled extends AuthenticationException {

        private final transient Duration retryAfter;

        Throttled(Duration retryAfter) {
            super("Too many unknown tokens from this address");
            this.retryAfter = retryAfter;
        }

        Duration retryAfter() {
            return retryAfter;
        }
    }

    private final Cache<String, Bucket> byAddress = Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfterAccess(Duration.ofMinutes(10))
            .build();

    void requireLookupAllowed(String address) {
        Bucket bucket = byAddress.getIfPresent(address);
        if (bucket == null) {
            return;
        }
        long wait = bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill();
        if (wait > 0) {
            throw new Throttled(Duration.ofNanos(wait));
        }
    }

    void unknown(String address) {
        byAddress
                .get(
                        address,
                        key -> Bucket.builder()
                                .addLimit(
                                        limit -> limit.capacity(BURST).refillGreedy(PER_SECOND, Duration.ofSeconds(1)))
                                .build())
                .tryConsume(1);
    }
}
