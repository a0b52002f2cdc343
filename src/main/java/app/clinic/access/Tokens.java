package app.clinic.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Bearer tokens: 32 random bytes, shown to their holder once. Only their SHA-256 is stored: a stolen copy of the
 * database holds no usable token, and a token of 256 random bits needs no slow hash (unlike a password).
 */
final class Tokens {

    private static final String SCHEME = "clinic_";
    private static final int RANDOM_BYTES = 32;
    private static final int PREFIX_LENGTH = SCHEME.length() + 6;
    private static final SecureRandom RANDOM = new SecureRandom();

    private Tokens() {}

    static String newToken() {
        byte[] bytes = new byte[RANDOM_BYTES];
        RANDOM.nextBytes(bytes);
        return SCHEME + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The first characters, enough for a person to tell tokens apart, far too few to guess the rest. */
    static String prefixOf(String token) {
        return token.startsWith(SCHEME) ? token.substring(0, PREFIX_LENGTH) : "external";
    }

    static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
