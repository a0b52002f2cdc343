package app.clinic.config;

import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Marker;
import org.slf4j.event.KeyValuePair;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.logging.structured.StructuredLogFormatter;
import org.springframework.core.env.Environment;
import tools.jackson.core.JsonEncoding;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.json.JsonFactory;

/**
 * Every log line as one JSON object in the Logstash layout (logging.structured.format.console), with patient data
 * masked whichever code logs it: a member named like patient data or a credential is replaced, and every text
 * (message, stack trace, any value) goes through {@link PhiRedactor}. Written straight to UTF-8 bytes by Jackson's
 * streaming generator: Spring Boot's own Logstash format built the same line through a tree of lambdas and a
 * character encoder per fragment, about a tenth of a booking's CPU on the request thread.
 */
public class PhiRedactingLogFormat implements StructuredLogFormatter<ILoggingEvent> {

    private static final JsonFactory JSON = new JsonFactory();

    private final ThrowableProxyConverter throwableProxyConverter;

    /** logging.structured.json.add: members every line carries (the environment's name). */
    private final Map<String, String> addedMembers;

    public PhiRedactingLogFormat(Environment environment, ThrowableProxyConverter throwableProxyConverter) {
        this.throwableProxyConverter = throwableProxyConverter;
        this.addedMembers = Binder.get(environment)
                .bind("logging.structured.json.add", Bindable.mapOf(String.class, String.class))
                .orElse(Map.of());
    }

    @Override
    public String format(ILoggingEvent event) {
        return new String(formatAsBytes(event, StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    }

    @Override
    public byte[] formatAsBytes(ILoggingEvent event, Charset charset) {
        if (!StandardCharsets.UTF_8.equals(charset)) {
            return format(event).getBytes(charset);
        }
        ByteArrayOutputStream line = new ByteArrayOutputStream(512);
        try (JsonGenerator json = JSON.createGenerator(line, JsonEncoding.UTF8)) {
            write(json, event);
        }
        line.write('\n');
        return line.toByteArray();
    }

    /** The members and their order of Spring Boot's Logstash format; the first seven are the logger's own. */
    private void write(JsonGenerator json, ILoggingEvent event) {
        json.writeStartObject();
        json.writeStringProperty("@timestamp", event.getInstant().toString());
        json.writeStringProperty("@version", "1");
        json.writeStringProperty("message", PhiRedactor.redact(event.getFormattedMessage()));
        json.writeStringProperty("logger_name", event.getLoggerName());
        json.writeStringProperty("thread_name", event.getThreadName());
        json.writeStringProperty("level", event.getLevel().toString());
        json.writeNumberProperty("level_value", event.getLevel().toInt());
        for (Map.Entry<String, String> context : event.getMDCPropertyMap().entrySet()) {
            writeMember(json, context.getKey(), context.getValue());
        }
        List<KeyValuePair> pairs = event.getKeyValuePairs();
        if (pairs != null) {
            for (KeyValuePair pair : pairs) {
                writeMember(json, pair.key, pair.value);
            }
        }
        Set<String> tags = tags(event.getMarkerList());
        if (!tags.isEmpty()) {
            json.writeName("tags");
            writeValue(json, null, tags);
        }
        if (event.getThrowableProxy() != null) {
            json.writeStringProperty("stack_trace", PhiRedactor.redact(throwableProxyConverter.convert(event)));
        }
        for (Map.Entry<String, String> added : addedMembers.entrySet()) {
            json.writeStringProperty(added.getKey(), added.getValue());
        }
        json.writeEndObject();
    }

    private static void writeMember(JsonGenerator json, String name, Object value) {
        json.writeName(name);
        writeValue(json, name, value);
    }

    /**
     * A value named like patient data is masked whatever it holds; texts, and anything else written as its text,
     * are redacted. {@code name} is null inside arrays.
     */
    private static void writeValue(JsonGenerator json, String name, Object value) {
        if (value == null) {
            json.writeNull();
        } else if (name != null && PhiRedactor.isPhiField(name)) {
            json.writeString(PhiRedactor.MASK);
        } else if (value instanceof Boolean flag) {
            json.writeBoolean(flag);
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short) {
            json.writeNumber(((Number) value).longValue());
        } else if (value instanceof Double || value instanceof Float) {
            json.writeNumber(((Number) value).doubleValue());
        } else if (value instanceof Map<?, ?> map) {
            json.writeStartObject();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                writeMember(json, String.valueOf(entry.getKey()), entry.getValue());
            }
            json.writeEndObject();
        } else if (value instanceof Iterable<?> items) {
            json.writeStartArray();
            for (Object item : items) {
                writeValue(json, null, item);
            }
            json.writeEndArray();
        } else if (value instanceof Object[] items) {
            writeValue(json, null, Arrays.asList(items));
        } else {
            json.writeString(PhiRedactor.redact(value.toString()));
        }
    }

    /** The markers' names, with the markers they refer to. */
    private static Set<String> tags(List<Marker> markers) {
        if (markers == null || markers.isEmpty()) {
            return Set.of();
        }
        Set<String> tags = new LinkedHashSet<>();
        addTags(tags, markers.iterator());
        return tags;
    }

    private static void addTags(Set<String> tags, Iterator<Marker> markers) {
        while (markers.hasNext()) {
            Marker marker = markers.next();
            tags.add(marker.getName());
            if (marker.hasReferences()) {
                addTags(tags, marker.iterator());
            }
        }
    }
}
