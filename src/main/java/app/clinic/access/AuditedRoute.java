package app.clinic.access;

import app.clinic.audit.AuditTrail;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * Tells the audit trail which route of {@link AccessRules} a request matched and who sent it, before the route's
 * decision: a refused caller is recorded as well as an admitted one.
 */
class AuditedRoute implements AuthorizationManager<RequestAuthorizationContext> {

    private static final Pattern VARIABLE = Pattern.compile("\\{([a-z_]+)}");

    private final AccessRules.Rule rule;
    private final AuthorizationManager<RequestAuthorizationContext> decision;
    private final AuditTrail trail;
    /**
     * The route's own resource: its last id in the path, as in /appointments/{appointment_id}/history or
     * /doctors/{doctor_id}/days/{date}/cancel.
     */
    private final String resourceVariable;

    AuditedRoute(AccessRules.Rule rule, AuthorizationManager<RequestAuthorizationContext> decision, AuditTrail trail) {
        this.rule = rule;
        this.decision = decision;
        this.trail = trail;
        List<String> variables = VARIABLE.matcher(rule.pattern())
                .results()
                .map(match -> match.group(1))
                .filter(variable -> variable.endsWith("_id"))
                .toList();
        this.resourceVariable = variables.isEmpty() ? null : variables.get(variables.size() - 1);
    }

    @Override
    public AuthorizationResult authorize(
            Supplier<? extends Authentication> authentication, RequestAuthorizationContext context) {
        AuditTrail.Actor actor = authentication.get().getPrincipal() instanceof Caller caller
                ? new AuditTrail.Actor(caller.id(), caller.name(), caller.role().wire())
                : null;
        trail.route(
                rule.auditAction(),
                resourceVariable == null ? null : context.getVariables().get(resourceVariable),
                actor);
        return decision.authorize(authentication, context);
    }
}
