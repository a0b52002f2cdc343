package app.clinic.database;

import static org.assertj.core.api.Assertions.assertThat;

import app.clinic.ClinicApplication;
import app.clinic.ClinicFixtures;
import app.clinic.HttpTest;
import app.clinic.Reply;
import app.clinic.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.client.EntityExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;

/** A request's statements give up on a held lock or a runaway query: 503 DatabaseBusy, not a pool held hostage. */
class DatabaseTimeoutTests {

    @Test
    void aBookingThatWaitsPastTheLockTimeoutIsA503AndTheNextOneBooks() throws Exception {
        try (ConfigurableApplicationContext service = new SpringApplicationBuilder(ClinicApplication.class)
                .properties(
                        "PORT=0",
                        "MANAGEMENT_PORT=0",
                        "DATABASE_URL=" + TestDatabase.url(),
                        "CLINIC_TIMEZONE=" + HttpTest.CLINIC_ZONE,
                        "BOOTSTRAP_ADMIN_TOKEN=" + HttpTest.ADMIN_TOKEN,
                        "DB_LOCK_TIMEOUT_MS=500")
                .run()) {
            RestTestClient http = EmbeddedService.client(service);
            ClinicFixtures given = new ClinicFixtures(http, service.getBean(Clock.class));
            UUID doctor = given.doctor();
            LocalDate day = given.tomorrow();
            given.booked(given.patient(), doctor, day);
            UUID waiting = given.patient();
            JdbcClient db = service.getBean(JdbcClient.class);
            assertThat(db.sql("SHOW lock_timeout").query(String.class).single()).isEqualTo("500ms");
            assertThat(db.sql("SHOW statement_timeout").query(String.class).single())
                    .isEqualTo("30s");

            try (Connection holder = DriverManager.getConnection(TestDatabase.url())) {
                holder.setAutoCommit(false);
                try (PreparedStatement lock = holder.prepareStatement(
                        "SELECT booked FROM doctor_daily_capacities WHERE doctor_id = ? AND date = ? FOR UPDATE")) {
                    lock.setObject(1, doctor);
                    lock.setObject(2, day);
                    lock.executeQuery();
                }
                Reply refused =
                        Reply.post(http, "/api/v1/appointments", ClinicFixtures.bookingBody(waiting, doctor, day));
                assertThat(refused.status()).isEqualTo(503);
                assertThat(refused.error()).isEqualTo("DatabaseBusy");
                assertThat(refused.headers().getFirst("Retry-After")).isEqualTo("1");
                holder.rollback();
            }

            assertThat(Reply.post(http, "/api/v1/appointments", ClinicFixtures.bookingBody(waiting, doctor, day))
                            .status())
                    .isEqualTo(201);

            // A token is read before any controller runs (a token not seen before: seen ones are held in memory
            // for a minute); a locked token table is the same 503.
            String unseen = (String) given.post("/api/v1/clients", Map.of("name", "new bot", "role", "bot"), 201)
                    .get("token");
            try (Connection holder = DriverManager.getConnection(TestDatabase.url())) {
                holder.setAutoCommit(false);
                try (PreparedStatement lock =
                        holder.prepareStatement("LOCK TABLE access_tokens IN ACCESS EXCLUSIVE MODE")) {
                    lock.execute();
                }
                EntityExchangeResult<String> me = EmbeddedService.clientWith(service, unseen)
                        .get()
                        .uri("/api/v1/auth/me")
                        .exchange()
                        .returnResult(String.class);
                assertThat(me.getStatus().value()).isEqualTo(503);
                assertThat(me.getResponseBody()).contains("\"error\":\"DatabaseBusy\"");
                holder.rollback();
            }
        }
    }
}
