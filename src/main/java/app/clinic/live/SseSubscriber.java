package app.clinic.live;

import app.clinic.access.StreamAccess;
import app.clinic.audit.AuditTrail;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.Executor;
import org.springframework.http.MediaType;

/**
 * A Server-Sent Events response: every day event carries its snapshot as id, for Last-Event-ID. It is the
 * Servlet container's asynchronous response itself, written with the bytes each {@link Frame} rendered once for
 * every stream, one write and flush an event: through Spring's emitter, each event went through message
 * converter lookups and header handling that cost a crowded day more than the write itself.
 */
final class SseSubscriber extends Subscriber implements AsyncListener {

    private final AsyncContext async;
    private final ServletOutputStream out;

    /** Starts the response; the caller's route returns at once and leaves it open (no timeout). */
    SseSubscriber(
            StreamAccess.Opener opener,
            AuditTrail.Stream audit,
            Executor sending,
            HttpServletRequest request,
            HttpServletResponse response)
            throws IOException {
        super(opener, audit, sending);
        response.setContentType(MediaType.TEXT_EVENT_STREAM_VALUE);
        response.setHeader("X-Accel-Buffering", "no"); // a proxy (nginx) must pass events on, not buffer them
        async = request.startAsync(request, response);
        async.setTimeout(0);
        async.addListener(this);
        out = response.getOutputStream();
    }

    @Override
    void writeOpening() throws IOException {
        send(Frame.OPENING);
    }

    @Override
    void write(Frame frame) throws IOException {
        send(frame.event());
    }

    @Override
    void writeHeartbeat() throws IOException {
        send(Frame.HEARTBEAT);
    }

    /** The client reconnects by itself (EventSource does), and is checked again then. */
    @Override
    void end(Ending why) {
        try {
            async.complete();
        } catch (IllegalStateException e) {
            // completed already
        }
    }

    private void send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    @Override
    public void onComplete(AsyncEvent event) {
        ended();
    }

    @Override
    public void onTimeout(AsyncEvent event) {
        ended();
    }

    @Override
    public void onError(AsyncEvent event) {
        ended();
        end(Ending.BROKEN);
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
        // started once, by the constructor
    }
}
