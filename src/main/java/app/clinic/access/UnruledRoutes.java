package app.clinic.access;

import java.util.function.Supplier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * An {@code /api/} request that no rule of {@link AccessRules} matches. If a controller would handle it, the route
 * was added without a rule: nobody may call it. Otherwise Spring MVC answers it 404 or 405, which a signed-in
 * caller may learn; a caller without a token gets 401 first.
 */
class UnruledRoutes implements AuthorizationManager<RequestAuthorizationContext> {

    private final ObjectProvider<RequestMappingHandlerMapping> mappings;

    UnruledRoutes(ObjectProvider<RequestMappingHandlerMapping> mappings) {
        this.mappings = mappings;
    }

    @Override
    public AuthorizationResult authorize(
            Supplier<? extends Authentication> authentication, RequestAuthorizationContext context) {
        if (!(authentication.get().getPrincipal() instanceof Caller)) {
            return new AuthorizationDecision(false);
        }
        return new AuthorizationDecision(!handled(context));
    }

    private boolean handled(RequestAuthorizationContext context) {
        try {
            return mappings.getObject().getHandler(context.getRequest()) != null;
        } catch (Exception e) {
            return false; // no handler for this method (405) or this media type: MVC answers it in the envelope
        }
    }
}
