package app.clinic.live;

import java.nio.charset.StandardCharsets;

/**
 * A message for streams, rendered once for all the streams it goes to: the text a WebSocket sends, and the bytes
 * of the Server-Sent Event (with its snapshot as id), made when first asked for and then shared.
 */
final class Frame {

    /** How long a browser waits before reconnecting after the stream broke, said once at the start. */
    static final byte[] OPENING = "retry:3000\n:open\n\n".getBytes(StandardCharsets.UTF_8);

    /** A comment line: no event for the client, but bytes that keep proxies from closing an idle stream. */
    static final byte[] HEARTBEAT = ":heartbeat\n\n".getBytes(StandardCharsets.UTF_8);

    private final Snapshot at;
    private final String json;
    private volatile byte[] event;

    private Frame(Snapshot at, String json) {
        this.at = at;
        this.json = json;
    }

    /** An event of a day read at {@code at}. */
    static Frame of(Snapshot at, String json) {
        return new Frame(at, json);
    }

    /** A reply that is about no day (a pong, an error): no id. */
    static Frame reply(String json) {
        return new Frame(null, json);
    }

    String json() {
        return json;
    }

    /** The event's bytes; the JSON has no line breaks, so it is one data line. */
    byte[] event() {
        byte[] bytes = event;
        if (bytes == null) {
            String id = at == null ? "" : "id:" + at.text() + "\n";
            bytes = (id + "data:" + json + "\n\n").getBytes(StandardCharsets.UTF_8);
            event = bytes;
        }
        return bytes;
    }
}
