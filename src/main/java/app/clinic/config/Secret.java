package app.clinic.config;

/** A setting that must never be printed: a record's own toString would show it in any log of the settings. */
public record Secret(String value) {

    @Override
    public String toString() {
        return "[redacted]";
    }
}
