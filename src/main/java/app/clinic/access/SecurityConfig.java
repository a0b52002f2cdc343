package app.clinic.access;

import app.clinic.audit.AuditTrail;
import app.clinic.config.ClinicProperties;
import app.clinic.web.ApiErrorWriter;
import app.clinic.web.DatabaseTrouble;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletException;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every {@code /api/} route needs a bearer token and a role that {@link AccessRules} grants it; the health probe,
 * the API documents and static files are public. Refusals come in the service's error envelope, never as a
 * redirect to a login page.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
class SecurityConfig {

    /**
     * Spring Security would wrap each of its filters, and every authentication and authorization, in a
     * Micrometer observation: measured at 15% of the JVM's time on a cheap request. Requests are timed as a whole
     * already (http_server_requests), refusals counted by status.
     */
    @Bean
    SecurityObservationSettings noSecurityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    SecurityFilterChain api(
            HttpSecurity http,
            TokenIntrospector introspector,
            DoctorScope scope,
            ApiErrorWriter errors,
            ClinicProperties properties,
            AuditTrail trail,
            @Qualifier("requestMappingHandlerMapping") ObjectProvider<RequestMappingHandlerMapping> handlerMappings) {
        AuthenticationEntryPoint unauthenticated = (request, response, exception) -> errors.write(
                response,
                new AccessRefusals.Unauthenticated(
                        exception instanceof OAuth2AuthenticationException
                                ? "The bearer token is unknown, expired or revoked"
                                : "This route needs a token: Authorization: Bearer <token>"));
        AccessDeniedHandler forbidden = (request, response, exception) -> errors.write(
                response, new AccessRefusals.Forbidden(forbiddenMessage(request.getMethod(), request.getRequestURI())));
        // A token not checked: 429 when its address sent too many unknown ones; 503 when the token store (the
        // database) is away or busy, else a bug (500); a wrong token is a 401.
        AuthenticationFailureHandler tokenFailure = (request, response, exception) -> {
            if (exception instanceof UnknownTokenThrottle.Throttled throttled) {
                errors.write(
                        response,
                        new AccessRefusals.RateLimited(
                                "Too many unknown tokens from this address; slow down", throttled.retryAfter()));
                return;
            }
            if (!(exception instanceof AuthenticationServiceException)) {
                unauthenticated.commence(request, response, exception);
                return;
            }
            var trouble = DatabaseTrouble.of(exception);
            if (trouble.isEmpty()) {
                throw new ServletException("the token lookup failed", exception);
            }
            errors.write(response, trouble.get());
        };
        http
                // Tokens travel in a header a browser never adds by itself, so no request can be forged with them.
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .servletApi(servletApi -> servletApi.disable()) // nothing asks the request for its user
                .logout(logout -> logout.disable())
                .headers(headers -> headers.referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER))
                        .frameOptions(frames -> frames.deny())
                        // before the route runs: written after it, they would race a stream's first event,
                        // which another thread writes (Tomcat's headers are not thread-safe)
                        .withObjectPostProcessor(new ObjectPostProcessor<HeaderWriterFilter>() {
                            @Override
                            public <O extends HeaderWriterFilter> O postProcess(O filter) {
                                filter.setShouldWriteHeadersEagerly(true);
                                return filter;
                            }
                        }))
                .authorizeHttpRequests(routes -> {
                    // an error page, and the end of a stream's response: their request was decided when it came
                    routes.dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.ASYNC)
                            .permitAll();
                    for (AccessRules.Rule rule : AccessRules.TABLE) {
                        AuthorizationManager<RequestAuthorizationContext> decision =
                                rule.access().isPublic()
                                        ? (caller, request) -> new AuthorizationDecision(true)
                                        : new RoleReach(rule.access(), scope);
                        routes.requestMatchers(rule.method(), rule.pattern())
                                .access(new AuditedRoute(rule, decision, trail));
                    }
                    routes.requestMatchers("/api/**").access(new UnruledRoutes(handlerMappings));
                    routes.anyRequest().permitAll();
                })
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .bearerTokenResolver(headerOrStreamQuery())
                        .opaqueToken(opaque -> opaque.introspector(introspector))
                        .authenticationEntryPoint(unauthenticated)
                        .accessDeniedHandler(forbidden)
                        .withObjectPostProcessor(new ObjectPostProcessor<BearerTokenAuthenticationFilter>() {
                            @Override
                            public <O extends BearerTokenAuthenticationFilter> O postProcess(O filter) {
                                filter.setAuthenticationFailureHandler(tokenFailure);
                                return filter;
                            }
                        }))
                .exceptionHandling(exceptions ->
                        exceptions.authenticationEntryPoint(unauthenticated).accessDeniedHandler(forbidden))
                .addFilterAfter(
                        new RateLimitFilter(properties.rateLimitPerSecond(), errors),
                        BearerTokenAuthenticationFilter.class);
        if (properties.corsAllowedOrigins().isEmpty()) {
            http.cors(cors -> cors.disable());
        } else {
            http.cors(cors -> cors.configurationSource(corsOrigins(properties.corsAllowedOrigins())));
        }
        return http.build();
    }

    /**
     * The token comes in the Authorization header; on the streaming routes, which browsers open without setting
     * headers, also as {@code ?access_token=} (RFC 6750), on a GET only, and never both at once.
     */
    private static BearerTokenResolver headerOrStreamQuery() {
        DefaultBearerTokenResolver header = new DefaultBearerTokenResolver();
        DefaultBearerTokenResolver headerOrQuery = new DefaultBearerTokenResolver();
        headerOrQuery.setAllowUriQueryParameter(true);
        return request -> AccessRules.STREAMS.contains(request.getRequestURI())
                ? headerOrQuery.resolve(request)
                : header.resolve(request);
    }

    private static String forbiddenMessage(String method, String path) {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof Caller caller) {
            return caller.role() == Role.DOCTOR
                    ? "A doctor account may " + method + " " + path + " only for its own doctor, if at all"
                    : "The role " + caller.role().wire() + " may not " + method + " " + path;
        }
        return "Not allowed";
    }

    private static UrlBasedCorsConfigurationSource corsOrigins(List<String> origins) {
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOrigins(origins);
        cors.setAllowedMethods(List.of("GET", "POST", "PUT", "PATCH", "DELETE"));
        cors.setAllowedHeaders(
                List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.CONTENT_TYPE, "Idempotency-Key", "X-Request-Id"));
        cors.setExposedHeaders(
                List.of(HttpHeaders.LINK, HttpHeaders.RETRY_AFTER, "X-Request-Id", "Idempotent-Replayed"));
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/api/**", cors);
        return source;
    }
}
