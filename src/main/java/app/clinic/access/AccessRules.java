package app.clinic.access;

import static app.clinic.access.Role.ADMIN;
import static app.clinic.access.Role.BOT;
import static app.clinic.access.Role.DOCTOR;
import static app.clinic.access.Role.RECEPTION;
import static org.springframework.http.HttpMethod.DELETE;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.PATCH;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpMethod;

/**
 * Which role may call which route, and what its audit record calls it: the one place these rules live. Spring Security enforces it ({@link
 * SecurityConfig}); a route of {@code /api/} that is not in the table is refused to everyone, and a test walks every
 * mapped route through the table with every role.
 *
 * <p>"Own" reaches only the doctor's own data: the doctor of {@code {doctor_id}}, an appointment or queue entry of
 * that doctor, a patient with an appointment with that doctor ({@link DoctorScope}).
 */
final class AccessRules {

    /** How far a role reaches on a route. */
    enum Reach {
        ALL,
        OWN
    }

    /** The roles a route admits, and for each how far; public routes admit callers without a token too. */
    record Access(boolean isPublic, Map<Role, Reach> grants) {

        static Access of(Role... roles) {
            Map<Role, Reach> grants = new EnumMap<>(Role.class);
            for (Role role : roles) {
                grants.put(role, Reach.ALL);
            }
            return new Access(false, Map.copyOf(grants));
        }

        Access andOwn(Role role) {
            Map<Role, Reach> more = new EnumMap<>(grants);
            more.put(role, Reach.OWN);
            return new Access(isPublic, Map.copyOf(more));
        }
    }

    /**
     * @param auditAction what the route's audit record calls it, {@code "patient.read"}: what it acts on, then what
     *     it does; null for a route without patient data or a security change, of which only refusals are recorded
     */
    record Rule(HttpMethod method, String pattern, Access access, String auditAction) {}

    /** A route that neither reads nor changes patient data, an account or a token. */
    private static final String NO_PATIENT_DATA = null;

    private static final Access PUBLIC = new Access(true, Map.of());
    private static final Access EVERYONE = Access.of(Role.values());
    private static final Access STAFF = Access.of(ADMIN, RECEPTION, DOCTOR);
    private static final Access ADMINS = Access.of(ADMIN);
    private static final Access DESK = Access.of(ADMIN, RECEPTION);
    private static final Access DESK_AND_OWN_DOCTOR = DESK.andOwn(DOCTOR);
    private static final Access DESK_AND_BOT = Access.of(ADMIN, RECEPTION, BOT);
    private static final Access PATIENT_RECORDS = DESK_AND_BOT.andOwn(DOCTOR);

    /**
     * The routes a browser opens without setting headers (EventSource, WebSocket): they also take the token as
     * {@code ?access_token=}, which the request log never writes (it logs the path only).
     */
    static final List<String> STREAMS = List.of("/api/v1/queue/events", "/api/v1/display/events", "/api/v1/ws/queue");

    static final List<Rule> TABLE = List.of(
            // sign-in, and the identities themselves
            rule(POST, "/api/v1/auth/login", PUBLIC, audited("auth.login")),
            rule(POST, "/api/v1/auth/logout", STAFF, audited("auth.logout")),
            rule(GET, "/api/v1/auth/me", EVERYONE, NO_PATIENT_DATA),
            rule(POST, "/api/v1/users", ADMINS, audited("user.create")),
            rule(GET, "/api/v1/users", ADMINS, NO_PATIENT_DATA),
            rule(PATCH, "/api/v1/users/{user_id}", ADMINS, audited("user.change")),
            rule(POST, "/api/v1/clients", ADMINS, audited("client.create")),
            rule(GET, "/api/v1/clients", ADMINS, NO_PATIENT_DATA),
            rule(POST, "/api/v1/clients/{client_id}/revoke", ADMINS, audited("client.revoke")),
            rule(GET, "/api/v1/audit", ADMINS, audited("audit.search")),
            rule(GET, "/api/v1/audit/verify", ADMINS, audited("audit.verify")),
            rule(POST, "/api/v1/admin/backups", ADMINS, audited("backup.create")),
            // webhooks: their secrets are issued and rotated like tokens
            rule(POST, "/api/v1/webhooks", ADMINS, audited("webhook.create")),
            rule(GET, "/api/v1/webhooks", ADMINS, NO_PATIENT_DATA),
            rule(GET, "/api/v1/webhooks/{webhook_id}", ADMINS, NO_PATIENT_DATA),
            rule(PATCH, "/api/v1/webhooks/{webhook_id}", ADMINS, audited("webhook.change")),
            rule(DELETE, "/api/v1/webhooks/{webhook_id}", ADMINS, audited("webhook.delete")),
            rule(POST, "/api/v1/webhooks/{webhook_id}/rotate-secret", ADMINS, audited("webhook.rotate_secret")),
            rule(POST, "/api/v1/webhooks/{webhook_id}/test", ADMINS, NO_PATIENT_DATA),
            rule(GET, "/api/v1/webhooks/{webhook_id}/deliveries", ADMINS, NO_PATIENT_DATA),
            rule(POST, "/api/v1/webhooks/{webhook_id}/deliveries/{delivery_id}/replay", ADMINS, NO_PATIENT_DATA),
            rule(GET, "/api/v1/admin/backups", ADMINS, NO_PATIENT_DATA),
            // doctors and their days: everyone reads them (no patient data); the desk keeps them, a doctor their own
            rule(POST, "/api/v1/doctors", DESK, NO_PATIENT_DATA),
            rule(PATCH, "/api/v1/doctors/{doctor_id}", DESK, NO_PATIENT_DATA),
            rule(POST, "/api/v1/doctors/{doctor_id}/availability", DESK_AND_OWN_DOCTOR, NO_PATIENT_DATA),
            rule(GET, "/api/v1/doctors", EVERYONE, NO_PATIENT_DATA),
            rule(GET, "/api/v1/doctors/{doctor_id}", EVERYONE, NO_PATIENT_DATA),
            rule(GET, "/api/v1/doctors/{doctor_id}/availability", EVERYONE, NO_PATIENT_DATA),
            rule(GET, "/api/v1/doctors/{doctor_id}/capacity", EVERYONE, NO_PATIENT_DATA),
            rule(PUT, "/api/v1/doctors/{doctor_id}/roster", DESK_AND_OWN_DOCTOR, NO_PATIENT_DATA),
            rule(GET, "/api/v1/doctors/{doctor_id}/roster", EVERYONE, NO_PATIENT_DATA),
            rule(GET, "/api/v1/doctors/{doctor_id}/days", EVERYONE, NO_PATIENT_DATA),
            rule(GET, "/api/v1/doctors/{doctor_id}/open-days", EVERYONE, NO_PATIENT_DATA),
            rule(GET, "/api/v1/open-days", EVERYONE, NO_PATIENT_DATA),
            rule(GET, "/api/v1/doctors/{doctor_id}/queue/summary", EVERYONE, NO_PATIENT_DATA),
            rule(GET, "/api/v1/display/board", EVERYONE, NO_PATIENT_DATA),
            rule(GET, "/api/v1/display/events", EVERYONE, NO_PATIENT_DATA),
            // patients: the desk and the bot; a doctor only the patients booked with them
            rule(POST, "/api/v1/patients", DESK_AND_BOT, audited("patient.register")),
            rule(GET, "/api/v1/patients", DESK_AND_BOT, audited("patient.search")),
            rule(GET, "/api/v1/patients/{patient_id}", PATIENT_RECORDS, audited("patient.read")),
            rule(GET, "/api/v1/patients/{patient_id}/appointments", PATIENT_RECORDS, audited("patient.appointments")),
            rule(GET, "/api/v1/patients/{patient_id}/access-log", ADMINS, audited("patient.access_log")),
            // appointments: the desk and the bot book, move and check in; one appointment is a patient's record
            rule(POST, "/api/v1/appointments", DESK_AND_BOT, audited("appointment.book")),
            rule(GET, "/api/v1/appointments/{appointment_id}", PATIENT_RECORDS, audited("appointment.read")),
            rule(
                    GET,
                    "/api/v1/appointments/{appointment_id}/history",
                    DESK_AND_OWN_DOCTOR,
                    audited("appointment.history")),
            rule(
                    GET,
                    "/api/v1/appointments/{appointment_id}/queue-status",
                    PATIENT_RECORDS,
                    audited("appointment.queue_status")),
            rule(POST, "/api/v1/appointments/{appointment_id}/cancel", DESK_AND_BOT, audited("appointment.cancel")),
            rule(
                    POST,
                    "/api/v1/appointments/{appointment_id}/reschedule",
                    DESK_AND_BOT,
                    audited("appointment.reschedule")),
            rule(POST, "/api/v1/checkins", DESK_AND_BOT, audited("appointment.check_in")),
            // a doctor's day cancelled: every patient of it is cancelled or moved, so the desk only
            rule(POST, "/api/v1/doctors/{doctor_id}/days/{date}/cancel", DESK, audited("doctor.day_cancel")),
            // the waitlist: the desk and the bot put patients on it and take offers; a day's list is the desk's
            rule(POST, "/api/v1/waitlist", DESK_AND_BOT, audited("waitlist.join")),
            rule(GET, "/api/v1/waitlist", DESK, audited("waitlist.day")),
            rule(DELETE, "/api/v1/waitlist/{waitlist_entry_id}", DESK_AND_BOT, audited("waitlist.leave")),
            rule(GET, "/api/v1/patients/{patient_id}/waitlist", PATIENT_RECORDS, audited("patient.waitlist")),
            rule(POST, "/api/v1/waitlist/offers/{offer_id}/accept", DESK_AND_BOT, audited("waitlist.accept")),
            rule(POST, "/api/v1/waitlist/offers/{offer_id}/decline", DESK_AND_BOT, audited("waitlist.decline")),
            // a day's list names every patient of it: the desk, and the doctor for their own day; never the bot
            rule(GET, "/api/v1/doctors/{doctor_id}/appointments", DESK_AND_OWN_DOCTOR, audited("doctor.appointments")),
            rule(
                    GET,
                    "/api/v1/appointments/doctors/{doctor_id}/appointments",
                    DESK_AND_OWN_DOCTOR,
                    audited("doctor.appointments")),
            rule(GET, "/api/v1/doctors/{doctor_id}/queue", DESK_AND_OWN_DOCTOR, audited("doctor.queue")),
            rule(GET, "/api/v1/checkins/doctors/{doctor_id}/queue", DESK_AND_OWN_DOCTOR, audited("doctor.queue")),
            // a day's live queue across doctors: the staff; a doctor sees only their own patients in it
            rule(GET, "/api/v1/queue/events", STAFF, audited("queue.stream")),
            rule(GET, "/api/v1/ws/queue", STAFF, audited("queue.stream")),
            // the doctor's room moves their own queue; the desk any
            rule(POST, "/api/v1/doctors/{doctor_id}/queue/call-next", DESK_AND_OWN_DOCTOR, audited("doctor.call_next")),
            rule(POST, "/api/v1/queue-entries/{entry_id}/serve", DESK_AND_OWN_DOCTOR, audited("queue_entry.serve")),
            rule(POST, "/api/v1/queue-entries/{entry_id}/skip", DESK_AND_OWN_DOCTOR, audited("queue_entry.skip")),
            rule(
                    POST,
                    "/api/v1/queue-entries/{entry_id}/requeue",
                    DESK_AND_OWN_DOCTOR,
                    audited("queue_entry.requeue")));

    private AccessRules() {}

    private static Rule rule(HttpMethod method, String pattern, Access access, String auditAction) {
        return new Rule(method, pattern, access, auditAction);
    }

    private static String audited(String action) {
        return action;
    }
}
