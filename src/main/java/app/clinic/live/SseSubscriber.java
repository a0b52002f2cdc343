package app.clinic.live;

import app.clinic.access.StreamAccess;
import app.clinic.audit.AuditTrail;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executor;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** A Server-Sent Events response: every day event carries its snapshot as id, for Last-Event-ID. */
final class SseSubscriber extends Subscriber {

    /** How long a browser waits before reconnecting after the stream broke. */
    private static final Duration RECONNECT = Duration.ofSeconds(3);

    /** Never timed out by the server: closed by the client, by a token check, or when the instance stops. */
    final SseEmitter emitter = new SseEmitter(0L);

    SseSubscriber(StreamAccess.Opener opener, AuditTrail.Stream audit, Executor sending) {
        super(opener, audit, sending);
        emitter.onCompletion(this::ended);
        emitter.onTimeout(this::ended);
        emitter.onError(error -> ended());
    }

    /** The headers, and how long to wait before reconnecting, before there is any event to send. */
    @Override
    void writeOpening() throws IOException {
        emitter.send(SseEmitter.event().reconnectTime(RECONNECT.toMillis()).comment("open"));
    }

    @Override
    void write(Snapshot at, String json) throws IOException {
        if (at == null) {
            emitter.send(SseEmitter.event().data(json));
        } else {
            emitter.send(SseEmitter.event().id(at.text()).data(json));
        }
    }

    /** A comment line: no event for the client, but bytes that keep proxies from closing an idle stream. */
    @Override
    void writeHeartbeat() throws IOException {
        emitter.send(SseEmitter.event().comment("heartbeat"));
    }

    /** The client reconnects by itself (EventSource does), and is checked again then. */
    @Override
    void end(Ending why) {
        emitter.complete();
    }
}
