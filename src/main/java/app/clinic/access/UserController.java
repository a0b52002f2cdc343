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
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Access")
@RestController
@RequestMapping("/api/v1/users")
class UserController {

    private final UserService users;

    UserController(UserService users) {
        this.users = users;
    }

    /** Never the password hash. */
    record UserResponse(
            UUID id,
            String username,
            String role,
            UUID doctorId,
            boolean disabled,
            OffsetDateTime createdAt,
            OffsetDateTime updatedAt) {

        static UserResponse of(UserAccount user) {
            return new UserResponse(
                    user.id(),
                    user.username(),
                    user.role().wire(),
                    user.doctorId(),
                    user.disabled(),
                    user.createdAt(),
                    user.updatedAt());
        }
    }

    @Operation(
            summary = "Create a staff account",
            description = "role: admin, reception or doctor (with doctor_id). Passwords: 12 to 72 characters.")
    @ApiResponse(responseCode = "201", description = "Created")
    @ApiResponse(responseCode = "404", description = "DoctorNotFound")
    @ApiResponse(responseCode = "409", description = "UsernameTaken")
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    UserResponse create(@Valid @RequestBody CreateUserRequest request) {
        return UserResponse.of(users.create(request));
    }

    @Operation(summary = "Staff accounts, by username")
    @ApiResponse(responseCode = "200", description = "The accounts")
    @GetMapping
    List<UserResponse> list() {
        return users.list().stream().map(UserResponse::of).toList();
    }

    @Operation(
            summary = "Change a staff account's role, password or disabled flag",
            description = "A new password, role or doctor, or disabling, signs the user out everywhere.")
    @ApiResponse(responseCode = "200", description = "Changed")
    @ApiResponse(responseCode = "404", description = "UserNotFound, DoctorNotFound")
    @PatchMapping("/{user_id}")
    UserResponse update(@PathVariable("user_id") UUID id, @Valid @RequestBody UpdateUserRequest change) {
        return UserResponse.of(users.update(id, change));
    }
}
