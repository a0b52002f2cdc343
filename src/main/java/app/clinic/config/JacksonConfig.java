package app.clinic.config;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.std.StdScalarDeserializer;
import tools.jackson.databind.module.SimpleModule;

@Configuration(proxyBeanMethods = false)
class JacksonConfig {

    /** Strings arrive trimmed: " John " and "John" are one name, and "  " is as empty as "". */
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
            return parser.getValueAsString().strip();
        }
    }
}
