package app.clinic;

import java.time.Clock;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * The service on a real port against the real PostgreSQL of {@link TestDatabase}. The clinic is in
 * Pacific/Kiritimati (UTC+14) while the JVM runs in Etc/GMT+12 (UTC-12, set by the build): every test date comes
 * from the clinic's clock, so a rule that used the server's "today" would fail here.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "CLINIC_TIMEZONE=" + HttpTest.CLINIC_ZONE,
            "MANAGEMENT_PORT=0",
            "BOOTSTRAP_ADMIN_TOKEN=" + HttpTest.ADMIN_TOKEN,
            // the tests send hundreds of requests at once with one token; RateLimitTests turns the limit on
            "RATE_LIMIT_PER_SECOND=0",
            // the audit tests wait for their records to be sealed
            "AUDIT_SEAL_INTERVAL=300ms",
            "LIVE_HEARTBEAT_INTERVAL=1s",
            // webhooks to the tests' receivers on loopback, retried and found quickly
            "WEBHOOK_ALLOWED_HOSTS=127.0.0.1",
            "WEBHOOK_RETRY_INITIAL=100ms",
            "db-scheduler.polling-interval=200ms",
            "db-scheduler.heartbeat-interval=1s"
        })
@Import(FailingTestEndpoint.class)
public abstract class HttpTest {

    public static final String CLINIC_ZONE = "Pacific/Kiritimati";

    /** The bootstrap admin's token in every test instance: {@code http} sends it unless a test says otherwise. */
    public static final String ADMIN_TOKEN = "test-bootstrap-admin-token-0123456789abcdef";

    @LocalServerPort
    private int port;

    @Autowired
    protected JdbcClient db;

    @Autowired
    protected Clock clock;

    protected RestTestClient http;
    protected ClinicFixtures given;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("DATABASE_URL", TestDatabase::url);
    }

    @BeforeEach
    void connect() {
        http = clientWith(ADMIN_TOKEN);
        given = new ClinicFixtures(http, clock);
    }

    /** A client of this instance that sends {@code token}, or no token when it is null. */
    protected RestTestClient clientWith(String token) {
        return client(baseUrl(), token);
    }

    public static RestTestClient client(String baseUrl, String token) {
        var builder = RestTestClient.bindToServer().baseUrl(baseUrl);
        if (token != null) {
            builder.defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + token);
        }
        return builder.build();
    }

    protected String baseUrl() {
        return "http://localhost:" + port;
    }

    protected long appointmentsOf(UUID doctor) {
        return count("SELECT count(*) FROM appointments WHERE doctor_id = ?", doctor);
    }

    protected String appointmentStatus(UUID appointment) {
        return db.sql("SELECT status FROM appointments WHERE id = ?")
                .param(appointment)
                .query(String.class)
                .single();
    }

    protected long count(String sql, Object... params) {
        var statement = db.sql(sql);
        for (Object param : params) {
            statement = statement.param(param);
        }
        return statement.query(Long.class).single();
    }
}
