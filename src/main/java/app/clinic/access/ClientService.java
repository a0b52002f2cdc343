package app.clinic.access;

import app.clinic.audit.AuditTrail;
import app.clinic.web.InvalidRequestException;
import app.clinic.web.NotFoundException;
import app.clinic.web.WireEnum;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** API clients (the bot, waiting-room screens), each with its own token, kept by admins. */
@Service
class ClientService {

    private final ApiClientRepository clients;
    private final AccessTokenRepository tokens;
    private final TokenCache cache;
    private final AuditTrail trail;
    private final Clock clock;

    ClientService(
            ApiClientRepository clients,
            AccessTokenRepository tokens,
            TokenCache cache,
            Clock clock,
            AuditTrail trail) {
        this.clients = clients;
        this.tokens = tokens;
        this.cache = cache;
        this.trail = trail;
        this.clock = clock;
    }

    record IssuedClient(ApiClient client, String token) {}

    /** The token is in the answer and nowhere else: lost, it is revoked and a new client made. */
    @Transactional
    public IssuedClient create(CreateClientRequest request) {
        Role role = WireEnum.parameter(Role.class, "role", request.role());
        if (!Role.MACHINES.contains(role)) {
            throw new InvalidRequestException("role", "must be bot or display; staff sign in as users");
        }
        if (request.expiresAt() != null && !request.expiresAt().isAfter(OffsetDateTime.now(clock))) {
            throw new InvalidRequestException("expires_at", "must be in the future");
        }
        UUID id = UUID.randomUUID();
        clients.insert(id, request.name(), role, request.expiresAt());
        String token = Tokens.newToken();
        tokens.issueForClient(Tokens.hash(token), Tokens.prefixOf(token), id);
        trail.actsOn(id);
        return new IssuedClient(clients.findById(id).orElseThrow(), token);
    }

    @Transactional(readOnly = true)
    public List<ApiClient> list() {
        return clients.findAll();
    }

    /** From the next request on, on every instance: each request reads its token's client. */
    @Transactional
    public ApiClient revoke(UUID id) {
        if (!clients.revoke(id)) {
            throw new NotFoundException("Client", id);
        }
        cache.revokedInThisTransaction();
        trail.changes();
        return clients.findById(id).orElseThrow();
    }
}
