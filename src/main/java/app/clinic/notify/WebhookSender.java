package app.clinic.notify;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.EmptyWebhookSecretException;
import com.standardwebhooks.exceptions.WebhookSigningException;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import org.springframework.stereotype.Component;

/**
 * One attempt at one delivery, as the Standard Webhooks specification has it: {@code webhook-id} (the event's, the
 * same at every attempt), {@code webhook-timestamp} and {@code webhook-signature}, signed at each attempt with the
 * subscription's secret and, during a rotation's grace, with the previous one too. No redirect is followed, and
 * no more of an answer is read than fits an error message.
 */
@Component
class WebhookSender {

    static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final int MAX_ANSWER_BYTES = 1024;
    private static final int MAX_ERROR_CHARS = 300;

    /** HTTP/1.1: over plain http, HTTP/2 would first try an upgrade that most receivers refuse. */
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    private final WebhookUrls urls;
    private final Clock clock;

    WebhookSender(WebhookUrls urls, Clock clock) {
        this.urls = urls;
        this.clock = clock;
    }

    /** What the receiver answered; a status of null when it could not be reached. */
    record Answer(Integer status, String error) {

        boolean delivered() {
            return status != null && status >= 200 && status < 300;
        }
    }

    /**
     * Sends without holding a thread while the receiver answers: a slow receiver holds up only its own
     * deliveries.
     */
    CompletableFuture<Answer> send(String url, String messageId, String body, List<String> secrets) {
        String refusal = urls.refusal(url);
        if (refusal != null) {
            return CompletableFuture.completedFuture(new Answer(null, "not sent: the URL " + refusal));
        }
        long timestamp = clock.instant().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .header("User-Agent", "clinic-webhooks")
                .header("webhook-id", messageId)
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", signatures(secrets, messageId, timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        return http.sendAsync(request, WebhookSender::answerText).handle((response, failure) -> {
            if (failure == null) {
                return response.statusCode() >= 200 && response.statusCode() < 300
                        ? new Answer(response.statusCode(), null)
                        : new Answer(
                                response.statusCode(),
                                shorten("answered " + response.statusCode() + ": " + response.body()));
            }
            Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
            return cause instanceof HttpTimeoutException
                    ? new Answer(null, "no answer within " + TIMEOUT.toSeconds() + " s")
                    : new Answer(null, shorten("could not be reached: " + cause));
        });
    }

    /** A 2xx's body is discarded; another's is kept up to {@link #MAX_ANSWER_BYTES}, for its error message. */
    private static HttpResponse.BodySubscriber<String> answerText(HttpResponse.ResponseInfo info) {
        return info.statusCode() >= 200 && info.statusCode() < 300
                ? HttpResponse.BodySubscribers.replacing("")
                : new FirstBytes(MAX_ANSWER_BYTES);
    }

    /** The first bytes of a body as text; the rest is not waited for. */
    private static final class FirstBytes implements HttpResponse.BodySubscriber<String> {

        private final int limit;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final CompletableFuture<String> text = new CompletableFuture<>();
        private Flow.Subscription subscription;

        FirstBytes(int limit) {
            this.limit = limit;
        }

        @Override
        public CompletionStage<String> getBody() {
            return text;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            for (ByteBuffer buffer : buffers) {
                byte[] part = new byte[Math.min(buffer.remaining(), limit - bytes.size())];
                buffer.get(part);
                bytes.write(part, 0, part.length);
            }
            if (bytes.size() >= limit) {
                subscription.cancel();
                onComplete();
            }
        }

        @Override
        public void onError(Throwable failure) {
            text.completeExceptionally(failure);
        }

        @Override
        public void onComplete() {
            text.complete(bytes.toString(StandardCharsets.UTF_8));
        }
    }

    /** Space-separated, one per valid secret: a receiver holding either verifies. */
    private static String signatures(List<String> secrets, String messageId, long timestamp, String body) {
        StringBuilder signatures = new StringBuilder();
        for (String secret : secrets) {
            try {
                if (!signatures.isEmpty()) {
                    signatures.append(' ');
                }
                signatures.append(new Webhook(secret).sign(messageId, timestamp, body));
            } catch (EmptyWebhookSecretException | WebhookSigningException e) {
                throw new IllegalStateException("a stored webhook secret does not sign", e);
            }
        }
        return signatures.toString();
    }

    private static String shorten(String text) {
        return text.length() <= MAX_ERROR_CHARS ? text : text.substring(0, MAX_ERROR_CHARS);
    }
}
