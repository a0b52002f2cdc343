package app.clinic.access;

import static org.assertj.core.api.Assertions.assertThat;

import app.clinic.ClinicFixtures;
import app.clinic.HttpTest;
import app.clinic.StreamProbe;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * The audit rule of every route, from {@link AccessRules#TABLE}, the table of the role matrix: each audited route
 * leaves exactly one record of its request, with its action, its caller, its resource and every patient its answer
 * or change concerned; a route without patient data leaves none when it answers well; and every route leaves one
 * record of a caller it refused (401, 403). A new audited route without a scenario here fails.
 */
class AuditedRoutesTests extends HttpTest {

    /** One request of a scenario, and what its record must say. */
    private record Call(HttpMethod method, String uri, Object body, String token, Expected expected) {}

    /** The record's caller, resource, patients and outcome; the action comes from the table. */
    private record Expected(UUID actorId, String actorRole, String resourceId, Set<UUID> patientIds, String outcome) {

        Expected(UUID actorId, String actorRole, String resourceId, Set<UUID> patientIds) {
            this(actorId, actorRole, resourceId, patientIds, "success");
        }
    }

    /** The audit record a request left, by the request id it was sent with. */
    private record Recorded(
            UUID actorId,
            String actorName,
            String actorRole,
            String action,
            String resourceType,
            String resourceId,
            Set<UUID> patientIds,
            String outcome,
            Integer status,
            String clientAddress) {}

    @Test
    void everyAuditedRouteLeavesOneRecordNamingItsCallerResourceAndPatients() {
        Map<String, Supplier<Call>> scenarios = scenarios();
        List<String> audited = AccessRules.TABLE.stream()
                .filter(rule -> rule.auditAction() != null)
                .map(AuditedRoutesTests::key)
                .toList();
        assertThat(scenarios.keySet())
                .as("a scenario for every audited route of the table")
                .containsExactlyInAnyOrderElementsOf(audited);
        List<String> wrong = new ArrayList<>();

        Map<String, AccessRules.Rule> rules = new HashMap<>();
        AccessRules.TABLE.forEach(rule -> rules.put(key(rule), rule));
        for (Map.Entry<String, Supplier<Call>> scenario : scenarios.entrySet()) {
            AccessRules.Rule rule = rules.get(scenario.getKey());
            Call call = scenario.getValue().get();
            String requestId = UUID.randomUUID().toString();
            int status = send(call, requestId);
            List<Recorded> records = recordsOf(requestId);
            String route = key(rule) + " (" + status + ")";
            if ((status < 300) != call.expected().outcome().equals("success")) {
                wrong.add(route + ": the scenario should end in "
                        + call.expected().outcome());
            }
            if (records.size() != 1) {
                wrong.add(route + ": " + records.size() + " records");
                continue;
            }
            Recorded record = records.get(0);
            Expected expected = withCreatedId(call.expected());
            Recorded wanted = new Recorded(
                    expected.actorId(),
                    record.actorName(),
                    expected.actorRole(),
                    rule.auditAction(),
                    rule.auditAction().substring(0, rule.auditAction().indexOf('.')),
                    expected.resourceId(),
                    expected.patientIds(),
                    expected.outcome(),
                    record.status(),
                    "127.0.0.1");
            if (!record.equals(wanted) || (record.status() != null && record.status() != status)) {
                wrong.add(route + ":\n  recorded " + record + "\n  expected " + wanted);
            }
        }

        assertThat(wrong).isEmpty();
    }

    @Test
    void aRouteWithoutPatientDataThatAnswersWellLeavesNoRecord() {
        UUID doctor = given.doctor();
        given.doctorAbsent(doctor, given.today()); // so that the day's availability reads
        given.roster(doctor, given.today(), "monday", "friday"); // and the roster
        Map<String, Object> variables = Map.of("doctor_id", doctor, "webhook_id", webhook());
        Map<String, String> requests = new LinkedHashMap<>();

        for (AccessRules.Rule rule : AccessRules.TABLE) {
            if (rule.auditAction() != null || rule.method() != HttpMethod.GET) {
                continue;
            }
            String requestId = UUID.randomUUID().toString();
            String uri = expand(rule, variables) + "?date=" + given.today();
            int status = send(new Call(rule.method(), uri, null, ADMIN_TOKEN, null), requestId);
            assertThat(status).as(rule.pattern()).isEqualTo(200);
            requests.put(key(rule), requestId);
        }

        // checked after all were answered, so that a record written after its answer would be seen too
        assertThat(requests)
                .isNotEmpty()
                .allSatisfy((route, requestId) ->
                        assertThat(recordsOf(requestId)).as(route).isEmpty());
    }

    @Test
    void everyRefusedCallerLeavesOneDeniedRecordWithTheRoutesAction() {
        String display = given.clientToken("display");
        UUID displayId = idOf(display);
        List<String> wrong = new ArrayList<>();

        for (AccessRules.Rule rule : AccessRules.TABLE) {
            String uri = expand(rule, Map.of());
            if (!rule.access().isPublic()) {
                String requestId = UUID.randomUUID().toString();
                send(new Call(rule.method(), uri, "{}", null, null), requestId);
                List<Recorded> records = refusalRecordsOf(requestId);
                if (records.size() != 1
                        || !records.get(0).outcome().equals("denied")
                        || records.get(0).status() != 401
                        || !records.get(0).action().equals(actionOf(rule, uri))) {
                    wrong.add("no token, " + key(rule) + ": " + records);
                }
            }
            if (!rule.access().grants().containsKey(Role.DISPLAY)
                    && !rule.access().isPublic()) {
                String requestId = UUID.randomUUID().toString();
                send(new Call(rule.method(), uri, "{}", display, null), requestId);
                List<Recorded> records = refusalRecordsOf(requestId);
                if (records.size() != 1
                        || records.get(0).status() != 403
                        || !displayId.equals(records.get(0).actorId())
                        || !records.get(0).action().equals(actionOf(rule, uri))) {
                    wrong.add("display, " + key(rule) + ": " + records);
                }
            }
        }

        assertThat(wrong).isEmpty();
    }

    /**
     * A request per audited route, in an order that lets each succeed (a patient is called before served), with
     * the record it must leave. Every call is made as a signed-in admin unless it says otherwise.
     */
    private Map<String, Supplier<Call>> scenarios() {
        String admin = given.staffToken("admin", null);
        UUID adminId = idOf(admin);
        UUID doctor = given.doctor();
        LocalDate today = given.today();
        UUID patient = given.patient();
        String phone = (String) get("/api/v1/patients/" + patient).get("phone");
        UUID appointment = given.booked(patient, doctor, today);
        UUID second = given.patient();
        UUID secondAppointment = given.booked(second, doctor, today);
        Map<String, Object> state = new HashMap<>();
        Map<String, Supplier<Call>> scenarios = new LinkedHashMap<>();

        scenarios.put("POST /api/v1/auth/login", () -> {
            String username = "audited" + UUID.randomUUID().toString().substring(0, 8);
            UUID user = ClinicFixtures.id(given.post(
                    "/api/v1/users",
                    Map.of("username", username, "password", "a long passphrase", "role", "reception"),
                    201));
            return new Call(
                    HttpMethod.POST,
                    "/api/v1/auth/login",
                    Map.of("username", username, "password", "a long passphrase"),
                    null,
                    new Expected(user, "reception", user.toString(), Set.of()));
        });
        scenarios.put("POST /api/v1/auth/logout", () -> {
            String token = given.staffToken("reception", null);
            return new Call(
                    HttpMethod.POST,
                    "/api/v1/auth/logout",
                    null,
                    token,
                    new Expected(idOf(token), "reception", null, Set.of()));
        });
        scenarios.put(
                "POST /api/v1/users",
                () -> new Call(
                        HttpMethod.POST,
                        "/api/v1/users",
                        Map.of(
                                "username",
                                "new" + UUID.randomUUID().toString().substring(0, 8),
                                "password",
                                "a long passphrase",
                                "role",
                                "reception"),
                        admin,
                        new Expected(adminId, "admin", CREATED, Set.of())));
        scenarios.put("PATCH /api/v1/users/{user_id}", () -> {
            UUID user = ClinicFixtures.id(given.post(
                    "/api/v1/users",
                    Map.of(
                            "username",
                            "patched" + UUID.randomUUID().toString().substring(0, 8),
                            "password",
                            "a long passphrase",
                            "role",
                            "reception"),
                    201));
            return new Call(
                    HttpMethod.PATCH,
                    "/api/v1/users/" + user,
                    Map.of("disabled", true),
                    admin,
                    new Expected(adminId, "admin", user.toString(), Set.of()));
        });
        scenarios.put(
                "POST /api/v1/clients",
                () -> new Call(
                        HttpMethod.POST,
                        "/api/v1/clients",
                        Map.of("name", "audited bot", "role", "bot"),
                        admin,
                        new Expected(adminId, "admin", CREATED, Set.of())));
        scenarios.put("POST /api/v1/clients/{client_id}/revoke", () -> {
            String client = (String) given.apiClient("bot").get("id");
            return new Call(
                    HttpMethod.POST,
                    "/api/v1/clients/" + client + "/revoke",
                    null,
                    admin,
                    new Expected(adminId, "admin", client, Set.of()));
        });
        scenarios.put(
                "POST /api/v1/webhooks",
                () -> new Call(
                        HttpMethod.POST,
                        "/api/v1/webhooks",
                        WEBHOOK,
                        admin,
                        new Expected(adminId, "admin", CREATED, Set.of())));
        scenarios.put("PATCH /api/v1/webhooks/{webhook_id}", () -> {
            UUID webhook = webhook();
            return new Call(
                    HttpMethod.PATCH,
                    "/api/v1/webhooks/" + webhook,
                    Map.of("enabled", false),
                    admin,
                    new Expected(adminId, "admin", webhook.toString(), Set.of()));
        });
        scenarios.put("DELETE /api/v1/webhooks/{webhook_id}", () -> {
            UUID webhook = webhook();
            return new Call(
                    HttpMethod.DELETE,
                    "/api/v1/webhooks/" + webhook,
                    null,
                    admin,
                    new Expected(adminId, "admin", webhook.toString(), Set.of()));
        });
        scenarios.put("POST /api/v1/webhooks/{webhook_id}/rotate-secret", () -> {
            UUID webhook = webhook();
            return new Call(
                    HttpMethod.POST,
                    "/api/v1/webhooks/" + webhook + "/rotate-secret",
                    null,
                    admin,
                    new Expected(adminId, "admin", webhook.toString(), Set.of()));
        });
        scenarios.put(
                "GET /api/v1/audit",
                () -> new Call(
                        HttpMethod.GET,
                        "/api/v1/audit?limit=1",
                        null,
                        admin,
                        new Expected(adminId, "admin", null, Set.of())));
        scenarios.put(
                "GET /api/v1/audit/verify",
                () -> new Call(
                        HttpMethod.GET,
                        "/api/v1/audit/verify",
                        null,
                        admin,
                        new Expected(adminId, "admin", null, Set.of())));
        // the tests' database is not the embedded one of a service: its backup is refused, and recorded so
        scenarios.put(
                "POST /api/v1/admin/backups",
                () -> new Call(
                        HttpMethod.POST,
                        "/api/v1/admin/backups",
                        null,
                        admin,
                        new Expected(adminId, "admin", null, Set.of(), "refused")));
        scenarios.put(
                "POST /api/v1/patients",
                () -> new Call(
                        HttpMethod.POST,
                        "/api/v1/patients",
                        Map.of("first_name", "Audited", "phone", ClinicFixtures.uniquePhone()),
                        admin,
                        new Expected(adminId, "admin", CREATED, Set.of(CREATED_PATIENT))));
        scenarios.put(
                "GET /api/v1/patients",
                () -> new Call(
                        HttpMethod.GET,
                        "/api/v1/patients?phone=" + phone.replace("+", "%2B"),
                        null,
                        admin,
                        new Expected(adminId, "admin", null, Set.of(patient))));
        scenarios.put(
                "GET /api/v1/patients/{patient_id}",
                () -> read("/api/v1/patients/" + patient, admin, adminId, patient.toString(), patient));
        scenarios.put(
                "GET /api/v1/patients/{patient_id}/appointments",
                () -> read(
                        "/api/v1/patients/" + patient + "/appointments", admin, adminId, patient.toString(), patient));
        scenarios.put(
                "GET /api/v1/patients/{patient_id}/access-log",
                () -> read("/api/v1/patients/" + patient + "/access-log", admin, adminId, patient.toString(), patient));
        scenarios.put("POST /api/v1/appointments", () -> {
            UUID other = given.patient();
            return new Call(
                    HttpMethod.POST,
                    "/api/v1/appointments",
                    ClinicFixtures.bookingBody(other, doctor, given.tomorrow()),
                    admin,
                    new Expected(adminId, "admin", CREATED, Set.of(other)));
        });
        scenarios.put(
                "GET /api/v1/appointments/{appointment_id}",
                () -> read("/api/v1/appointments/" + appointment, admin, adminId, appointment.toString(), patient));
        scenarios.put(
                "GET /api/v1/appointments/{appointment_id}/history",
                () -> read(
                        "/api/v1/appointments/" + appointment + "/history",
                        admin,
                        adminId,
                        appointment.toString(),
                        patient));
        scenarios.put(
                "GET /api/v1/appointments/{appointment_id}/queue-status",
                () -> read(
                        "/api/v1/appointments/" + appointment + "/queue-status",
                        admin,
                        adminId,
                        appointment.toString(),
                        patient));
        scenarios.put("POST /api/v1/appointments/{appointment_id}/cancel", () -> {
            UUID other = given.patient();
            UUID booked = given.booked(other, doctor, given.tomorrow());
            return new Call(
                    HttpMethod.POST,
                    "/api/v1/appointments/" + booked + "/cancel",
                    null,
                    admin,
                    new Expected(adminId, "admin", booked.toString(), Set.of(other)));
        });
        scenarios.put("POST /api/v1/appointments/{appointment_id}/reschedule", () -> {
            UUID other = given.patient();
            UUID booked = given.booked(other, doctor, given.tomorrow());
            return new Call(
                    HttpMethod.POST,
                    "/api/v1/appointments/" + booked + "/reschedule",
                    Map.of("date", given.tomorrow().plusDays(1).toString()),
                    admin,
                    new Expected(adminId, "admin", booked.toString(), Set.of(other)));
        });
        scenarios.put(
                "POST /api/v1/checkins",
                () -> new Call(
                        HttpMethod.POST,
                        "/api/v1/checkins",
                        Map.of("appointment_id", appointment.toString(), "patient_id", patient.toString()),
                        admin,
                        new Expected(adminId, "admin", appointment.toString(), Set.of(patient))));
        scenarios.put(
                "GET /api/v1/doctors/{doctor_id}/appointments",
                () -> read(
                        "/api/v1/doctors/" + doctor + "/appointments?date=" + today,
                        admin,
                        adminId,
                        doctor.toString(),
                        patient,
                        second));
        scenarios.put(
                "GET /api/v1/appointments/doctors/{doctor_id}/appointments",
                () -> read(
                        "/api/v1/appointments/doctors/" + doctor + "/appointments?date=" + today,
                        admin,
                        adminId,
                        doctor.toString(),
                        patient,
                        second));
        scenarios.put("GET /api/v1/doctors/{doctor_id}/queue", () -> {
            // the second patient checks in too: the queue then names both
            given.post(
                    "/api/v1/checkins",
                    Map.of("appointment_id", secondAppointment.toString(), "patient_id", second.toString()),
                    201);
            return read("/api/v1/doctors/" + doctor + "/queue", admin, adminId, doctor.toString(), patient, second);
        });
        scenarios.put(
                "GET /api/v1/checkins/doctors/{doctor_id}/queue",
                () -> read(
                        "/api/v1/checkins/doctors/" + doctor + "/queue",
                        admin,
                        adminId,
                        doctor.toString(),
                        patient,
                        second));
        scenarios.put(
                "POST /api/v1/doctors/{doctor_id}/queue/call-next",
                () -> new Call(
                        HttpMethod.POST,
                        "/api/v1/doctors/" + doctor + "/queue/call-next",
                        null,
                        admin,
                        new Expected(adminId, "admin", doctor.toString(), Set.of(patient))));
        scenarios.put("POST /api/v1/queue-entries/{entry_id}/skip", () -> {
            String entry = queueEntryOf(appointment);
            state.put("entry", entry);
            return new Call(
                    HttpMethod.POST,
                    "/api/v1/queue-entries/" + entry + "/skip",
                    null,
                    admin,
                    new Expected(adminId, "admin", entry, Set.of(patient)));
        });
        scenarios.put(
                "POST /api/v1/queue-entries/{entry_id}/requeue",
                () -> new Call(
                        HttpMethod.POST,
                        "/api/v1/queue-entries/" + state.get("entry") + "/requeue",
                        null,
                        admin,
                        new Expected(adminId, "admin", (String) state.get("entry"), Set.of(patient))));
        scenarios.put("POST /api/v1/queue-entries/{entry_id}/serve", () -> {
            String entry = queueEntryOf(secondAppointment);
            given.post("/api/v1/doctors/" + doctor + "/queue/call-next", Map.of(), 200);
            return new Call(
                    HttpMethod.POST,
                    "/api/v1/queue-entries/" + entry + "/serve",
                    null,
                    admin,
                    new Expected(adminId, "admin", entry, Set.of(second)));
        });
        // a stream's own record says who opened it; what it shows is recorded as it is sent (LiveEventStreamTests)
        scenarios.put(
                "GET /api/v1/queue/events",
                () -> new Call(
                        HttpMethod.GET,
                        "/api/v1/queue/events?date=" + NOBODYS_DAY,
                        null,
                        admin,
                        new Expected(adminId, "admin", null, Set.of())));
        scenarios.put(
                "GET /api/v1/ws/queue",
                () -> new Call(
                        HttpMethod.GET,
                        "/api/v1/ws/queue",
                        null,
                        admin,
                        new Expected(adminId, "admin", null, Set.of())));
        scenarios.put("POST /api/v1/doctors/{doctor_id}/days/{date}/cancel", () -> {
            UUID absent = given.doctor();
            UUID other = given.patient();
            given.booked(other, absent, given.tomorrow());
            return new Call(
                    HttpMethod.POST,
                    "/api/v1/doctors/" + absent + "/days/" + given.tomorrow() + "/cancel",
                    Map.of("reason", "The doctor is ill", "action", "cancel"),
                    admin,
                    new Expected(adminId, "admin", absent.toString(), Set.of(other)));
        });
        scenarios.put("POST /api/v1/waitlist", () -> {
            UUID full = fullDoctorTomorrow();
            UUID waiter = given.patient();
            return new Call(
                    HttpMethod.POST,
                    "/api/v1/waitlist",
                    ClinicFixtures.bookingBody(waiter, full, given.tomorrow()),
                    admin,
                    new Expected(adminId, "admin", CREATED, Set.of(waiter)));
        });
        scenarios.put("GET /api/v1/waitlist", () -> {
            UUID full = fullDoctorTomorrow();
            UUID waiter = given.patient();
            given.waitlisted(waiter, full, given.tomorrow());
            return read(
                    "/api/v1/waitlist?doctor_id=" + full + "&date=" + given.tomorrow(), admin, adminId, null, waiter);
        });
        scenarios.put("DELETE /api/v1/waitlist/{waitlist_entry_id}", () -> {
            UUID waiter = given.patient();
            UUID entry = given.waitlisted(waiter, fullDoctorTomorrow(), given.tomorrow());
            return new Call(
                    HttpMethod.DELETE,
                    "/api/v1/waitlist/" + entry,
                    null,
                    admin,
                    new Expected(adminId, "admin", entry.toString(), Set.of(waiter)));
        });
        scenarios.put(
                "GET /api/v1/patients/{patient_id}/waitlist",
                () -> read("/api/v1/patients/" + patient + "/waitlist", admin, adminId, patient.toString(), patient));
        scenarios.put("POST /api/v1/waitlist/offers/{offer_id}/accept", () -> {
            UUID waiter = given.patient();
            UUID offer = offered(waiter);
            return new Call(
                    HttpMethod.POST,
                    "/api/v1/waitlist/offers/" + offer + "/accept",
                    null,
                    admin,
                    new Expected(adminId, "admin", offer.toString(), Set.of(waiter)));
        });
        scenarios.put("POST /api/v1/waitlist/offers/{offer_id}/decline", () -> {
            UUID waiter = given.patient();
            UUID offer = offered(waiter);
            return new Call(
                    HttpMethod.POST,
                    "/api/v1/waitlist/offers/" + offer + "/decline",
                    null,
                    admin,
                    new Expected(adminId, "admin", offer.toString(), Set.of(waiter)));
        });
        return scenarios;
    }

    /** A day without appointments: a stream of it shows no patient. */
    private static final String NOBODYS_DAY = "2099-01-01";

    /** Stands for the id the request creates, known only from its answer. */
    private static final String CREATED = "the id of what the request created";

    /** A subscription to nothing that happens in these tests, at a closed port on loopback. */
    private static final Map<String, Object> WEBHOOK =
            Map.of("url", "http://127.0.0.1:9/audited", "events", List.of("appointment.reminder"));

    private UUID webhook() {
        return ClinicFixtures.id(given.post("/api/v1/webhooks", WEBHOOK, 201));
    }

    /** A new doctor taking one patient a day, and tomorrow booked full. */
    private UUID fullDoctorTomorrow() {
        UUID doctor = given.doctorTakingPerDay(1);
        given.booked(given.patient(), doctor, given.tomorrow());
        return doctor;
    }

    /** The waiter is offered a place: first on a full day's waitlist, then its one booking cancelled. */
    private UUID offered(UUID waiter) {
        UUID doctor = given.doctorTakingPerDay(1);
        UUID booked = given.booked(given.patient(), doctor, given.tomorrow());
        given.waitlisted(waiter, doctor, given.tomorrow());
        given.post("/api/v1/appointments/" + booked + "/cancel", Map.of(), 200);
        return given.offerOf(waiter);
    }

    private static final UUID CREATED_PATIENT = new UUID(0, 0);

    private Call read(String uri, String token, UUID actor, String resource, UUID... patients) {
        return new Call(HttpMethod.GET, uri, null, token, new Expected(actor, "admin", resource, Set.of(patients)));
    }

    /** The last answer's body: the id of what it created. */
    private Map<String, Object> created = Map.of();

    @SuppressWarnings("unchecked")
    private int send(Call call, String requestId) {
        String path = call.uri().split("\\?")[0];
        if (call.method() == HttpMethod.GET && AccessRules.STREAMS.contains(path)) {
            created = Map.of();
            return path.contains("/ws/")
                    ? StreamProbe.handshake(baseUrl(), call.uri(), call.token(), requestId)
                    : StreamProbe.status(baseUrl(), call.uri(), call.token(), requestId);
        }
        RestTestClient client = clientWith(call.token());
        var request = client.method(call.method()).uri(java.net.URI.create(baseUrl() + call.uri()));
        request.header("X-Request-Id", requestId);
        if (call.method() != HttpMethod.GET && call.body() != null) {
            request.contentType(MediaType.APPLICATION_JSON).body(call.body());
        }
        var result = request.exchange().returnResult(Object.class);
        created = result.getResponseBody() instanceof Map<?, ?> body ? (Map<String, Object>) body : Map.of();
        return result.getStatus().value();
    }

    private List<Recorded> recordsOf(String requestId) {
        List<Recorded> records = db.sql("""
                        SELECT actor_id, actor_name, actor_role, action, resource_type, resource_id, patient_ids,
                               outcome, status, client_address
                          FROM audit_trail WHERE request_id = :requestId
                        """)
                .param("requestId", requestId)
                .query((rs, row) -> new Recorded(
                        rs.getObject("actor_id", UUID.class),
                        rs.getString("actor_name"),
                        rs.getString("actor_role"),
                        rs.getString("action"),
                        rs.getString("resource_type"),
                        rs.getString("resource_id"),
                        Set.of((UUID[]) rs.getArray("patient_ids").getArray()),
                        rs.getString("outcome"),
                        rs.getObject("status", Integer.class),
                        rs.getString("client_address")))
                .list();
        return records;
    }

    /** What the request created is known by the id its answer gave: in place of the expectation's placeholders. */
    private Expected withCreatedId(Expected expected) {
        if (!CREATED.equals(expected.resourceId())) {
            return expected;
        }
        String id = (String) created.get("id");
        Set<UUID> patients =
                expected.patientIds().contains(CREATED_PATIENT) ? Set.of(UUID.fromString(id)) : expected.patientIds();
        return new Expected(expected.actorId(), expected.actorRole(), id, patients, expected.outcome());
    }

    /** A refusal is recorded once its answer is known, so it may land just after the answer. */
    private List<Recorded> refusalRecordsOf(String requestId) {
        return Awaitility.await()
                .atMost(Duration.ofSeconds(5))
                .until(() -> recordsOf(requestId), records -> !records.isEmpty());
    }

    private UUID idOf(String token) {
        return UUID.fromString((String) HttpTest.client(baseUrl(), token)
                .get()
                .uri("/api/v1/auth/me")
                .exchange()
                .returnResult(Map.class)
                .getResponseBody()
                .get("id"));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> get(String uri) {
        return http.get().uri(uri).exchange().returnResult(Map.class).getResponseBody();
    }

    private String queueEntryOf(UUID appointment) {
        return db.sql("SELECT id::text FROM queue_entries WHERE appointment_id = :appointment")
                .param("appointment", appointment)
                .query(String.class)
                .single();
    }

    /** The action a record of the route carries: the table's, or for a route without one its method and path. */
    private static String actionOf(AccessRules.Rule rule, String uri) {
        return rule.auditAction() != null ? rule.auditAction() : rule.method() + " " + uri;
    }

    private static String key(AccessRules.Rule rule) {
        return rule.method() + " " + rule.pattern();
    }

    private static String expand(AccessRules.Rule rule, Map<String, Object> variables) {
        String uri = rule.pattern();
        for (var match : java.util.regex.Pattern.compile("\\{([a-z_]+)}")
                .matcher(rule.pattern())
                .results()
                .toList()) {
            uri = uri.replace(match.group(), String.valueOf(variables.getOrDefault(match.group(1), UUID.randomUUID())));
        }
        return uri;
    }
}
