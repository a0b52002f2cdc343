package app.clinic.pages;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import app.clinic.HttpTest;
import app.clinic.SecondInstance;
import app.clinic.pages.Chromium.Tab;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.assertions.LocatorAssertions;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A waiting-room screen runs unattended: when the service it follows restarts, it reconnects and catches up. */
class DisplayThroughRestartTests extends HttpTest {

    @RegisterExtension
    static final SecondInstance screenInstance = new SecondInstance();

    @RegisterExtension
    static final Chromium chromium = new Chromium();

    @Test
    void theDisplayShowsACallMadeWhileItsServiceWasDownOnceTheServiceIsBack() {
        UUID doctor = given.doctor();
        UUID patient = given.patient();
        given.checkedIn(given.booked(patient, doctor, given.today()), patient);
        Tab display = chromium.tab(screenInstance.baseUrl(), 1920, 1080);
        display.expectOutage();
        display.page.navigate("/display?doctor_id=" + doctor + "#token=" + given.clientToken("display"));
        Locator serving = display.page.locator(".serving[data-doctor='" + doctor + "']");
        assertThat(serving).hasText("—");

        screenInstance.restart(() -> {
            assertThat(display.page.locator("#stream-state")).not().hasAttribute("data-state", "live");
            given.post("/api/v1/doctors/" + doctor + "/queue/call-next", Map.of(), 200);
        });

        assertThat(serving).hasText("1", new LocatorAssertions.HasTextOptions().setTimeout(20_000));
        assertThat(display.page.locator("#stream-state")).hasAttribute("data-state", "live");
    }
}
