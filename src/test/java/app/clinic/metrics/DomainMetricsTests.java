package app.clinic.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import app.clinic.ClinicFixtures;
import app.clinic.HttpTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

/** Probes and Prometheus metrics on the management port: the domain's counters move with what the API did. */
class DomainMetricsTests extends HttpTest {

    private static final Pattern UUID_PATTERN =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    @LocalManagementPort
    private int managementPort;

    private RestTestClient management;

    @BeforeEach
    void connectToManagementPort() {
        management = RestTestClient.bindToServer()
                .baseUrl("http://localhost:" + managementPort)
                .build();
    }

    @Test
    void aBookingARefusalAReplayACheckInAndACallAreCounted() {
        UUID doctor = given.doctorTakingPerDay(1);
        UUID patient = given.patient();
        Map<String, Double> before = scrape();

        Map<String, Object> booking = Map.of(
                "patient_id",
                patient,
                "doctor_id",
                doctor,
                "date",
                given.today().toString(),
                "idempotency_key",
                "metrics-" + UUID.randomUUID());
        UUID appointment = ClinicFixtures.id(given.post("/api/v1/appointments", booking, 201));
        given.post("/api/v1/appointments", booking, 201); // a retry: replayed
        given.post("/api/v1/appointments", ClinicFixtures.bookingBody(given.patient(), doctor, given.today()), 409);
        given.post("/api/v1/checkins", Map.of("appointment_id", appointment, "patient_id", patient), 201);
        http.post()
                .uri("/api/v1/doctors/{id}/queue/call-next", doctor)
                .exchange()
                .expectStatus()
                .isOk();

        Map<String, Double> after = scrape();
        assertThat(increase(before, after, "clinic_bookings_total")).isEqualTo(1.0);
        assertThat(increase(before, after, "clinic_bookings_replayed_total")).isEqualTo(1.0);
        assertThat(increase(before, after, "clinic_bookings_refused_total{reason=\"CapacityFull\"}"))
                .isEqualTo(1.0);
        assertThat(increase(before, after, "clinic_checkins_total")).isEqualTo(1.0);
        assertThat(increase(before, after, "clinic_queue_wait_seconds_count")).isEqualTo(1.0);
    }

    @Test
    void domainMetricsCarryNoIdOfAPatientDoctorOrAppointment() {
        UUID doctor = given.doctorTakingPerDay(1);
        given.booked(given.patient(), doctor, given.tomorrow());
        given.post("/api/v1/appointments", ClinicFixtures.bookingBody(given.patient(), doctor, given.tomorrow()), 409);

        String exposition = prometheus();

        assertThat(exposition.lines().filter(line -> line.startsWith("clinic_")))
                .isNotEmpty()
                .noneMatch(line -> UUID_PATTERN.matcher(line).find());
    }

    @Test
    void probesAndMetricsAnswerOnTheManagementPortOnly() {
        for (String probe : List.of("liveness", "readiness")) {
            management
                    .get()
                    .uri("/actuator/health/{probe}", probe)
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.status")
                    .isEqualTo("UP");
        }
        assertThat(prometheus()).contains("hikaricp_connections_max", "http_server_requests_seconds_count");

        http.get().uri("/actuator/prometheus").exchange().expectStatus().isNotFound();
    }

    private String prometheus() {
        return management
                .get()
                .uri("/actuator/prometheus")
                .accept(MediaType.TEXT_PLAIN)
                .exchange()
                .expectStatus()
                .isOk()
                .returnResult(String.class)
                .getResponseBody();
    }

    /** Each sample line's name and labels, without the application label every line has, to its value. */
    private Map<String, Double> scrape() {
        Pattern sample = Pattern.compile("^(\\w+)(\\{[^}]*})? (\\S+)$");
        Map<String, Double> samples = new java.util.HashMap<>();
        prometheus().lines().forEach(line -> {
            Matcher matcher = sample.matcher(line);
            if (matcher.matches()) {
                String labels = matcher.group(2) == null
                        ? ""
                        : matcher.group(2)
                                .replaceAll(",?application=\"[^\"]*\"", "")
                                .replace("{,", "{");
                samples.put(matcher.group(1) + ("{}".equals(labels) ? "" : labels), Double.valueOf(matcher.group(3)));
            }
        });
        return samples;
    }

    private static double increase(Map<String, Double> before, Map<String, Double> after, String sample) {
        assertThat(after).as("the metrics hold %s", sample).containsKey(sample);
        return after.get(sample) - before.getOrDefault(sample, 0.0);
    }
}
