package app.clinic.web;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The query parameters of a page, as every list endpoint takes them:
 * {@code @ParameterObject PageParameters page}, then {@link #request()}. The limit is read as text, so that
 * {@code limit=many} is refused like {@code limit=0}, as InvalidParameter.
 */
public record PageParameters(
        @Parameter(
                description = "Page size, 1 to 500 (default 100)",
                schema = @Schema(type = "integer", minimum = "1", maximum = "500"))
        String limit,

        @Parameter(description = "From the Link header's rel=\"next\" of the previous page")
        String cursor) {

    public PageRequest request() {
        return PageRequest.of(limit, cursor);
    }
}
