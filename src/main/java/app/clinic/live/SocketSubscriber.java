package app.clinic.live;

import app.clinic.access.StreamAccess;
import app.clinic.audit.AuditTrail;
import java.io.IOException;
import java.util.concurrent.Executor;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PingMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;

/** A WebSocket on the seed's {@code /api/v1/ws/queue}: one subscription at a time, chosen by its messages. */
final class SocketSubscriber extends Subscriber {

    private final WebSocketSession session;

    SocketSubscriber(StreamAccess.Opener opener, AuditTrail.Stream audit, Executor sending, WebSocketSession session) {
        super(opener, audit, sending);
        this.session = session;
    }

    @Override
    void write(Frame frame) throws IOException {
        session.sendMessage(new TextMessage(frame.json()));
    }

    /** A WebSocket ping frame, which browsers answer by themselves. */
    @Override
    void writeHeartbeat() throws IOException {
        session.sendMessage(new PingMessage());
    }

    @Override
    void end(Ending why) {
        CloseStatus status = switch (why) {
            case TOKEN_ENDED -> CloseStatus.POLICY_VIOLATION.withReason("The token is revoked or expired");
            case BROKEN -> CloseStatus.SESSION_NOT_RELIABLE;
            case SHUTDOWN -> CloseStatus.GOING_AWAY;
        };
        try {
            session.close(status);
        } catch (IOException e) {
            // already broken: ended all the same
        }
    }
}
