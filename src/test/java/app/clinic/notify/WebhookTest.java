package app.clinic.notify;

import app.clinic.HttpTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A test with a webhook receiver of its own on loopback, and the subscriptions it makes removed after it. */
abstract class WebhookTest extends HttpTest {

    protected WebhookReceiver receiver;

    @BeforeEach
    void startReceiver() throws Exception {
        receiver = new WebhookReceiver();
    }

    /** Subscriptions outlive a test in the shared database: left behind, they would be sent every later event. */
    @AfterEach
    void unsubscribeAndStopReceiver() {
        db.sql("DELETE FROM webhook_subscriptions WHERE url LIKE :receiver")
                .param("receiver", "http://127.0.0.1:%")
                .update();
        receiver.close();
    }

    /** A new subscription of {@code url} to the events, as created: its id and secret. */
    protected Map<String, Object> subscribe(String url, List<String> events, boolean includePhone) {
        Map<String, Object> body = new HashMap<>();
        body.put("url", url);
        body.put("events", events);
        body.put("include_patient_phone", includePhone);
        return given.post("/api/v1/webhooks", body, 201);
    }
}
