package app.clinic.access;

import app.clinic.config.ClinicProperties;
import app.clinic.web.RequestLog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Who holds a bearer token: from the {@link TokenCache} when it was checked within the last minute, else from the
 * database. A revocation holds on every instance from the moment the revoking request answers.
 */
@Service
class TokenService {

    /** How stale "last used" may be; the idle timeout is as precise as this. */
    static final Duration TOUCH_INTERVAL = Duration.ofMinutes(1);

    private final AccessTokenRepository tokens;
    private final TokenCache cache;
    private final UnknownTokenThrottle unknownTokens;
    private final Duration staffIdleTimeout;
    private final Clock clock;

    TokenService(
            AccessTokenRepository tokens,
            TokenCache cache,
            UnknownTokenThrottle unknownTokens,
            ClinicProperties properties,
            Clock clock) {
        this.tokens = tokens;
        this.cache = cache;
        this.unknownTokens = unknownTokens;
        this.staffIdleTimeout = properties.staffIdleTimeout();
        this.clock = clock;
    }

    /** {@code address} is where the request came from: it pays for the lookups of tokens nobody holds. */
    Optional<Caller> authenticate(String token, String address) {
        Optional<Caller> caller = holderOf(token, address);
        caller.ifPresent(found -> RequestLog.put("principal_id", found.id()));
        return caller;
    }

    /** Who holds the token now, if anyone; for a request, {@link #authenticate} also names them in its log line. */
    Optional<Caller> holderOf(String token, String address) {
        byte[] hash = Tokens.hash(token);
        Instant now = clock.instant();
        Optional<Caller> caller = cache.find(hash, now);
        if (caller.isEmpty()) {
            unknownTokens.requireLookupAllowed(address);
            caller = lookUp(hash, now);
            if (caller.isEmpty()) {
                unknownTokens.unknown(address);
            }
        }
        return caller;
    }

    private Optional<Caller> lookUp(byte[] hash, Instant now) {
        long generation = cache.generation();
        Optional<AccessTokenRepository.ActiveToken> active = tokens.findActive(hash, staffIdleTimeout);
        active.ifPresent(found -> {
            if (found.lastUsedAt().toInstant().isBefore(now.minus(TOUCH_INTERVAL))) {
                tokens.touch(hash, TOUCH_INTERVAL);
            }
            cache.keep(hash, found.caller(), found.expiresAt(), generation);
        });
        return active.map(AccessTokenRepository.ActiveToken::caller);
    }
}
