package app.clinic.access;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.Locale;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.annotation.CurrentSecurityContext;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Access")
@RestController
@RequestMapping("/api/v1/auth")
class AuthController {

    private final SessionService sessions;

    AuthController(SessionService sessions) {
        this.sessions = sessions;
    }

    record LoginRequest(
            @NotBlank @Size(max = 64) String username,
            @NotNull @Size(max = 200) String password) {}

    record LoginResponse(String accessToken, String tokenType, long expiresIn, String role) {}

    record MeResponse(UUID id, String name, String role, String kind, UUID doctorId) {}

    @Operation(
            summary = "Sign in (staff)",
            description = "Answers a bearer token for Authorization: Bearer …, valid STAFF_TOKEN_TTL (8 h) at most"
                    + " and ended after STAFF_IDLE_TIMEOUT (30 min) without a request.")
    @SecurityRequirements
    @ApiResponse(responseCode = "200", description = "Signed in")
    @ApiResponse(responseCode = "401", description = "Unauthenticated: wrong username or password")
    @ApiResponse(responseCode = "429", description = "RateLimited: too many failed sign-ins")
    @PostMapping("/login")
    LoginResponse login(@Valid @RequestBody LoginRequest request, HttpServletRequest http) {
        SessionService.Session session = sessions.login(request.username(), request.password(), http.getRemoteAddr());
        return new LoginResponse(
                session.token(),
                "Bearer",
                session.expiresIn().toSeconds(),
                session.role().wire());
    }

    @Operation(summary = "Sign out: this token stops working at once, on every instance")
    @ApiResponse(responseCode = "204", description = "Signed out")
    @PostMapping("/logout")
    ResponseEntity<Void> logout(
            @AuthenticationPrincipal Caller caller,
            @CurrentSecurityContext(expression = "authentication") BearerTokenAuthentication authentication) {
        sessions.logout(caller, authentication.getToken().getTokenValue());
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "Who this token belongs to")
    @ApiResponse(responseCode = "200", description = "The caller")
    @GetMapping("/me")
    MeResponse me(@AuthenticationPrincipal Caller caller) {
        return new MeResponse(
                caller.id(),
                caller.name(),
                caller.role().wire(),
                caller.kind().name().toLowerCase(Locale.ROOT),
                caller.doctorId());
    }
}
