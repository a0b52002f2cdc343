package app.clinic.live;

import app.clinic.access.StreamAccess;
import app.clinic.audit.AuditTrail;
import app.clinic.web.ApiErrorWriter;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The seed's live queue, {@code /api/v1/ws/queue}: a client subscribes to a date, gets a snapshot, then an update
 * after every change of that day; it may ping, unsubscribe and subscribe again. A message it gets wrong is
 * answered with the seed's error texts, and the socket stays open.
 */
@Component
class QueueSocketHandler extends TextWebSocketHandler implements HandshakeInterceptor {

    private static final String OPENER = "live.opener";
    private static final String AUDIT = "live.audit";
    private static final String SUBSCRIBER = "live.subscriber";

    private final LiveStreams streams;
    private final AuditTrail trail;
    private final JsonMapper json;
    private final ApiErrorWriter errors;

    QueueSocketHandler(LiveStreams streams, AuditTrail trail, JsonMapper json, ApiErrorWriter errors) {
        this.streams = streams;
        this.trail = trail;
        this.json = json;
        this.errors = errors;
    }

    /** In the handshake request, which the access rules admitted: who opens it, counted against their limit. */
    @Override
    public boolean beforeHandshake(
            ServerHttpRequest request,
            ServerHttpResponse response,
            WebSocketHandler handler,
            Map<String, Object> attributes)
            throws IOException {
        HttpServletRequest servletRequest = ((ServletServerHttpRequest) request).getServletRequest();
        StreamAccess.Opener opener;
        try {
            opener = streams.admitSocket(servletRequest.getRemoteAddr());
        } catch (StreamRefusedException refused) {
            errors.write(((ServletServerHttpResponse) response).getServletResponse(), refused);
            return false;
        }
        AtomicReference<AuditTrail.Stream> audit = new AtomicReference<>();
        servletRequest.setAttribute(OPENER, opener);
        servletRequest.setAttribute(AUDIT, audit);
        attributes.put(OPENER, opener);
        attributes.put(AUDIT, audit);
        return true;
    }

    /** A handshake that failed (not a WebSocket request, say) after its stream was counted gives its place back. */
    @Override
    public void afterHandshake(
            ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler, Exception failure) {
        HttpServletRequest servletRequest = ((ServletServerHttpRequest) request).getServletRequest();
        int status = ((ServletServerHttpResponse) response).getServletResponse().getStatus();
        if (!(servletRequest.getAttribute(OPENER) instanceof StreamAccess.Opener counted)) {
            return;
        }
        if (failure != null || status != HttpStatus.SWITCHING_PROTOCOLS.value()) {
            streams.releaseSocket(counted);
        } else {
            @SuppressWarnings("unchecked")
            var audit = (AtomicReference<AuditTrail.Stream>) servletRequest.getAttribute(AUDIT);
            audit.set(trail.stream()); // recorded once it is a WebSocket, before it sends anything
        }
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) {
        StreamAccess.Opener opener =
                (StreamAccess.Opener) session.getAttributes().get(OPENER);
        @SuppressWarnings("unchecked")
        AuditTrail.Stream audit =
                ((AtomicReference<AuditTrail.Stream>) session.getAttributes().get(AUDIT)).get();
        if (audit == null) {
            throw new IllegalStateException("a WebSocket opened before its audit record was written");
        }
        session.getAttributes().put(SUBSCRIBER, streams.openSocket(session, opener, audit));
    }

    @Override
    protected void handleTextMessage(WebSocketSession session, TextMessage message) {
        SocketSubscriber subscriber = (SocketSubscriber) session.getAttributes().get(SUBSCRIBER);
        JsonNode request;
        try {
            request = json.readTree(message.getPayload());
        } catch (JacksonException e) {
            request = null;
        }
        if (request == null || !request.isObject()) {
            reply(subscriber, Map.of("error", "Invalid JSON message"));
            return;
        }
        JsonNode action = request.get("action");
        String name = action == null || action.isNull() ? "null" : action.asString();
        switch (name) {
            case "subscribe" -> subscribe(subscriber, request.get("date"));
            case "unsubscribe" -> {
                streams.unsubscribe(subscriber);
                reply(subscriber, Map.of("type", "unsubscribed", "message", "Successfully unsubscribed"));
            }
            case "ping" ->
                reply(
                        subscriber,
                        Map.of("type", "pong", "timestamp", Instant.now().toString()));
            default -> reply(subscriber, Map.of("error", "Unknown action: " + name));
        }
    }

    private void subscribe(SocketSubscriber subscriber, JsonNode date) {
        if (date == null || !date.isString() || date.asString().isBlank()) {
            reply(subscriber, Map.of("error", "Missing 'date' field in subscribe message"));
            return;
        }
        LocalDate day;
        try {
            day = LocalDate.parse(date.asString());
        } catch (DateTimeParseException e) {
            reply(subscriber, Map.of("error", "Invalid date format. Use YYYY-MM-DD"));
            return;
        }
        streams.subscribe(subscriber, day);
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        SocketSubscriber subscriber = (SocketSubscriber) session.getAttributes().get(SUBSCRIBER);
        if (subscriber != null) {
            subscriber.ended();
        }
    }

    private void reply(SocketSubscriber subscriber, Map<String, String> message) {
        subscriber.sendMessage(Frame.reply(json.writeValueAsString(message)));
    }
}
