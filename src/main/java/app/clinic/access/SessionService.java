package app.clinic.access;

import app.clinic.audit.AuditTrail;
import app.clinic.config.ClinicProperties;
import java.time.Duration;
import java.util.Optional;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Staff sign-in and sign-out. */
@Service
class SessionService {

    private final UserRepository users;
    private final AccessTokenRepository tokens;
    private final PasswordEncoder passwords;
    private final LoginThrottle throttle;
    private final TokenCache cache;
    private final AuditTrail trail;
    private final Duration ttl;
    /** Checked against when the username is unknown, so that a wrong username takes as long as a wrong password. */
    private final String unknownUserHash;

    SessionService(
            UserRepository users,
            AccessTokenRepository tokens,
            PasswordEncoder passwords,
            LoginThrottle throttle,
            TokenCache cache,
            ClinicProperties properties,
            AuditTrail trail) {
        this.users = users;
        this.tokens = tokens;
        this.passwords = passwords;
        this.throttle = throttle;
        this.cache = cache;
        this.trail = trail;
        this.ttl = properties.staffTokenTtl();
        this.unknownUserHash = passwords.encode(Tokens.newToken());
    }

    record Session(String token, Role role, Duration expiresIn) {}

    /** The same refusal whether the username is unknown, disabled or its password wrong: nothing to enumerate. */
    @Transactional
    public Session login(String username, String password, String address) {
        trail.signingIn(new AuditTrail.Actor(null, username, null));
        throttle.requireAllowed(username, address);
        Optional<UserAccount> user = users.findByUsername(username);
        boolean matches =
                passwords.matches(password, user.map(UserAccount::passwordHash).orElse(unknownUserHash));
        if (user.isEmpty() || user.get().disabled() || !matches) {
            throttle.failed(username, address);
            throw new AccessRefusals.Unauthenticated("Wrong username or password");
        }
        String token = Tokens.newToken();
        tokens.issueForUser(
                Tokens.hash(token), Tokens.prefixOf(token), user.get().id(), ttl);
        trail.signingIn(new AuditTrail.Actor(
                user.get().id(), user.get().username(), user.get().role().wire()));
        trail.actsOn(user.get().id());
        return new Session(token, user.get().role(), ttl);
    }

    /** Ends the session of this token; an API client's token is revoked by an admin instead. */
    @Transactional
    public void logout(Caller caller, String token) {
        if (caller.kind() != Caller.Kind.USER) {
            throw new AccessRefusals.Forbidden(
                    "An API client's token does not sign out; an admin revokes it (POST /api/v1/clients/{id}/revoke)");
        }
        tokens.revoke(Tokens.hash(token));
        cache.revokedInThisTransaction();
        trail.changes();
    }
}
