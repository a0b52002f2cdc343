package app.clinic.web;

import org.slf4j.MDC;

/**
 * Adds a field to the one line the service logs per request (written by {@link RequestIdFilter} when the request
 * completes), and to any other line logged during the request. One line per request keeps the logs readable and
 * cheap: what a request did (the appointment it booked, the queue position it gave) stands next to its status.
 * Ids only: never a name, a phone or an email.
 */
public final class RequestLog {

    private RequestLog() {}

    public static void put(String key, Object value) {
        MDC.put(key, String.valueOf(value));
    }

    /** The current request's id, as its answer's X-Request-Id header gives it. */
    public static String requestId() {
        return MDC.get(RequestIdFilter.MDC_KEY);
    }
}
