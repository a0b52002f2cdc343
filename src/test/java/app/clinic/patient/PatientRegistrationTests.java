package app.clinic.patient;

import static org.assertj.core.api.Assertions.assertThat;

import app.clinic.ClinicFixtures;
import app.clinic.Concurrently;
import app.clinic.HttpTest;
import app.clinic.Reply;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class PatientRegistrationTests extends HttpTest {

    /**
     * A ten-digit Indian mobile number, alone or after +91: what these tests register. Not inside a longer run of
     * letters and digits, such as the hex of a random request id.
     */
    private static final Pattern PHONE_IN_OUTPUT =
            Pattern.compile("(?<![0-9A-Za-z])(\\+?91)?[6-9]\\d{9}(?![0-9A-Za-z])");

    @AfterEach
    void noPhoneOrEmailReachedTheLogs(CapturedOutput output) {
        assertThat(PHONE_IN_OUTPUT.matcher(output.getOut()).results().map(MatchResult::group))
                .as("phone numbers in the log output")
                .isEmpty();
        assertThat(output.getOut()).doesNotContain("john@example.com");
    }

    @Test
    void registrationReturns201WithTheSeedsBody() {
        String phone = ClinicFixtures.uniquePhone();
        Reply reply = Reply.post(
                http,
                "/api/v1/patients",
                Map.of(
                        "first_name",
                        "John",
                        "last_name",
                        "Doe",
                        "age",
                        34,
                        "phone",
                        phone,
                        "email",
                        "john@example.com"));

        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.body())
                .containsOnlyKeys("id", "first_name", "last_name", "age", "phone", "email", "created_at")
                .containsEntry("first_name", "John")
                .containsEntry("last_name", "Doe")
                .containsEntry("age", 34)
                .containsEntry("phone", phone)
                .containsEntry("email", "john@example.com");
    }

    @Test
    void phoneFormatsAreNormalisedToE164() {
        String national = ClinicFixtures.uniquePhone().substring(3); // ten digits, e.g. 9123456789
        String spaced = "+91 " + national.substring(0, 5) + " " + national.substring(5);
        String dashed = "+91-" + national.substring(0, 5) + "-" + national.substring(5);
        String trunk = "0" + national.substring(0, 5) + " " + national.substring(5);

        for (String[] variant : new String[][] {{spaced, "A"}, {dashed, "B"}, {trunk, "C"}}) {
            Reply reply = Reply.post(http, "/api/v1/patients", Map.of("first_name", variant[1], "phone", variant[0]));
            assertThat(reply.status()).as(variant[0]).isEqualTo(201);
            assertThat(reply.get("phone")).as(variant[0]).isEqualTo("+91" + national);
        }
    }

    @Test
    void impossiblePhoneIsA400AndStoresNothing() {
        long before = count("SELECT count(*) FROM patients");

        for (String phone : new String[] {"12", "not a phone", "+91 123", "+1 555 0000 0000 0000 1"}) {
            Reply reply = Reply.post(http, "/api/v1/patients", Map.of("first_name", "A", "phone", phone));
            assertThat(reply.status()).as(phone).isEqualTo(400);
            assertThat(reply.error()).isEqualTo("ValidationError");
            assertThat(reply.details()).containsOnlyKeys("phone");
        }
        assertThat(count("SELECT count(*) FROM patients")).isEqualTo(before);
    }

    @Test
    void samePhoneAndSameNameReturnsTheExistingPatientWith200() {
        String phone = ClinicFixtures.uniquePhone();
        Reply first = Reply.post(
                http, "/api/v1/patients", Map.of("first_name", "Asha", "last_name", "Rao", "phone", phone, "age", 40));

        Reply again = Reply.post(
                http,
                "/api/v1/patients",
                Map.of(
                        "first_name",
                        "  ASHA ",
                        "last_name",
                        "rao",
                        "phone",
                        "+91 " + phone.substring(3, 8) + " " + phone.substring(8)));

        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(count("SELECT count(*) FROM patients WHERE phone = ?", phone))
                .isEqualTo(1);
    }

    @Test
    void namesDifferingOnlyInSpacesAreTheSamePatient() {
        String phone = ClinicFixtures.uniquePhone();
        Reply first = Reply.post(
                http, "/api/v1/patients", Map.of("first_name", "Mary Ann", "last_name", "Smith", "phone", phone));

        Reply again = Reply.post(
                http, "/api/v1/patients", Map.of("first_name", "MaryAnn", "last_name", "SMITH", "phone", phone));

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.get("id")).isEqualTo(first.get("id"));
    }

    @Test
    void samePhoneWithAnotherNameIsAnotherPatientBecauseFamiliesShareAPhone() {
        String phone = ClinicFixtures.uniquePhone();
        Reply mother = Reply.post(http, "/api/v1/patients", Map.of("first_name", "Lakshmi", "phone", phone));
        Reply son = Reply.post(http, "/api/v1/patients", Map.of("first_name", "Arjun", "phone", phone));

        assertThat(mother.status()).isEqualTo(201);
        assertThat(son.status()).isEqualTo(201);
        assertThat(son.get("id")).isNotEqualTo(mother.get("id"));
    }

    @Test
    void twentyConcurrentIdenticalRegistrationsLeaveExactlyOnePatient() throws Exception {
        String phone = ClinicFixtures.uniquePhone();
        Map<String, Object> body = Map.of("first_name", "Ravi", "last_name", "Kumar", "phone", phone);

        List<Reply> replies = Concurrently.run(20, i -> () -> Reply.post(http, "/api/v1/patients", body));

        assertThat(replies).extracting(Reply::status).containsOnly(200, 201).containsOnlyOnce(201);
        assertThat(replies)
                .extracting(reply -> reply.get("id"))
                .containsOnly(replies.get(0).get("id"));
        assertThat(count("SELECT count(*) FROM patients WHERE phone = ?", phone))
                .isEqualTo(1);
    }

    @Test
    void findingByPhoneInAnyFormatListsTheFamily() {
        String phone = ClinicFixtures.uniquePhone();
        Reply mother = Reply.post(http, "/api/v1/patients", Map.of("first_name", "Lakshmi", "phone", phone));
        Reply son = Reply.post(http, "/api/v1/patients", Map.of("first_name", "Arjun", "phone", phone));

        http.get()
                .uri("/api/v1/patients?phone={phone}", "0" + phone.substring(3, 8) + "-" + phone.substring(8))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.length()")
                .isEqualTo(2)
                .jsonPath("$[0].id")
                .isEqualTo(mother.get("id"))
                .jsonPath("$[1].id")
                .isEqualTo(son.get("id"));
    }

    @Test
    void findingByPhoneNeedsAPossiblePhone() {
        http.get()
                .uri("/api/v1/patients")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.error")
                .isEqualTo("InvalidParameter");
        http.get()
                .uri("/api/v1/patients?phone=abc")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.details.phone")
                .exists();
    }

    @Test
    void patientIsReadById() {
        Reply created = Reply.post(
                http, "/api/v1/patients", Map.of("first_name", "Noor", "phone", ClinicFixtures.uniquePhone()));

        http.get()
                .uri("/api/v1/patients/{id}", created.get("id"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.first_name")
                .isEqualTo("Noor")
                .jsonPath("$.last_name")
                .doesNotExist();
    }

    @Test
    void unknownPatientIsA404() {
        http.get()
                .uri("/api/v1/patients/{id}", java.util.UUID.randomUUID())
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.error")
                .isEqualTo("PatientNotFound");
    }

    @Test
    void eachInvalidFieldHasItsOwnDetailAndNothingIsStored() {
        long before = count("SELECT count(*) FROM patients");
        Map<String, Object> body = new HashMap<>();
        body.put("first_name", "x".repeat(101));
        body.put("last_name", "y".repeat(101));
        body.put("age", -1);
        body.put("phone", "");
        body.put("email", "not-an-email");
        body.put("favourite_colour", "ignored");

        Reply reply = Reply.post(http, "/api/v1/patients", body);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.error()).isEqualTo("ValidationError");
        assertThat(reply.details()).containsOnlyKeys("first_name", "last_name", "age", "phone", "email");
        assertThat(count("SELECT count(*) FROM patients")).isEqualTo(before);
    }

    @Test
    void missingFirstNameIsRefusedAndUnknownFieldsAreIgnored() {
        Reply missing = Reply.post(http, "/api/v1/patients", Map.of("phone", ClinicFixtures.uniquePhone()));
        Reply extra = Reply.post(
                http,
                "/api/v1/patients",
                Map.of("first_name", "Ok", "phone", ClinicFixtures.uniquePhone(), "extra", 1));

        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.details()).containsOnlyKeys("first_name");
        assertThat(extra.status()).isEqualTo(201);
    }

    @Test
    void ageBoundsAreZeroTo150() {
        assertThat(Reply.post(
                                http,
                                "/api/v1/patients",
                                Map.of("first_name", "N", "age", 0, "phone", ClinicFixtures.uniquePhone()))
                        .status())
                .isEqualTo(201);
        assertThat(Reply.post(
                                http,
                                "/api/v1/patients",
                                Map.of("first_name", "O", "age", 150, "phone", ClinicFixtures.uniquePhone()))
                        .status())
                .isEqualTo(201);
        assertThat(Reply.post(
                                http,
                                "/api/v1/patients",
                                Map.of("first_name", "P", "age", 151, "phone", ClinicFixtures.uniquePhone()))
                        .status())
                .isEqualTo(400);
    }
}
