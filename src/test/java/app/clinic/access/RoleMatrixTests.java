package app.clinic.access;

import static org.assertj.core.api.Assertions.assertThat;

import app.clinic.HttpTest;
import app.clinic.StreamProbe;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.EntityExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.handler.SimpleUrlHandlerMapping;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every route × every role, from {@link AccessRules#TABLE}: a route the table grants answers neither 401 nor 403 (nor
 * a 5xx), a route it does not grant answers 403 in the envelope, and without a valid token every route but sign-in
 * answers 401. The routes come from what Spring MVC actually maps, so a new route without a rule fails here.
 */
class RoleMatrixTests extends HttpTest {

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    private RequestMappingHandlerMapping mappings;

    /** The WebSocket routes: a handshake is a GET. */
    @Autowired
    @Qualifier("webSocketHandlerMapping")
    private HandlerMapping webSockets;

    private record Route(HttpMethod method, String pattern) {}

    /** A caller of the matrix: its role, and for a doctor whether the route's data is its own. */
    private record Holder(String label, Role role, boolean ownData, String token) {}

    @Test
    void everyApiRouteSpringMapsHasExactlyOneRuleAndEveryRuleARoute() {
        Set<Route> mapped = new HashSet<>();
        mappings.getHandlerMethods()
                .keySet()
                .forEach(info -> info.getPathPatternsCondition().getPatternValues().stream()
                        .filter(pattern -> pattern.startsWith("/api/"))
                        .forEach(pattern -> info.getMethodsCondition()
                                .getMethods()
                                .forEach(method -> mapped.add(new Route(HttpMethod.valueOf(method.name()), pattern)))));
        ((SimpleUrlHandlerMapping) webSockets)
                .getUrlMap()
                .keySet()
                .forEach(pattern -> mapped.add(new Route(HttpMethod.GET, pattern)));
        List<Route> ruled = AccessRules.TABLE.stream()
                .map(rule -> new Route(rule.method(), rule.pattern()))
                .toList();

        assertThat(ruled).doesNotHaveDuplicates();
        assertThat(Set.copyOf(ruled))
                .as("the table's routes are the mapped routes")
                .isEqualTo(mapped);
    }

    @Test
    void aWaitingRoomDisplayOnlyEverReads() {
        assertThat(AccessRules.TABLE)
                .filteredOn(rule -> rule.access().grants().containsKey(Role.DISPLAY))
                .allSatisfy(rule -> assertThat(rule.method()).isEqualTo(HttpMethod.GET))
                .noneSatisfy(rule -> assertThat(rule.pattern()).contains("patients"));
    }

    @Test
    void everyRouteAnswersEveryRoleAsTheTableSays() {
        UUID ownDoctor = given.doctor();
        UUID otherDoctor = given.doctor();
        LocalDate today = given.today();
        UUID patient = given.patient();
        UUID appointment = given.booked(patient, ownDoctor, today);
        UUID entry = UUID.fromString((String) given.post(
                        "/api/v1/checkins",
                        Map.of("appointment_id", appointment.toString(), "patient_id", patient.toString()),
                        201)
                .get("queue_entry_id"));
        Map<String, Object> variables = Map.of(
                "doctor_id", ownDoctor,
                "patient_id", patient,
                "appointment_id", appointment,
                "entry_id", entry,
                "user_id",
                        UUID.fromString((String)
                                given.post("/api/v1/users", newUser(), 201).get("id")),
                "client_id", UUID.fromString((String) given.apiClient("display").get("id")));
        List<Holder> holders = List.of(
                new Holder("admin", Role.ADMIN, false, given.staffToken("admin", null)),
                new Holder("reception", Role.RECEPTION, false, given.staffToken("reception", null)),
                new Holder("doctor of the data", Role.DOCTOR, true, given.staffToken("doctor", ownDoctor)),
                new Holder("another doctor", Role.DOCTOR, false, given.staffToken("doctor", otherDoctor)),
                new Holder("bot", Role.BOT, false, given.clientToken("bot")),
                new Holder("display", Role.DISPLAY, false, given.clientToken("display")));
        List<String> wrong = new ArrayList<>();

        // sign-out last: it ends the token that calls it
        List<AccessRules.Rule> rules = AccessRules.TABLE.stream()
                .sorted(Comparator.comparing(rule -> rule.pattern().endsWith("/logout")))
                .toList();
        for (AccessRules.Rule rule : rules) {
            String uri = expand(rule.pattern(), variables);
            for (Holder holder : holders) {
                int status = AccessRules.STREAMS.contains(rule.pattern())
                        ? StreamProbe.status(baseUrl(), uri, holder.token(), null)
                        : send(clientWith(holder.token()), rule.method(), uri);
                boolean granted = granted(rule.access(), holder);
                if (granted && (status == 401 || status == 403 || status >= 500)) {
                    wrong.add(rule.method() + " " + rule.pattern() + " as " + holder.label() + ": " + status
                            + ", but the table grants it");
                } else if (!granted && status != 403) {
                    wrong.add(rule.method() + " " + rule.pattern() + " as " + holder.label() + ": " + status
                            + ", but the table refuses it (403)");
                }
            }
        }

        assertThat(wrong).isEmpty();
    }

    @Test
    void withoutAValidTokenEveryRouteButSignInAnswers401InTheEnvelope() {
        String revoked = revokedClientToken();
        String expired = expiredStaffToken();
        Map<String, String> callers = new LinkedHashMap<>();
        callers.put("no token", null);
        callers.put("an unknown token", "clinic_not-a-token-the-service-ever-issued");
        callers.put("a revoked token", revoked);
        callers.put("an expired staff token", expired);
        List<String> wrong = new ArrayList<>();

        for (AccessRules.Rule rule : AccessRules.TABLE) {
            String uri = expand(rule.pattern(), Map.of());
            for (Map.Entry<String, String> caller : callers.entrySet()) {
                EntityExchangeResult<String> result = exchange(clientWith(caller.getValue()), rule.method(), uri);
                int status = result.getStatus().value();
                if (rule.access().isPublic()) {
                    if (caller.getValue() == null && (status == 401 || status == 403)) {
                        wrong.add(rule.pattern() + " is public but answered " + status);
                    }
                } else if (status != 401
                        || !String.valueOf(result.getResponseBody()).contains("\"error\":\"Unauthenticated\"")
                        || !"Bearer".equals(result.getResponseHeaders().getFirst("WWW-Authenticate"))) {
                    wrong.add(rule.method() + " " + rule.pattern() + " with " + caller.getKey() + ": " + status + " "
                            + result.getResponseBody());
                }
            }
        }

        assertThat(wrong).isEmpty();
    }

    @Test
    void aDoctorAccountReadsOnlyTheDaysAndPatientsOfItsOwnDoctor() {
        UUID doctor = given.doctor();
        UUID other = given.doctor();
        UUID patient = given.patient();
        UUID elsewhere = given.patient();
        given.booked(patient, doctor, given.tomorrow());
        given.booked(elsewhere, other, given.tomorrow());
        RestTestClient room = clientWith(given.staffToken("doctor", doctor));

        assertThat(send(room, HttpMethod.GET, "/api/v1/doctors/" + doctor + "/appointments"))
                .isEqualTo(200);
        assertThat(send(room, HttpMethod.GET, "/api/v1/patients/" + patient)).isEqualTo(200);
        assertThat(send(room, HttpMethod.GET, "/api/v1/doctors/" + other + "/appointments"))
                .isEqualTo(403);
        assertThat(send(room, HttpMethod.GET, "/api/v1/patients/" + elsewhere)).isEqualTo(403);
        assertThat(send(room, HttpMethod.GET, "/api/v1/patients/" + UUID.randomUUID()))
                .as("an unknown patient is nobody's: 403, not a 404 that tells ids apart")
                .isEqualTo(403);
    }

    @Test
    void theBotBooksAndReadsAPatientsOwnHistoryButNeverADaysList() {
        UUID doctor = given.doctor();
        UUID patient = given.patient();
        RestTestClient bot = clientWith(given.clientToken("bot"));

        EntityExchangeResult<String> booked = bot.post()
                .uri("/api/v1/appointments")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of(
                        "patient_id",
                        patient,
                        "doctor_id",
                        doctor,
                        "date",
                        given.tomorrow().toString()))
                .exchange()
                .returnResult(String.class);

        assertThat(booked.getStatus().value()).isEqualTo(201);
        assertThat(send(bot, HttpMethod.GET, "/api/v1/patients/" + patient + "/appointments"))
                .isEqualTo(200);
        assertThat(send(bot, HttpMethod.GET, "/api/v1/doctors/" + doctor + "/appointments"))
                .isEqualTo(403);
        assertThat(send(bot, HttpMethod.GET, "/api/v1/doctors/" + doctor + "/queue"))
                .isEqualTo(403);
    }

    private static boolean granted(AccessRules.Access access, Holder holder) {
        AccessRules.Reach reach = access.grants().get(holder.role());
        return access.isPublic()
                || reach == AccessRules.Reach.ALL
                || (reach == AccessRules.Reach.OWN && holder.ownData());
    }

    private static String expand(String pattern, Map<String, Object> variables) {
        String uri = pattern;
        for (String name : variableNames(pattern)) {
            uri = uri.replace("{" + name + "}", String.valueOf(variables.getOrDefault(name, UUID.randomUUID())));
        }
        return uri;
    }

    private static Set<String> variableNames(String pattern) {
        return java.util.regex.Pattern.compile("\\{([a-z_]+)}")
                .matcher(pattern)
                .results()
                .map(match -> match.group(1))
                .collect(Collectors.toSet());
    }

    private static int send(RestTestClient client, HttpMethod method, String uri) {
        return exchange(client, method, uri).getStatus().value();
    }

    /** A write gets an empty JSON object: enough to pass the door, whatever the handler then makes of it. */
    private static EntityExchangeResult<String> exchange(RestTestClient client, HttpMethod method, String uri) {
        var request = client.method(method).uri(uri);
        if (method == HttpMethod.POST || method == HttpMethod.PATCH || method == HttpMethod.PUT) {
            request.contentType(MediaType.APPLICATION_JSON).body("{}");
        }
        return request.exchange().returnResult(String.class);
    }

    private Map<String, Object> newUser() {
        return Map.of(
                "username", "matrix" + UUID.randomUUID().toString().substring(0, 8),
                "password", "a long passphrase for the matrix",
                "role", "reception");
    }

    private String revokedClientToken() {
        Map<String, Object> client = given.apiClient("bot");
        given.post("/api/v1/clients/" + client.get("id") + "/revoke", Map.of(), 200);
        return (String) client.get("token");
    }

    private String expiredStaffToken() {
        String token = given.staffToken("reception", null);
        db.sql("UPDATE access_tokens SET expires_at = now() - interval '1 second' WHERE prefix = :prefix")
                .param("prefix", token.substring(0, Tokens.prefixOf(token).length()))
                .update();
        return token;
    }
}
