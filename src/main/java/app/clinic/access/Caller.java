package app.clinic.access;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;

/**
 * Who sent a request, as its bearer token says: a signed-in staff member (a user) or a machine (an API client).
 * Controllers receive it with {@code @AuthenticationPrincipal} when what they do depends on who asks.
 *
 * @param id the user's or the API client's id
 * @param name the username, or the API client's name
 * @param role what the caller may do
 * @param kind whether a person or a machine holds the token
 * @param doctorId the doctor a doctor account acts for; null for every other role
 */
public record Caller(UUID id, String name, Role role, Kind kind, UUID doctorId)
        implements OAuth2AuthenticatedPrincipal {

    public enum Kind {
        USER,
        CLIENT
    }

    public Optional<UUID> ownDoctor() {
        return Optional.ofNullable(doctorId);
    }

    @Override
    public Map<String, Object> getAttributes() {
        return Map.of("sub", id.toString(), "role", role.wire());
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return List.of(new SimpleGrantedAuthority("ROLE_" + role.name()));
    }

    @Override
    public String getName() {
        return id.toString();
    }
}
