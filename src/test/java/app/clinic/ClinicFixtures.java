package app.clinic;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.EntityExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;

/** Doctors, patients and bookings made over HTTP, unique per call, so tests share no doctor-day. */
public class ClinicFixtures {

    private static final AtomicLong SEQUENCE =
            new AtomicLong(ThreadLocalRandom.current().nextLong(100_000_000L, 800_000_000L));

    private final RestTestClient http;
    private final Clock clock;

    public ClinicFixtures(RestTestClient http, Clock clock) {
        this.http = http;
        this.clock = clock;
    }

    public LocalDate today() {
        return LocalDate.now(clock);
    }

    public LocalDate tomorrow() {
        return today().plusDays(1);
    }

    /** A unique Indian mobile number in E.164. */
    public static String uniquePhone() {
        return "+919" + SEQUENCE.incrementAndGet();
    }

    public UUID doctor() {
        return doctorWith(null);
    }

    public UUID doctorTakingPerDay(int limit) {
        return doctorWith(limit);
    }

    private UUID doctorWith(Integer limit) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", "Dr. Test " + SEQUENCE.incrementAndGet());
        body.put("code", "DR_" + SEQUENCE.incrementAndGet());
        body.put("specialty", "General");
        body.put("max_appointments_per_day", limit);
        return id(post("/api/v1/doctors", body, 201));
    }

    public UUID patient() {
        return id(post(
                "/api/v1/patients",
                Map.of(
                        "first_name",
                        "Test",
                        "last_name",
                        "Patient" + SEQUENCE.incrementAndGet(),
                        "phone",
                        uniquePhone()),
                201));
    }

    public List<UUID> patients(int count) {
        List<UUID> patients = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            patients.add(patient());
        }
        return patients;
    }

    public Map<String, Object> booking(UUID patient, UUID doctor, LocalDate date) {
        return post("/api/v1/appointments", bookingBody(patient, doctor, date), 201);
    }

    public UUID booked(UUID patient, UUID doctor, LocalDate date) {
        return id(booking(patient, doctor, date));
    }

    /** Books {@code count} new patients with the doctor on the day; returns the appointment ids in slot order. */
    public List<UUID> bookedPatients(UUID doctor, LocalDate date, int count) {
        List<UUID> appointments = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            appointments.add(booked(patient(), doctor, date));
        }
        return appointments;
    }

    /** Checks the patient in for the appointment (today's): the patient joins the doctor's queue. */
    public void checkedIn(UUID appointment, UUID patient) {
        post(
                "/api/v1/checkins",
                Map.of("appointment_id", appointment.toString(), "patient_id", patient.toString()),
                201);
    }

    public void doctorAbsent(UUID doctor, LocalDate date) {
        http.post()
                .uri("/api/v1/doctors/{id}/availability", doctor)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("date", date.toString(), "is_present", false))
                .exchange()
                .expectStatus()
                .is2xxSuccessful();
    }

    /** Gives the doctor a roster from {@code from} on: the weekdays named, with the doctor's own limit. */
    public void roster(UUID doctor, LocalDate from, String... weekdays) {
        http.put()
                .uri("/api/v1/doctors/{id}/roster", doctor)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of(
                        "valid_from",
                        from.toString(),
                        "weekdays",
                        Arrays.stream(weekdays)
                                .map(day -> Map.of("weekday", day))
                                .toList()))
                .exchange()
                .expectStatus()
                .isOk();
    }

    /** Puts the patient on the waitlist of a full doctor-day: the entry's id. */
    public UUID waitlisted(UUID patient, UUID doctor, LocalDate date) {
        return id(post("/api/v1/waitlist", bookingBody(patient, doctor, date), 201));
    }

    /** The open offer of the patient's waitlist entry for the doctor-day, or null. */
    @SuppressWarnings("unchecked")
    public UUID offerOf(UUID patient) {
        List<Map<String, Object>> entries = http.get()
                .uri("/api/v1/patients/{id}/waitlist", patient)
                .exchange()
                .expectStatus()
                .isOk()
                .returnResult(List.class)
                .getResponseBody();
        return entries.stream()
                .map(entry -> (Map<String, Object>) entry.get("offer"))
                .filter(offer -> offer != null)
                .map(ClinicFixtures::id)
                .findFirst()
                .orElse(null);
    }

    public static Map<String, Object> bookingBody(UUID patient, UUID doctor, LocalDate date) {
        return Map.of("patient_id", patient.toString(), "doctor_id", doctor.toString(), "date", date.toString());
    }

    /** POSTs JSON and asserts the status; returns the body. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> post(String uri, Object body, int expectedStatus) {
        EntityExchangeResult<Map> result = http.post()
                .uri(uri)
                .contentType(MediaType.APPLICATION_JSON)
                .body(body)
                .exchange()
                .returnResult(Map.class);
        assertThat(result.getStatus().value())
                .as("POST %s answered %s", uri, result.getResponseBody())
                .isEqualTo(expectedStatus);
        return result.getResponseBody();
    }

    /** A staff member's sign-in. */
    public record Account(String username, String password) {}

    /** A new staff account of the role (a doctor's linked to {@code doctor}). */
    public Account staffAccount(String role, UUID doctor) {
        Account account =
                new Account("staff" + SEQUENCE.incrementAndGet(), "a long passphrase " + SEQUENCE.incrementAndGet());
        Map<String, Object> body = new HashMap<>();
        body.put("username", account.username());
        body.put("password", account.password());
        body.put("role", role);
        body.put("doctor_id", doctor);
        post("/api/v1/users", body, 201);
        return account;
    }

    /** A new staff account of the role (a doctor's linked to {@code doctor}), signed in: its bearer token. */
    public String staffToken(String role, UUID doctor) {
        Account account = staffAccount(role, doctor);
        return login(account.username(), account.password());
    }

    public String login(String username, String password) {
        return (String) post("/api/v1/auth/login", Map.of("username", username, "password", password), 200)
                .get("access_token");
    }

    /** A new API client of the role (bot or display): its id and its token, as created. */
    public Map<String, Object> apiClient(String role) {
        return post("/api/v1/clients", Map.of("name", role + " " + SEQUENCE.incrementAndGet(), "role", role), 201);
    }

    public String clientToken(String role) {
        return (String) apiClient(role).get("token");
    }

    public static UUID id(Map<String, Object> body) {
        return UUID.fromString((String) body.get("id"));
    }
}
