package app.clinic.audit;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * The patients one record names, as the trail stores them: once per distinct set, under a key that is the SHA-256
 * of the ids' 16 bytes each, in PostgreSQL's order of uuids, without repeats. The database's {@code
 * audit_patient_set_key} computes the same from a stored set, which is how the verification shows a set changed.
 */
record PatientSet(String key, List<UUID> ids) {

    /** PostgreSQL compares uuids by their bytes, unsigned. */
    private static final Comparator<UUID> IN_DATABASE_ORDER = Comparator.comparing(
                    UUID::getMostSignificantBits, Long::compareUnsigned)
            .thenComparing(UUID::getLeastSignificantBits, Long::compareUnsigned);

    /** Null for no patients: a record naming none names no set. */
    static PatientSet of(Collection<UUID> patientIds) {
        if (patientIds.isEmpty()) {
            return null;
        }
        List<UUID> ids =
                patientIds.stream().distinct().sorted(IN_DATABASE_ORDER).toList();
        ByteBuffer bytes = ByteBuffer.allocate(16 * ids.size());
        ids.forEach(id -> bytes.putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits()));
        return new PatientSet(HexFormat.of().formatHex(sha256().digest(bytes.array())), ids);
    }

    /** The text of a uuid[]; a UUID's text needs no quoting in an array literal. */
    String arrayLiteral() {
        StringBuilder literal = new StringBuilder(2 + 37 * ids.size()).append('{');
        ids.forEach(id -> literal.append(id).append(','));
        literal.setCharAt(literal.length() - 1, '}');
        return literal.toString();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
