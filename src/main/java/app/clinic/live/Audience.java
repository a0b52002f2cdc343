package app.clinic.live;

import app.clinic.access.Caller;
import app.clinic.access.Role;
import java.util.UUID;

/**
 * Who a stream's payload is built for. The desk sees every patient of a day; a doctor sees their own patients
 * (other doctors' appointments without patient fields), as the access rules let a doctor read only their own day;
 * a display sees tokens and counts only.
 *
 * @param ownDoctor the doctor whose patients a doctor's stream shows; null for the desk and the display
 */
record Audience(Kind kind, UUID ownDoctor) {

    enum Kind {
        DESK,
        DOCTOR,
        DISPLAY
    }

    static final Audience DISPLAY = new Audience(Kind.DISPLAY, null);

    /** The staff stream's audience for a caller the access rules admitted to it. */
    static Audience staff(Caller caller) {
        if (caller.role() == Role.DOCTOR) {
            return new Audience(Kind.DOCTOR, caller.doctorId());
        }
        if (caller.role() == Role.ADMIN || caller.role() == Role.RECEPTION) {
            return new Audience(Kind.DESK, null);
        }
        throw new IllegalStateException("the staff stream admitted the role " + caller.role());
    }

    boolean showsPatientsOf(UUID doctorId) {
        return kind == Kind.DESK || (kind == Kind.DOCTOR && doctorId.equals(ownDoctor));
    }
}
