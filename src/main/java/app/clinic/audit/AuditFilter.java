package app.clinic.audit;

import app.clinic.web.RequestLog;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Opens every API request's audit record, before the token is read (so a refused token is recorded too), and
 * closes it when the answer is known ({@link AuditTrail#finish}). Runs inside the request id's filter, whose id the
 * record carries.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
class AuditFilter extends OncePerRequestFilter {

    private final AuditTrail trail;

    AuditFilter(AuditTrail trail) {
        this.trail = trail;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        AuditedRequest audited = new AuditedRequest(
                request.getMethod(), request.getRequestURI(), RequestLog.requestId(), request.getRemoteAddr());
        trail.begin(audited);
        int status = 500; // unless the chain answers: an exception that escapes it becomes a 500
        try {
            chain.doFilter(request, response);
            status = response.getStatus();
        } finally {
            trail.finish(audited, status);
        }
    }
}
