package app.clinic.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import tools.jackson.databind.json.JsonMapper;

/** Clients of the live queue for tests: a WebSocket and an event stream that collect what they receive. */
final class LiveClients {

    static final Duration WAIT = Duration.ofSeconds(10);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private LiveClients() {}

    static String toJson(Object value) {
        return JSON.writeValueAsString(value);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> parse(String json) {
        return JSON.readValue(json, Map.class);
    }

    /** A WebSocket on /api/v1/ws/queue: its messages, parsed, in order; whether and how the server closed it. */
    static final class Socket implements WebSocket.Listener, AutoCloseable {

        final BlockingQueue<Map<String, Object>> messages = new LinkedBlockingQueue<>();
        final CompletableFuture<Integer> closedWith = new CompletableFuture<>();
        private final StringBuilder partial = new StringBuilder();
        private final WebSocket socket;

        /** Opens it with the token in the Authorization header, or as access_token when {@code inQuery}. */
        Socket(String baseUrl, String token, boolean inQuery) {
            String uri = baseUrl.replace("http://", "ws://") + "/api/v1/ws/queue"
                    + (inQuery ? "?access_token=" + token : "");
            var builder = HTTP.newWebSocketBuilder();
            if (!inQuery) {
                builder.header("Authorization", "Bearer " + token);
            }
            socket = builder.buildAsync(URI.create(uri), this).join();
        }

        Socket(String baseUrl, String token) {
            this(baseUrl, token, false);
        }

        void send(String text) {
            socket.sendText(text, true).join();
        }

        void subscribe(Object date) {
            send("{\"action\":\"subscribe\",\"date\":\"" + date + "\"}");
        }

        /** The next message, failing the test if none comes in time. */
        Map<String, Object> next() throws InterruptedException {
            Map<String, Object> message = messages.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(message).as("a message within %s", WAIT).isNotNull();
            return message;
        }

        /** The next message that {@code wanted}, skipping others (updates other tests' changes cause). */
        Map<String, Object> nextWhere(Predicate<Map<String, Object>> wanted) throws InterruptedException {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (System.nanoTime() < deadline) {
                Map<String, Object> message = messages.poll(50, TimeUnit.MILLISECONDS);
                if (message != null && wanted.test(message)) {
                    return message;
                }
            }
            throw new AssertionError("no such message within " + WAIT);
        }

        /** Whether any message arrives within {@code wait}: for what must not be sent. */
        Optional<Map<String, Object>> anyWithin(Duration wait, Predicate<Map<String, Object>> wanted)
                throws InterruptedException {
            long deadline = System.nanoTime() + wait.toNanos();
            while (System.nanoTime() < deadline) {
                Map<String, Object> message = messages.poll(50, TimeUnit.MILLISECONDS);
                if (message != null && wanted.test(message)) {
                    return Optional.of(message);
                }
            }
            return Optional.empty();
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                messages.add(parse(partial.toString()));
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closedWith.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closedWith.completeExceptionally(error);
        }

        @Override
        public void close() {
            try {
                socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
            } catch (CompletionException e) {
                // the server closed it first
            }
            socket.abort();
        }
    }

    /** An open Server-Sent Events response: its events (id and parsed data), in order. */
    static final class EventStream implements AutoCloseable {

        record Event(String id, Map<String, Object> message) {}

        final int status;
        final String contentType;
        final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        final List<String> comments = new ArrayList<>();
        final CompletableFuture<Void> ended = new CompletableFuture<>();
        private final CompletableFuture<HttpResponse<Stream<String>>> response;

        /** GET {@code uri} with the token in the header (or, if {@code uri} carries access_token, none). */
        EventStream(String baseUrl, String uri, String token, String lastEventId) {
            var request = HttpRequest.newBuilder(URI.create(baseUrl + uri)).header("Accept", "text/event-stream");
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            if (lastEventId != null) {
                request.header("Last-Event-ID", lastEventId);
            }
            response = HTTP.sendAsync(request.build(), HttpResponse.BodyHandlers.ofLines());
            HttpResponse<Stream<String>> answer =
                    response.orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
            status = answer.statusCode();
            contentType = answer.headers().firstValue("Content-Type").orElse("");
            Thread reader = new Thread(() -> read(answer.body()), "test-event-stream");
            reader.setDaemon(true);
            reader.start();
        }

        EventStream(String baseUrl, String uri, String token) {
            this(baseUrl, uri, token, null);
        }

        private void read(Stream<String> lines) {
            String id = null;
            StringBuilder data = new StringBuilder();
            try {
                for (String line : (Iterable<String>) lines::iterator) {
                    if (line.isEmpty()) {
                        if (data.length() > 0) {
                            events.add(new Event(id, parse(data.toString())));
                        }
                        id = null;
                        data.setLength(0);
                    } else if (line.startsWith("id:")) {
                        id = line.substring(3).strip();
                    } else if (line.startsWith("data:")) {
                        data.append(line.substring(5).strip());
                    } else if (line.startsWith(":")) {
                        synchronized (comments) {
                            comments.add(line.substring(1).strip());
                        }
                    }
                }
            } catch (RuntimeException e) {
                // closed by the test
            } finally {
                ended.complete(null);
            }
        }

        Event next() throws InterruptedException {
            Event event = events.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(event).as("an event within %s", WAIT).isNotNull();
            return event;
        }

        Event nextWhere(Predicate<Event> wanted) throws InterruptedException {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (System.nanoTime() < deadline) {
                Event event = events.poll(50, TimeUnit.MILLISECONDS);
                if (event != null && wanted.test(event)) {
                    return event;
                }
            }
            throw new AssertionError("no such event within " + WAIT);
        }

        /** Whether an event arrives within {@code wait}. */
        Optional<Event> anyWithin(Duration wait) throws InterruptedException {
            return Optional.ofNullable(events.poll(wait.toMillis(), TimeUnit.MILLISECONDS));
        }

        @Override
        public void close() {
            response.thenAccept(answer -> answer.body().close());
        }
    }

    /** The id of the first event a fresh stream of {@code uri} sends (its snapshot), the stream then closed. */
    static String firstEventId(String baseUrl, String uri, String token) throws InterruptedException {
        try (var stream = new EventStream(baseUrl, uri, token)) {
            return stream.next().id();
        }
    }

    /** The doctor's entry in a day's data (WebSocket or queue events), if the day has it. */
    @SuppressWarnings("unchecked")
    static Optional<Map<String, Object>> doctorIn(Map<String, Object> message, Object doctorId) {
        Map<String, Object> data = (Map<String, Object>) message.get("data");
        if (data == null) {
            return Optional.empty();
        }
        return ((List<Map<String, Object>>) data.get("doctors"))
                .stream()
                        .filter(entry ->
                                doctorId.toString().equals(((Map<String, Object>) entry.get("doctor")).get("id")))
                        .findFirst();
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> appointmentsIn(Map<String, Object> doctorEntry) {
        return (List<Map<String, Object>>) doctorEntry.get("appointments");
    }
}
