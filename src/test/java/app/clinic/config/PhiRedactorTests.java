package app.clinic.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The masking of one text, around the shortcut that lets most log values through without a regular expression:
 * whatever the shortcut passes, the patterns would have passed too.
 */
class PhiRedactorTests {

    private static final String ID = "3fa85f64-5717-4562-b3fc-2c963f66afa6";

    @Test
    void pathsIdsAndMessagesWithoutPatientDataPassUnchanged() {
        for (String text : new String[] {
            "/api/v1/appointments/" + ID + "/check-in",
            ID + " " + ID.toUpperCase(),
            "request completed",
            "2026-11-26",
            "booked slot 12 of 40",
            "1234 5678" // eight digits: too few for a phone number
        }) {
            assertThat(PhiRedactor.redact(text)).isEqualTo(text);
        }
    }

    @Test
    void aPhoneNumberIsMaskedBesideIdsWhoseDigitsDoNotCount() {
        assertThat(PhiRedactor.redact("patient " + ID + " on 98765 43210"))
                .isEqualTo("patient " + ID + " on " + PhiRedactor.MASK);
        assertThat(PhiRedactor.redact("/api/v1/patients/" + ID + "/calls/+919876543210"))
                .doesNotContain("9876543210");
    }

    @Test
    void eachSignOfPatientDataOrASecretTakesTheTextThroughThePatterns() {
        assertThat(PhiRedactor.redact("lookup name=Zubaida")).isEqualTo("lookup name=" + PhiRedactor.MASK);
        assertThat(PhiRedactor.redact("first_name: Zubaida")).doesNotContain("Zubaida");
        assertThat(PhiRedactor.redact("write to zubaida.q@example.org")).doesNotContain("example.org");
        assertThat(PhiRedactor.redact("sent BEARER clk_7Hq2vXw9 again")).doesNotContain("clk_7Hq2vXw9");
        assertThat(PhiRedactor.redact("call 98765-43210 today")).doesNotContain("43210");
    }

    @Test
    void fieldNamesAreJudgedTheSameHoweverOftenTheyAreAsked() {
        for (int i = 0; i < 3; i++) {
            assertThat(PhiRedactor.isPhiField("firstName")).isTrue();
            assertThat(PhiRedactor.isPhiField("FIRST-NAME")).isTrue();
            assertThat(PhiRedactor.isPhiField("appointment_id")).isFalse();
        }
    }
}
