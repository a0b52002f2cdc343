package app.clinic.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import org.awaitility.Awaitility;

/**
 * A webhook receiver on loopback, as a bot's would be: keeps every request it gets and answers 200, or the statuses
 * a test queues first.
 */
final class WebhookReceiver implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(15);

    /** One request as received: its headers (lower-case names) and body. */
    record Received(Map<String, List<String>> headers, String body) {

        String header(String name) {
            return headers.get(name).get(0);
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Deque<Integer> answers = new ConcurrentLinkedDeque<>();
    private volatile String redirectTo;

    WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, List<String>> headers = new HashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values));
            received.add(new Received(headers, body));
            Integer status = answers.poll();
            if (redirectTo != null) {
                exchange.getResponseHeaders().add("Location", redirectTo);
                status = 302;
            }
            byte[] answer = "ok".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status == null ? 200 : status, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks";
    }

    /** The next requests get these statuses, in order; then 200 again. */
    void answerFirst(Integer... statuses) {
        answers.addAll(List.of(statuses));
    }

    /** From now on every request gets 200 again. */
    void answerOk() {
        answers.clear();
    }

    /** Every request gets 302 to {@code location}. */
    void redirectTo(String location) {
        this.redirectTo = location;
    }

    List<Received> received() {
        return new ArrayList<>(received);
    }

    /** Waits until {@code count} requests arrived; answers them. */
    List<Received> awaitRequests(int count) {
        Awaitility.await().atMost(WAIT).until(() -> received.size() >= count);
        return received();
    }

    void assertNothingMoreWithin(Duration quiet, int count) {
        Awaitility.await().pollDelay(quiet).atMost(quiet.plusSeconds(5)).until(() -> true);
        assertThat(received).hasSize(count);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
