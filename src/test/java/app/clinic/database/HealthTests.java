package app.clinic.database;

import app.clinic.HttpTest;
import org.junit.jupiter.api.Test;

class HealthTests extends HttpTest {

    @Test
    void healthIsOkWhenTheDatabaseAnswers() {
        http.get()
                .uri("/health")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .json("{\"status\":\"ok\",\"database\":\"up\"}");
    }
}
