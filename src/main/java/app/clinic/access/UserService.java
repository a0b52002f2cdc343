package app.clinic.access;

import app.clinic.audit.AuditTrail;
import app.clinic.doctor.DoctorService;
import app.clinic.web.InvalidRequestException;
import app.clinic.web.NotFoundException;
import app.clinic.web.WireEnum;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Staff accounts, kept by admins. */
@Service
class UserService {

    private final UserRepository users;
    private final AccessTokenRepository tokens;
    private final PasswordEncoder passwords;
    private final DoctorService doctors;
    private final TokenCache cache;
    private final AuditTrail trail;

    UserService(
            UserRepository users,
            AccessTokenRepository tokens,
            PasswordEncoder passwords,
            DoctorService doctors,
            TokenCache cache,
            AuditTrail trail) {
        this.users = users;
        this.tokens = tokens;
        this.passwords = passwords;
        this.doctors = doctors;
        this.cache = cache;
        this.trail = trail;
    }

    @Transactional
    public UserAccount create(CreateUserRequest request) {
        Role role = staffRole(request.role());
        requireDoctorLink(role, request.doctorId());
        UserAccount user = new UserAccount(
                UUID.randomUUID(),
                request.username(),
                hashed(request.password()),
                role,
                request.doctorId(),
                false,
                null,
                null);
        UserAccount created =
                users.insertUnlessTaken(user).orElseThrow(() -> new AccessRefusals.UsernameTaken(request.username()));
        trail.actsOn(created.id());
        return created;
    }

    @Transactional(readOnly = true)
    public List<UserAccount> list() {
        return users.findAll();
    }

    /**
     * A new password, a new role or a disabled account signs the user out everywhere: whoever held the old
     * credentials or the old rights keeps neither.
     */
    @Transactional
    public UserAccount update(UUID id, UpdateUserRequest change) {
        UserAccount current = users.lock(id).orElseThrow(() -> new NotFoundException("User", id));
        Role role = change.role() == null ? current.role() : staffRole(change.role());
        // A doctor keeps their doctor unless given another; any other role has none, and naming one is refused.
        UUID doctorId = role == Role.DOCTOR && change.doctorId() == null ? current.doctorId() : change.doctorId();
        requireDoctorLink(role, doctorId);
        boolean disabled = change.disabled() != null ? change.disabled() : current.disabled();
        String passwordHash = change.password() == null ? current.passwordHash() : hashed(change.password());
        UserAccount updated = users.update(
                new UserAccount(id, current.username(), passwordHash, role, doctorId, disabled, null, null));
        if (change.password() != null
                || role != current.role()
                || !Objects.equals(doctorId, current.doctorId())
                || disabled) {
            tokens.revokeAllOfUser(id);
            cache.revokedInThisTransaction();
        }
        trail.changes();
        return updated;
    }

    /** bcrypt reads 72 bytes: a longer password would be cut silently, so it is refused instead. */
    private String hashed(String password) {
        if (password.getBytes(StandardCharsets.UTF_8).length > UpdateUserRequest.MAX_PASSWORD) {
            throw new InvalidRequestException(
                    "password", "must be at most " + UpdateUserRequest.MAX_PASSWORD + " bytes in UTF-8");
        }
        return passwords.encode(password);
    }

    private static Role staffRole(String wire) {
        Role role = WireEnum.parameter(Role.class, "role", wire);
        if (!Role.STAFF.contains(role)) {
            throw new InvalidRequestException(
                    "role", "must be admin, reception or doctor; bots and displays are API clients");
        }
        return role;
    }

    private void requireDoctorLink(Role role, UUID doctorId) {
        if (role == Role.DOCTOR && doctorId == null) {
            throw new InvalidRequestException("doctor_id", "is required for a doctor account");
        }
        if (role != Role.DOCTOR && doctorId != null) {
            throw new InvalidRequestException("doctor_id", "is for doctor accounts only");
        }
        if (doctorId != null) {
            doctors.requireExists(doctorId);
        }
    }
}
