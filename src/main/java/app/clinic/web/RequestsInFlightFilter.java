package app.clinic.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.Semaphore;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Bounds the requests the service works on at once (MAX_REQUESTS_IN_FLIGHT, which is also Tomcat's thread limit).
 * Platform threads are bounded by Tomcat's pool already. Virtual threads (Java 21 and newer) are not: a burst of a
 * thousand requests would all wait for the database pool at once, and the last of them longer than its connection
 * timeout, a 503 where waiting would have done. Here the surplus waits its turn in arrival order, before it holds
 * anything. A stream (Server-Sent Events, a WebSocket) gives its turn back once it is opened.
 */
public class RequestsInFlightFilter extends OncePerRequestFilter {

    private final Semaphore turns;

    public RequestsInFlightFilter(int maxInFlight) {
        this.turns = new Semaphore(maxInFlight, true);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        turns.acquireUninterruptibly();
        try {
            chain.doFilter(request, response);
        } finally {
            turns.release();
        }
    }
}
