package app.clinic.access;

import org.springframework.dao.DataAccessException;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.server.resource.introspection.BadOpaqueTokenException;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Spring Security's bearer-token filter asks here who holds a token: our own tokens are opaque, looked up in our
 * database rather than at an authorization server.
 */
@Component
class TokenIntrospector implements OpaqueTokenIntrospector {

    /** Far longer than any token the service issues; a longer one is refused without hashing it. */
    private static final int MAX_TOKEN_LENGTH = 512;

    private final TokenService tokens;

    TokenIntrospector(TokenService tokens) {
        this.tokens = tokens;
    }

    @Override
    public OAuth2AuthenticatedPrincipal introspect(String token) {
        if (token.length() > MAX_TOKEN_LENGTH) {
            throw new BadOpaqueTokenException("The token is unknown, expired or revoked");
        }
        try {
            return tokens.authenticate(token, clientAddress())
                    .orElseThrow(() -> new BadOpaqueTokenException("The token is unknown, expired or revoked"));
        } catch (DataAccessException e) {
            // answered 503 by SecurityConfig's failure handler: a database outage is no wrong token
            throw new AuthenticationServiceException("The token store does not answer", e);
        }
    }

    /** The request being authenticated: Spring's request context is set before the security filters run. */
    private static String clientAddress() {
        return ((ServletRequestAttributes) RequestContextHolder.currentRequestAttributes())
                .getRequest()
                .getRemoteAddr();
    }
}
