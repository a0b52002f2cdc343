package app.clinic.access;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import java.time.Duration;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * Slows down password guessing whatever RATE_LIMIT_PER_SECOND says: after 5 failed sign-ins of one username, one more
 * try per 20 seconds; after 30 failures from one address, one more per 2 seconds. Successful sign-ins cost nothing.
 * Per instance: several instances multiply the allowance, not the attacker's speed per instance.
 */
@Component
class LoginThrottle {

    private static final int USERNAME_FAILURES = 5;
    private static final Duration USERNAME_REFILL = Duration.ofSeconds(20);
    private static final int ADDRESS_FAILURES = 30;
    private static final Duration ADDRESS_REFILL = Duration.ofSeconds(2);

    private final Cache<String, Bucket> byUsername = buckets();
    private final Cache<String, Bucket> byAddress = buckets();

    /** Refuses a sign-in that comes too soon after too many failures, before its password is checked. */
    void requireAllowed(String username, String address) {
        Bucket user = usernameBucket(username);
        Bucket from = addressBucket(address);
        long wait = Math.max(nanosUntilOne(user), nanosUntilOne(from));
        if (wait > 0) {
            throw new AccessRefusals.RateLimited(
                    "Too many failed sign-ins; try again in a moment", Duration.ofNanos(wait));
        }
    }

    void failed(String username, String address) {
        usernameBucket(username).tryConsume(1);
        addressBucket(address).tryConsume(1);
    }

    private static long nanosUntilOne(Bucket bucket) {
        return bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill();
    }

    private Bucket usernameBucket(String username) {
        return byUsername.get(username.toLowerCase(Locale.ROOT), key -> bucket(USERNAME_FAILURES, USERNAME_REFILL));
    }

    private Bucket addressBucket(String address) {
        return byAddress.get(address, key -> bucket(ADDRESS_FAILURES, ADDRESS_REFILL));
    }

    private static Bucket bucket(int failures, Duration refillOne) {
        return Bucket.builder()
                .addLimit(limit -> limit.capacity(failures).refillGreedy(1, refillOne))
                .build();
    }

    /** Bounded: a flood of made-up usernames cannot grow the heap. */
    private static Cache<String, Bucket> buckets() {
        return Caffeine.newBuilder()
                .maximumSize(100_000)
                .expireAfterAccess(Duration.ofMinutes(15))
                .build();
    }
}
