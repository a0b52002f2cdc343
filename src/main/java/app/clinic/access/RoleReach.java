package app.clinic.access;

import java.util.function.Supplier;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/** Decides one route of {@link AccessRules}: the caller's role must be granted, and "own" must be the doctor's. */
class RoleReach implements AuthorizationManager<RequestAuthorizationContext> {

    private final AccessRules.Access access;
    private final DoctorScope scope;

    RoleReach(AccessRules.Access access, DoctorScope scope) {
        this.access = access;
        this.scope = scope;
    }

    @Override
    public AuthorizationResult authorize(
            Supplier<? extends Authentication> authentication, RequestAuthorizationContext context) {
        if (!(authentication.get().getPrincipal() instanceof Caller caller)) {
            return new AuthorizationDecision(false); // no token: answered 401 by the entry point
        }
        AccessRules.Reach reach = access.grants().get(caller.role());
        if (reach == null) {
            return new AuthorizationDecision(false);
        }
        return new AuthorizationDecision(reach == AccessRules.Reach.ALL
                || caller.ownDoctor()
                        .map(doctor -> scope.belongsTo(doctor, context.getVariables()))
                        .orElse(false));
    }
}
