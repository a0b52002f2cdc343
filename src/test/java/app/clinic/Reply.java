package app.clinic;

import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.EntityExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;

/** A status and JSON body, for calls whose outcome is counted rather than asserted one by one. */
public record Reply(int status, Map<String, Object> body, HttpHeaders headers) {

    public static Reply post(RestTestClient http, String uri, Object body) {
        return of(http.post().uri(uri).contentType(MediaType.APPLICATION_JSON).body(body));
    }

    public static Reply post(RestTestClient http, String uri) {
        return of(http.post().uri(uri));
    }

    public static Reply patch(RestTestClient http, String uri, Object body) {
        return of(http.patch().uri(uri).contentType(MediaType.APPLICATION_JSON).body(body));
    }

    public static Reply put(RestTestClient http, String uri, Object body) {
        return of(http.put().uri(uri).contentType(MediaType.APPLICATION_JSON).body(body));
    }

    public static Reply delete(RestTestClient http, String uri) {
        return of(http.delete().uri(uri));
    }

    public static Reply get(RestTestClient http, String uri) {
        return of(http.get().uri(uri));
    }

    @SuppressWarnings("unchecked")
    private static Reply of(RestTestClient.RequestHeadersSpec<?> request) {
        EntityExchangeResult<Map> result = request.exchange().returnResult(Map.class);
        return new Reply(result.getStatus().value(), result.getResponseBody(), result.getResponseHeaders());
    }

    public String error() {
        return body == null ? null : (String) body.get("error");
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> details() {
        return (Map<String, Object>) body.get("details");
    }

    public Object get(String field) {
        return body.get(field);
    }
}
