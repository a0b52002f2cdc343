package app.clinic.config;

/**
 * A configuration variable that cannot be used. The message names the variable and never echoes its value,
 * which may hold credentials (DATABASE_URL).
 */
public class InvalidSettingException extends RuntimeException {

    private final String variable;

    public InvalidSettingException(String variable, String problem) {
        super(variable + " " + problem);
        this.variable = variable;
    }

    public String variable() {
        return variable;
    }
}
