package app.clinic.config;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks patient data and secrets in text bound for the logs: values of fields named like patient data
 * (first_name, phone, email, …) or credentials (password, token, …), bearer tokens, and anything shaped like an
 * email address or a phone number, wherever it stands.
 */
public final class PhiRedactor {

    public static final String MASK = "[REDACTED]";

    private static final Set<String> PHI_FIELDS = Set.of(
            "name",
            "firstname",
            "lastname",
            "fullname",
            "patientname",
            "patientfirstname",
            "namekey",
            "phone",
            "phonenumber",
            "mobile",
            "email",
            "emailaddress",
            "password",
            "token",
            "accesstoken",
            "authorization",
            "secret");

    /** {@code first_name=John}, {@code "phone":"+91…"}, {@code email: a@b.c} inside free text. */
    private static final Pattern PHI_PAIR = Pattern.compile(
            "(?i)\\b((?:patient_?)?(?:first_?|last_?|full_?)?name(?:_?key)?|phone(?:_?number)?|mobile|email)"
                    + "(\"?\\s*[=:]\\s*\"?)([^,;&}\\])\"\\n]*)");

    /** {@code password=…}, {@code "token":"…"}, {@code access_token=…} inside free text (a URL's query, too). */
    private static final Pattern SECRET_PAIR =
            Pattern.compile("(?i)\\b((?:access_?)?token|password|secret)(\"?\\s*[=:]\\s*\"?)([^,;&}\\])\"\\s]+)");

    private static final Pattern BEARER = Pattern.compile("(?i)\\b(Bearer\\s+)[A-Za-z0-9._~+/=-]+");

    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)+");

    /** A run of digits with the separators people write phone numbers with; checked further in {@link #phone}. */
    private static final Pattern PHONE_CANDIDATE =
            Pattern.compile("(?<![\\w:.-])\\+?\\d[\\d\\s().-]{6,22}\\d(?![\\w:-])");

    private static final Pattern DATE_START = Pattern.compile("^\\d{4}-\\d{2}-\\d{2}");

    private PhiRedactor() {}

    /** Whether a field of this name holds patient data, however it is spelled (firstName, first_name, FIRST-NAME). */
    public static boolean isPhiField(String fieldName) {
        StringBuilder letters = new StringBuilder(fieldName.length());
        for (int i = 0; i < fieldName.length(); i++) {
            char c = fieldName.charAt(i);
            if (c != '_' && c != '-' && c != '.' && !Character.isWhitespace(c)) {
                letters.append(Character.toLowerCase(c));
            }
        }
        return PHI_FIELDS.contains(letters.toString());
    }

    public static String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String masked = PHI_PAIR.matcher(text)
                .replaceAll(match -> Matcher.quoteReplacement(
                        match.group(3).isBlank() ? match.group() : match.group(1) + match.group(2) + MASK));
        masked = SECRET_PAIR
                .matcher(masked)
                .replaceAll(match -> Matcher.quoteReplacement(match.group(1) + match.group(2) + MASK));
        masked = BEARER.matcher(masked).replaceAll(match -> Matcher.quoteReplacement(match.group(1) + MASK));
        masked = EMAIL.matcher(masked).replaceAll(MASK);
        return PHONE_CANDIDATE.matcher(masked).replaceAll(match -> Matcher.quoteReplacement(phone(match.group())));
    }

    private static String phone(String candidate) {
        long digits = candidate.chars().filter(Character::isDigit).count();
        boolean looksLikeDate = DATE_START.matcher(candidate).find();
        return digits >= 9 && digits <= 15 && !looksLikeDate ? MASK : candidate;
    }
}
