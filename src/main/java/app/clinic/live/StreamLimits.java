package app.clinic.live;

import app.clinic.config.ClinicProperties;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * At most MAX_STREAMS_PER_PRINCIPAL streams open at once per user or API client, on this instance: a stream holds
 * a connection and a place in every fan-out, and a leaking client (one that never closes what it opens) must not
 * hold them all.
 */
@Component
class StreamLimits {

    private final int perPrincipal;
    private final Map<UUID, Integer> open = new ConcurrentHashMap<>();

    StreamLimits(ClinicProperties properties) {
        this.perPrincipal = properties.maxStreamsPerPrincipal();
    }

    /** Takes a place for one more stream of {@code principal}, or refuses with 429. */
    void acquire(UUID principal) {
        boolean[] admitted = {false};
        open.compute(principal, (id, count) -> {
            int now = count == null ? 0 : count;
            if (now >= perPrincipal) {
                return count;
            }
            admitted[0] = true;
            return now + 1;
        });
        if (!admitted[0]) {
            throw StreamRefusedException.tooMany(perPrincipal);
        }
    }

    void release(UUID principal) {
        open.computeIfPresent(principal, (id, count) -> count <= 1 ? null : count - 1);
    }
}
