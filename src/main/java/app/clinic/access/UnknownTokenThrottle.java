package app.clinic.access;

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

    /** 300 unknown tokens, then 50 a second. */
    private final TokenBuckets<String> byAddress = new TokenBuckets<>(300, 50, Duration.ofSeconds(1));

    void requireLookupAllowed(String address) {
        Duration wait = byAddress.untilNext(address);
        if (!wait.isZero()) {
            throw new Throttled(wait);
        }
    }

    void unknown(String address) {
        byAddress.take(address);
    }
}
