package app.clinic.access;

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

    /** 5 failures, then one more every 20 seconds. */
    private final TokenBuckets<String> byUsername = new TokenBuckets<>(5, 1, Duration.ofSeconds(20));
    /** 30 failures, then one more every 2 seconds. */
    private final TokenBuckets<String> byAddress = new TokenBuckets<>(30, 1, Duration.ofSeconds(2));

    /** Refuses a sign-in that comes too soon after too many failures, before its password is checked. */
    void requireAllowed(String username, String address) {
        Duration wait = max(byUsername.untilNext(key(username)), byAddress.untilNext(address));
        if (!wait.isZero()) {
            throw new AccessRefusals.RateLimited("Too many failed sign-ins; try again in a moment", wait);
        }
    }

    void failed(String username, String address) {
        byUsername.take(key(username));
        byAddress.take(address);
    }

    private static String key(String username) {
        return username.toLowerCase(Locale.ROOT);
    }

    private static Duration max(Duration one, Duration other) {
        return one.compareTo(other) >= 0 ? one : other;
    }
}
