package app.clinic.web;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A page of a list: at most {@code limit} items, after the item a cursor names. The cursor is opaque to the
 * client: the sort key of the last item of the previous page, so a page is a range of the list's index, however
 * deep, and a booking made meanwhile neither repeats nor skips an item of the pages still to come.
 *
 * @param after the sort key the page starts after, one string per key column; empty for the first page
 */
public record PageRequest(int limit, List<String> after) {

    private static final int DEFAULT_LIMIT = 100;
    private static final int MAX_LIMIT = 500;
    private static final String LIMIT_PARAMETER = "limit";
    public static final String CURSOR_PARAMETER = "cursor";
    private static final String SEPARATOR = "\u001f";

    /** From the query parameters {@code limit} (default 100, at most 500) and {@code cursor}; 400 when invalid. */
    public static PageRequest of(String limit, String cursor) {
        int size = limit == null || limit.isBlank() ? DEFAULT_LIMIT : parseLimit(limit.strip());
        if (size < 1 || size > MAX_LIMIT) {
            throw invalidLimit();
        }
        if (cursor == null || cursor.isBlank()) {
            return new PageRequest(size, List.of());
        }
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(cursor.strip()), StandardCharsets.UTF_8);
            return new PageRequest(size, List.of(decoded.split(SEPARATOR, -1)));
        } catch (IllegalArgumentException e) {
            throw badCursor();
        }
    }

    private boolean isFirst() {
        return after.isEmpty();
    }

    /** The rows to fetch: one more than the page, to know whether another page follows. */
    public int fetchSize() {
        return limit + 1;
    }

    /** Key column {@code index} of the cursor, parsed; null on the first page; 400 for a cursor of another list. */
    public <T> T after(int index, Function<String, T> parse) {
        if (isFirst()) {
            return null;
        }
        try {
            return parse.apply(after.get(index));
        } catch (RuntimeException e) {
            throw badCursor();
        }
    }

    /** The page of {@code fetched} (at most {@link #fetchSize()} rows), with a cursor when more follow. */
    public <T> Page<T> page(List<T> fetched, Function<T, List<?>> sortKey) {
        if (fetched.size() <= limit) {
            return new Page<>(fetched, null);
        }
        List<T> items = fetched.subList(0, limit);
        List<String> key = new ArrayList<>();
        sortKey.apply(items.get(limit - 1)).forEach(value -> key.add(String.valueOf(value)));
        String cursor = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(String.join(SEPARATOR, key).getBytes(StandardCharsets.UTF_8));
        return new Page<>(List.copyOf(items), cursor);
    }

    private static int parseLimit(String limit) {
        try {
            return Integer.parseInt(limit);
        } catch (NumberFormatException e) {
            throw invalidLimit();
        }
    }

    private static InvalidRequestException invalidLimit() {
        return invalid(LIMIT_PARAMETER, "must be a whole number from 1 to " + MAX_LIMIT);
    }

    private static InvalidRequestException badCursor() {
        return invalid(CURSOR_PARAMETER, "is not a cursor this list gave out");
    }

    private static InvalidRequestException invalid(String parameter, String problem) {
        return new InvalidRequestException(
                "InvalidParameter", "Parameter '" + parameter + "' is malformed", Map.of(parameter, problem));
    }
}
