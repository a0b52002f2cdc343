package app.clinic.access;

import app.clinic.config.ClinicProperties;
import app.clinic.web.RequestLog;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.springframework.stereotype.Service;

/** Who holds a bearer token: looked up on every request, so a revocation holds everywhere at once. */
@Service
class TokenService {

    /** How stale "last used" may be; the idle timeout is as precise as this. */
    static final Duration TOUCH_INTERVAL = Duration.ofMinutes(1);

    private final AccessTokenRepository tokens;
    private final Duration staffIdleTimeout;
    private final Clock clock;

    TokenService(AccessTokenRepository tokens, ClinicProperties properties, Clock clock) {
        this.tokens = tokens;
        this.staffIdleTimeout = properties.staffIdleTimeout();
        this.clock = clock;
    }

    Optional<Caller> authenticate(String token) {
        byte[] hash = Tokens.hash(token);
        Optional<AccessTokenRepository.ActiveToken> active = tokens.findActive(hash, staffIdleTimeout);
        active.filter(found ->
                        found.lastUsedAt().isBefore(OffsetDateTime.now(clock).minus(TOUCH_INTERVAL)))
                .ifPresent(found -> tokens.touch(hash, TOUCH_INTERVAL));
        active.ifPresent(found -> {
            RequestLog.put("principal_id", found.caller().id());
            RequestLog.put("role", found.caller().role().wire());
        });
        return active.map(AccessTokenRepository.ActiveToken::caller);
    }
}
