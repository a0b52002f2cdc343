package app.clinic.config;

import app.clinic.web.UnacceptableTextException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import org.springframework.boot.http.converter.autoconfigure.ServerHttpMessageConvertersCustomizer;
import org.springframework.boot.jackson.autoconfigure.JsonFactoryBuilderCustomizer;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.ResolvableType;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import tools.jackson.core.JsonParser;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.std.StdScalarDeserializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

@Configuration(proxyBeanMethods = false)
class JacksonConfig {

    /**
     * What a request body may make the parser build: no deeper nesting than a body of ours has, no number longer
     * than any field needs (a thousand-digit number costs quadratic time to convert), and nothing past the body
     * size limit however the body arrived.
     */
    @Bean
    JsonFactoryBuilderCustomizer requestBodyLimits(ClinicProperties properties) {
        return factory -> factory.streamReadConstraints(StreamReadConstraints.builder()
                .maxDocumentLength(properties.maxRequestBytes())
                .maxStringLength(properties.maxRequestBytes())
                .maxNestingDepth(16)
                .maxNumberLength(32)
                .maxNameLength(128)
                .build());
    }

    /**
     * Strings arrive trimmed: " John " and "John" are one name, and "  " is as empty as "". They hold no control
     * characters but tab and line breaks (which free-text notes may have): a NUL would otherwise reach PostgreSQL,
     * which refuses it, and the client would get a 500 instead of a 400 naming the field.
     */
    @Bean
    JsonMapperBuilderCustomizer trimStrings() {
        return builder -> builder.addModule(new SimpleModule("trim-strings").addDeserializer(String.class, new Trim()));
    }

    /**
     * The service's JSON answers go out with their length. Spring's converter streams a body and then flushes it,
     * which commits the answer before its length is known: Tomcat then sends it chunked, in two writes to the
     * socket (the body, then the chunked ending). Written to a buffer first, the answer leaves in one write with a
     * {@code Content-Length}. The bodies are small (a page is bounded), so the copy costs less than the second
     * system call. Ordered after Spring Boot's own JSON converter, which it replaces; answers only: the service's
     * outgoing requests keep Boot's converter.
     */
    @Bean
    @Order(1)
    ServerHttpMessageConvertersCustomizer jsonAnswersWithTheirLength(JsonMapper mapper) {
        return converters -> converters.withJsonConverter(new LengthFirstJsonConverter(mapper));
    }

    private static final class LengthFirstJsonConverter extends JacksonJsonHttpMessageConverter {

        LengthFirstJsonConverter(JsonMapper mapper) {
            super(mapper);
        }

        @Override
        protected void writeInternal(
                Object value, ResolvableType type, HttpOutputMessage answer, Map<String, Object> hints)
                throws IOException {
            ByteArrayOutputStream body = new ByteArrayOutputStream(512);
            super.writeInternal(value, type, new BufferedBody(body, answer.getHeaders()), hints);
            answer.getHeaders().setContentLength(body.size());
            body.writeTo(answer.getBody());
        }
    }

    private record BufferedBody(OutputStream getBody, HttpHeaders getHeaders) implements HttpOutputMessage {}

    private static final class Trim extends StdScalarDeserializer<String> {

        Trim() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) {
            if (!parser.currentToken().isScalarValue()) {
                return (String) context.handleUnexpectedToken(String.class, parser);
            }
            String text = parser.getValueAsString();
            if (hasControlCharacter(text)) {
                throw new UnacceptableTextException(parser);
            }
            return text.strip();
        }

        private static boolean hasControlCharacter(String text) {
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f) {
                    return true;
                }
            }
            return false;
        }
    }
}
