package app.clinic;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.util.concurrent.CompletionException;

/**
 * Requests to the streaming routes for the tests that walk every route: a client waiting for a whole answer would
 * wait for ever on an open stream, so these take the status as the answer starts and hang up.
 */
public final class StreamProbe {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private StreamProbe() {}

    /** The status of a GET, the stream it opens closed at once; {@code token} and {@code requestId} may be null. */
    public static int status(String baseUrl, String uri, String token, String requestId) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + uri));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (requestId != null) {
            request.header("X-Request-Id", requestId);
        }
        try {
            HttpResponse<InputStream> answer = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            answer.body().close();
            return answer.statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The status of a WebSocket handshake (101 when it opened; closed at once). */
    public static int handshake(String baseUrl, String uri, String token, String requestId) {
        WebSocket.Builder builder = HTTP.newWebSocketBuilder();
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        if (requestId != null) {
            builder.header("X-Request-Id", requestId);
        }
        try {
            WebSocket socket = builder.buildAsync(
                            URI.create(baseUrl.replace("http://", "ws://") + uri), new WebSocket.Listener() {})
                    .join();
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "probed").join();
            return 101;
        } catch (CompletionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) {
                return refused.getResponse().statusCode();
            }
            throw e;
        }
    }
}
