package app.clinic.access;

import app.clinic.web.ApiErrorWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.UUID;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A token bucket per caller (RATE_LIMIT_PER_SECOND, bursts of twice that) on each instance: one runaway client
 * cannot take every pooled connection from the clinic's other screens. Runs right after the token is read, before
 * anything else costs the database.
 */
class RateLimitFilter extends OncePerRequestFilter {

    private final int perSecond;
    private final ApiErrorWriter errors;
    private final TokenBuckets<UUID> buckets;

    RateLimitFilter(int perSecond, ApiErrorWriter errors) {
        this.perSecond = perSecond;
        this.errors = errors;
        this.buckets = new TokenBuckets<>(2L * perSecond, perSecond, Duration.ofSeconds(1));
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return perSecond == 0;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof Caller caller) {
            Duration wait = buckets.take(caller.id());
            if (!wait.isZero()) {
                errors.write(
                        response,
                        new AccessRefusals.RateLimited(
                                "More than " + perSecond + " requests per second; slow down", wait));
                return;
            }
        }
        chain.doFilter(request, response);
    }
}
