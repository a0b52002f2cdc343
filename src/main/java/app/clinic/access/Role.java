package app.clinic.access;

import app.clinic.web.WireEnum;
import java.util.Set;

/** What a caller is to the clinic; {@link AccessRules} says what each may do. */
public enum Role implements WireEnum {
    ADMIN,
    RECEPTION,
    DOCTOR,
    BOT,
    DISPLAY;

    /** The roles a person signs in with; machines (bot, display and the bootstrap admin) hold API client tokens. */
    static final Set<Role> STAFF = Set.of(ADMIN, RECEPTION, DOCTOR);

    /** The roles an admin can give an API client; an admin client exists only as the bootstrap admin. */
    static final Set<Role> MACHINES = Set.of(BOT, DISPLAY);
}
