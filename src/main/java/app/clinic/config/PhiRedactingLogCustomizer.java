package app.clinic.config;

import java.util.Set;
import org.springframework.boot.json.JsonWriter.Members;
import org.springframework.boot.json.JsonWriter.ValueProcessor;
import org.springframework.boot.logging.structured.StructuredLoggingJsonMembersCustomizer;

/**
 * Applied to every JSON log line (logging.structured.json.customizer): whichever code logs patient data, by field
 * name or inside a message or stack trace, it is masked before it is written.
 */
public class PhiRedactingLogCustomizer implements StructuredLoggingJsonMembersCustomizer<Object> {

    /** Members whose values the logging system itself fills in: nothing a caller logs can reach them. */
    private static final Set<String> FIXED_MEMBERS =
            Set.of("@timestamp", "@version", "logger_name", "thread_name", "level", "level_value", "environment");

    @Override
    public void customize(Members<Object> members) {
        members.applyingValueProcessor((ValueProcessor<Object>) (path, value) -> {
            String name = path == null ? null : path.name(); // null inside arrays such as "tags"
            if (value == null || (name != null && FIXED_MEMBERS.contains(name))) {
                return value;
            }
            if (name != null && PhiRedactor.isPhiField(name)) {
                return PhiRedactor.MASK;
            }
            return value instanceof CharSequence text ? PhiRedactor.redact(text.toString()) : value;
        });
    }
}
