package app.clinic.live;

import java.math.BigInteger;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A PostgreSQL snapshot ({@code pg_current_snapshot()}, "xmin:xmax:xip,…") at which a day's state was read: the
 * id of every event a stream sends, so that a client reconnecting with it can be told exactly what it missed,
 * on whichever instance it reconnects to.
 */
record Snapshot(String text) {

    private static final Pattern FORM = Pattern.compile("(\\d{1,20}):(\\d{1,20}):((?:\\d{1,20})(?:,\\d{1,20})*)?");

    /** A client's Last-Event-ID, if it is a snapshot PostgreSQL would accept (ordered as it requires). */
    static Optional<Snapshot> parse(String lastEventId) {
        if (lastEventId == null || lastEventId.length() > 4096) {
            return Optional.empty();
        }
        var parts = FORM.matcher(lastEventId.strip());
        if (!parts.matches()) {
            return Optional.empty();
        }
        BigInteger xmin = new BigInteger(parts.group(1));
        BigInteger xmax = new BigInteger(parts.group(2));
        BigInteger limit = BigInteger.TWO.pow(63);
        if (xmin.signum() == 0 || xmin.compareTo(xmax) > 0 || xmax.compareTo(limit) >= 0) {
            return Optional.empty();
        }
        BigInteger previous = xmin.subtract(BigInteger.ONE);
        if (parts.group(3) != null) {
            for (String running : parts.group(3).split(",")) {
                BigInteger xid = new BigInteger(running);
                if (xid.compareTo(previous) <= 0 || xid.compareTo(xmin) < 0 || xid.compareTo(xmax) >= 0) {
                    return Optional.empty();
                }
                previous = xid;
            }
        }
        return Optional.of(new Snapshot(lastEventId.strip()));
    }
}
