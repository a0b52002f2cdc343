package app.clinic;

import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.EntityExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;

/** A status and JSON body, for calls whose outcome is counted rather than asserted one by one. */
public record Reply(int status, Map<String, Object> body, HttpHeaders headers) {

    @SuppressWarnings("unchecked")
    public static Reply post(RestTestClient http, String uri, Object body) {
        EntityExchangeResult<Map> result = http.post()
                .uri(uri)
                .contentType(MediaType.APPLICATION_JSON)
                .body(body)
                .exchange()
                .returnResult(Map.class);
        return new Reply(result.getStatus().value(), result.getResponseBody(), result.getResponseHeaders());
    }

    @SuppressWarnings("unchecked")
    public static Reply post(RestTestClient http, String uri) {
        EntityExchangeResult<Map> result = http.post().uri(uri).exchange().returnResult(Map.class);
        return new Reply(result.getStatus().value(), result.getResponseBody(), result.getResponseHeaders());
    }

    @SuppressWarnings("unchecked")
    public static Reply patch(RestTestClient http, String uri, Object body) {
        EntityExchangeResult<Map> result = http.patch()
                .uri(uri)
                .contentType(MediaType.APPLICATION_JSON)
                .body(body)
                .exchange()
                .returnResult(Map.class);
        return new Reply(result.getStatus().value(), result.getResponseBody(), result.getResponseHeaders());
    }

    @SuppressWarnings("unchecked")
    public static Reply get(RestTestClient http, String uri) {
        EntityExchangeResult<Map> result = http.get().uri(uri).exchange().returnResult(Map.class);
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
