package app.clinic.live;

/** A stream's message about a day, as the seed's WebSocket sends it: {@code {"type": "snapshot", "data": …}}. */
record LiveMessage(String type, Object data) {}
