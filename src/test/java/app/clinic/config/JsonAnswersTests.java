package app.clinic.config;

import static org.assertj.core.api.Assertions.assertThat;

import app.clinic.HttpTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The service's JSON answers leave in one piece with their length, never chunked, whatever route answered. */
class JsonAnswersTests extends HttpTest {

    private final HttpClient client = HttpClient.newHttpClient();

    @Test
    void aCreatedAppointmentARefusalAndAReadEachCarryTheirContentLengthAndAreNotChunked() throws Exception {
        UUID doctor = given.doctorTakingPerDay(1);
        UUID first = given.patient();
        UUID second = given.patient();
        LocalDate day = given.tomorrow();

        HttpResponse<byte[]> created = send(post("/api/v1/appointments", booking(first, doctor, day)));
        HttpResponse<byte[]> refused = send(post("/api/v1/appointments", booking(second, doctor, day)));
        HttpResponse<byte[]> read = send(request("/api/v1/patients/" + first).GET());

        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(new String(refused.body())).contains("\"error\":\"CapacityFull\"");
        assertThat(read.statusCode()).isEqualTo(200);
        for (HttpResponse<byte[]> answer : List.of(created, refused, read)) {
            assertThat(answer.headers().firstValue("Transfer-Encoding")).isEmpty();
            assertThat(answer.headers().firstValueAsLong("Content-Length")).hasValue(answer.body().length);
            assertThat(answer.body().length).isPositive();
        }
    }

    private static String booking(UUID patient, UUID doctor, LocalDate day) {
        return "{\"patient_id\":\"%s\",\"doctor_id\":\"%s\",\"date\":\"%s\"}".formatted(patient, doctor, day);
    }

    private HttpRequest.Builder post(String path, String json) {
        return request(path).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl() + path)).header("Authorization", "Bearer " + ADMIN_TOKEN);
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder request) throws Exception {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
