package app.clinic.live;

import app.clinic.access.StreamAccess;
import app.clinic.audit.AuditTrail;
import java.io.IOException;
import java.util.concurrent.Executor;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter;

/**
 * A Server-Sent Events response: every day event carries its snapshot as id, for Last-Event-ID. Events go out as
 * the bytes their {@link Frame} rendered once for every stream, one write each.
 */
final class SseSubscriber extends Subscriber {

    /** Never timed out by the server: closed by the client, by a token check, or when the instance stops. */
    final ResponseBodyEmitter emitter = new ResponseBodyEmitter(0L);

    SseSubscriber(StreamAccess.Opener opener, AuditTrail.Stream audit, Executor sending) {
        super(opener, audit, sending);
        emitter.onCompletion(this::ended);
        emitter.onTimeout(this::ended);
        emitter.onError(error -> ended());
    }

    @Override
    void writeOpening() throws IOException {
        emitter.send(Frame.OPENING, MediaType.TEXT_EVENT_STREAM);
    }

    @Override
    void write(Frame frame) throws IOException {
        emitter.send(frame.event(), MediaType.TEXT_EVENT_STREAM);
    }

    @Override
    void writeHeartbeat() throws IOException {
        emitter.send(Frame.HEARTBEAT, MediaType.TEXT_EVENT_STREAM);
    }

    /** The client reconnects by itself (EventSource does), and is checked again then. */
    @Override
    void end(Ending why) {
        emitter.complete();
    }
}
