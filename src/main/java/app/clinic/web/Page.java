package app.clinic.web;

import java.util.List;
import java.util.function.Function;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Items of a list and, when more follow, the cursor of the next page. On the wire the body stays the bare array
 * it always was; the next page is announced in a {@code Link: <…>; rel="next"} header (RFC 8288).
 *
 * @param nextCursor null on the last page
 */
public record Page<T>(List<T> items, String nextCursor) {

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), nextCursor);
    }

    /** The answer to the current request: the items, and the link to the same request with the next cursor. */
    public ResponseEntity<List<T>> toResponse() {
        ResponseEntity.BodyBuilder response = ResponseEntity.ok();
        if (nextCursor != null) {
            String next = ServletUriComponentsBuilder.fromCurrentRequest()
                    .replaceQueryParam(PageRequest.CURSOR_PARAMETER, nextCursor)
                    .build()
                    .toUriString();
            response.header(HttpHeaders.LINK, "<" + next + ">; rel=\"next\"");
        }
        return response.body(items);
    }
}
