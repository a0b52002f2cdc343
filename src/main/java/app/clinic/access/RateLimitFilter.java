package app.clinic.access;

import app.clinic.web.ApiErrorWriter;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
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
    private final Cache<UUID, Bucket> buckets = Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfterAccess(Duration.ofMinutes(10))
            .build();

    RateLimitFilter(int perSecond, ApiErrorWriter errors) {
        this.perSecond = perSecond;
        this.errors = errors;
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
            ConsumptionProbe probe = buckets.get(caller.id(), id -> newBucket()).tryConsumeAndReturnRemaining(1);
            if (!probe.isConsumed()) {
                errors.write(
                        response,
                        new AccessRefusals.RateLimited(
                                "More than " + perSecond + " requests per second; slow down",
                                Duration.ofNanos(probe.getNanosToWaitForRefill())));
                return;
            }
        }
        chain.doFilter(request, response);
    }

    private Bucket newBucket() {
        return Bucket.builder()
                .addLimit(limit -> limit.capacity(2L * perSecond).refillGreedy(perSecond, Duration.ofSeconds(1)))
                .build();
    }
}
