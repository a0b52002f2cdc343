package app.clinic.config;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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

    private static final int UUID_LENGTH = 36;

    private static final Pattern DATE_START = Pattern.compile("^\\d{4}-\\d{2}-\\d{2}");

    private PhiRedactor() {}

    /**
     * Field names already judged: every log line asks about each of its members, and the names are the code's own
     * (its log keys), a few dozen. Bounded anyway, for a name made of data.
     */
    private static final Map<String, Boolean> JUDGED_FIELDS = new ConcurrentHashMap<>();

    private static final int MAX_JUDGED_FIELDS = 1_000;

    /** Whether a field of this name holds patient data, however it is spelled (firstName, first_name, FIRST-NAME). */
    public static boolean isPhiField(String fieldName) {
        Boolean judged = JUDGED_FIELDS.get(fieldName);
        if (judged != null) {
            return judged;
        }
        boolean phi = namesPhi(fieldName);
        if (JUDGED_FIELDS.size() < MAX_JUDGED_FIELDS) {
            JUDGED_FIELDS.put(fieldName, phi);
        }
        return phi;
    }

    private static boolean namesPhi(String fieldName) {
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
        if (text == null || text.isEmpty() || nothingToMask(text)) {
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

    /**
     * Whether no pattern below can match, found in one pass without a regular expression: most values a log line
     * carries (a path, an id, a status, a message) have none of what they need. A pair needs an '=' or a ':', an email
     * address an '@', a bearer token the word, a phone number nine digits. Digits inside a UUID do not count: a
     * phone candidate can neither lie inside one nor touch one (it must start and end beside a character that is
     * not a letter, digit or '-'), and an id-laden path is the commonest value of all.
     */
    private static boolean nothingToMask(String text) {
        int digits = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '=' || c == ':' || c == '@') {
                return false;
            }
            if ((c == 'b' || c == 'B') && text.regionMatches(true, i, "bearer", 0, 6)) {
                return false;
            }
            if (isUuidAt(text, i)) {
                i += UUID_LENGTH - 1;
            } else if (c >= '0' && c <= '9' && ++digits >= 9) {
                return false;
            }
        }
        return true;
    }

    /** 8-4-4-4-12 ASCII hexadecimal digits from {@code start}: every one a word character to the patterns. */
    private static boolean isUuidAt(String text, int start) {
        if (text.length() - start < UUID_LENGTH) {
            return false;
        }
        for (int i = 0; i < UUID_LENGTH; i++) {
            char c = text.charAt(start + i);
            boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
            boolean hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
            if (dash ? c != '-' : !hex) {
                return false;
            }
        }
        return true;
    }

    private static String phone(String candidate) {
        long digits = candidate.chars().filter(Character::isDigit).count();
        boolean looksLikeDate = DATE_START.matcher(candidate).find();
        return digits >= 9 && digits <= 15 && !looksLikeDate ? MASK : candidate;
    }
}
