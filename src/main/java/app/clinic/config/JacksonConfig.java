package app.clinic.config;

import app.clinic.web.UnacceptableTextException;
import org.springframework.boot.jackson.autoconfigure.JsonFactoryBuilderCustomizer;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.JsonParser;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.std.StdScalarDeserializer;
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
