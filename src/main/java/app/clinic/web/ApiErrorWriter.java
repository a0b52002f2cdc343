package app.clinic.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a refusal in the {@link ApiError} envelope from outside Spring MVC: the servlet filters that refuse a
 * request before any controller runs (body limit, authentication, rate limit).
 */
@Component
public class ApiErrorWriter {

    private final JsonMapper json;

    ApiErrorWriter(JsonMapper json) {
        this.json = json;
    }

    public void write(HttpServletResponse response, ApiException refusal) throws IOException {
        response.setStatus(refusal.status().value());
        refusal.headers().forEach(response::setHeader);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        json.writeValue(
                response.getOutputStream(), new ApiError(refusal.code(), refusal.getMessage(), refusal.details()));
    }
}
