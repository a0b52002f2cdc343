package app.clinic.access;

import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthentication;
import org.springframework.stereotype.Component;

/**
 * What a stream that stays open for hours needs of access control: who opened it and with which token, and,
 * later, whether that token still holds. A request is checked once; a stream is checked again whenever any token
 * is revoked, on any instance, and at every heartbeat, so it closes once its token is revoked or expires.
 */
@Component
public class StreamAccess {

    /** The caller of the request opening a stream, and the token it presented (kept in memory, never logged). */
    public record Opener(Caller caller, String token, String address) {}

    private final TokenService tokens;
    private final TokenCache cache;

    StreamAccess(TokenService tokens, TokenCache cache) {
        this.tokens = tokens;
        this.cache = cache;
    }

    /** The current request's caller; the access rules have admitted it, so it has a token. */
    public Opener opener(String address) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof BearerTokenAuthentication bearer
                && bearer.getPrincipal() instanceof Caller caller) {
            return new Opener(caller, bearer.getToken().getTokenValue(), address);
        }
        throw new IllegalStateException("a stream opened without a token: the access rules must require one");
    }

    /** Whether the opener's token still names the same caller with the same rights (not revoked, not expired). */
    public boolean stillHolds(Opener opener) {
        Optional<Caller> now = tokens.holderOf(opener.token(), opener.address());
        return now.isPresent() && now.get().equals(opener.caller());
    }

    /** Runs {@code listener} whenever a token may have been revoked; it should only hand the news on. */
    public void onRevocation(Runnable listener) {
        cache.onRevocation(listener);
    }
}
