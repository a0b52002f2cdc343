package app.clinic.config;

import app.clinic.web.ApiError;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document at /openapi.json, with the error envelope on every error response. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfig {

    private static final String ERROR_SCHEMA = "ApiError";
    private static final String BEARER = "bearer";

    @Bean
    OpenAPI clinicOpenApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("Clinic appointments")
                        .version("v1")
                        .description("Patients, doctors, capacity-limited bookings and the check-in queue. Every"
                                + " route under /api/v1 but sign-in needs Authorization: Bearer <token>: a staff"
                                + " member's from POST /api/v1/auth/login, or an API client's."))
                .components(new Components()
                        .addSecuritySchemes(
                                BEARER,
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .description("A staff sign-in token or an API client token")))
                .addSecurityItem(new SecurityRequirement().addList(BEARER));
    }

    /** springdoc describes bodies with its own Jackson 2 mapper; it must name fields as the wire does. */
    @Bean
    ModelResolver snakeCaseModelResolver() {
        return new ModelResolver(Json.mapper().copy().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE));
    }

    /**
     * Every operation can answer 400 (malformed input) and 500 (a bug), and every error response carries the
     * envelope: the controllers declare which refusals they make, this adds the body they share.
     */
    @Bean
    OpenApiCustomizer errorEnvelopeCustomizer(ModelResolver snakeCaseModelResolver) {
        return openApi -> {
            if (openApi.getComponents() == null) {
                openApi.setComponents(new Components());
            }
            ModelConverters converters = new ModelConverters();
            converters.addConverter(snakeCaseModelResolver);
            converters.read(ApiError.class).forEach(openApi.getComponents()::addSchemas);
            Content envelope = new Content()
                    .addMediaType(
                            "application/json",
                            new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + ERROR_SCHEMA)));
            if (openApi.getPaths() == null) {
                return;
            }
            openApi.getPaths()
                    .values()
                    .forEach(path -> path.readOperations().forEach(operation -> {
                        ApiResponses responses = operation.getResponses();
                        responses.putIfAbsent("400", new ApiResponse().description("Malformed or invalid input"));
                        responses.putIfAbsent("500", new ApiResponse().description("Unexpected error (a bug)"));
                        if (operation.getSecurity() == null) { // the document's bearer requirement applies
                            responses.putIfAbsent(
                                    "401", new ApiResponse().description("Unauthenticated: no valid bearer token"));
                            responses.putIfAbsent(
                                    "403", new ApiResponse().description("Forbidden: the caller's role may not"));
                            responses.putIfAbsent("429", new ApiResponse().description("RateLimited: see Retry-After"));
                        }
                        responses.forEach((code, response) -> {
                            if (code.startsWith("4") || code.startsWith("5")) {
                                response.setContent(envelope);
                            }
                        });
                    }));
        };
    }
}
