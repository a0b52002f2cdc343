package app.clinic.access;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Access")
@RestController
@RequestMapping("/api/v1/clients")
class ClientController {

    private final ClientService clients;

    ClientController(ClientService clients) {
        this.clients = clients;
    }

    record ClientResponse(
            UUID id,
            String name,
            String role,
            String tokenPrefix,
            OffsetDateTime createdAt,
            OffsetDateTime expiresAt,
            OffsetDateTime revokedAt,
            OffsetDateTime lastUsedAt) {

        static ClientResponse of(ApiClient client) {
            return new ClientResponse(
                    client.id(),
                    client.name(),
                    client.role().wire(),
                    client.tokenPrefix(),
                    client.createdAt(),
                    client.expiresAt(),
                    client.revokedAt(),
                    client.lastUsedAt());
        }
    }

    /** The only answer that holds the token. */
    record IssuedClientResponse(
            UUID id, String name, String role, String token, OffsetDateTime createdAt, OffsetDateTime expiresAt) {}

    @Operation(
            summary = "Create an API client with its token (shown once)",
            description = "role: bot or display. expires_at is optional.")
    @ApiResponse(responseCode = "201", description = "Created; keep the token, it is not shown again")
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    IssuedClientResponse create(@Valid @RequestBody CreateClientRequest request) {
        ClientService.IssuedClient issued = clients.create(request);
        ApiClient client = issued.client();
        return new IssuedClientResponse(
                client.id(),
                client.name(),
                client.role().wire(),
                issued.token(),
                client.createdAt(),
                client.expiresAt());
    }

    @Operation(summary = "API clients, oldest first, with their tokens' prefixes and last use")
    @ApiResponse(responseCode = "200", description = "The clients")
    @GetMapping
    List<ClientResponse> list() {
        return clients.list().stream().map(ClientResponse::of).toList();
    }

    @Operation(summary = "Revoke an API client's token: refused from the next request on, on every instance")
    @ApiResponse(responseCode = "200", description = "Revoked")
    @ApiResponse(responseCode = "404", description = "ClientNotFound")
    @PostMapping("/{client_id}/revoke")
    ClientResponse revoke(@PathVariable("client_id") UUID id) {
        return ClientResponse.of(clients.revoke(id));
    }
}
