package app.clinic.config;

import org.springframework.boot.json.JsonWriter.Members;
import org.springframework.boot.json.JsonWriter.ValueProcessor;
import org.springframework.boot.logging.structured.StructuredLoggingJsonMembersCustomizer;

/**
 * Applied to every JSON log line (logging.structured.json.customizer): whichever code logs patient data, by field
 * name or inside a message or stack trace, it is masked before it is written.
 */
public class PhiRedactingLogCustomizer implements StructuredLoggingJsonMembersCustomizer<Object> {

    @Override
    public void customize(Members<Object> members) {
        members.applyingValueProcessor((ValueProcessor<Object>) (path, value) -> {
            if (value == null || (path != null && "@timestamp".equals(path.name()))) {
                return value;
            }
            if (path != null && path.name() != null && PhiRedactor.isPhiField(path.name())) {
                return PhiRedactor.MASK;
            }
            return value instanceof CharSequence text ? PhiRedactor.redact(text.toString()) : value;
        });
    }
}
