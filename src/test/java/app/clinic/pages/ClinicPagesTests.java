package app.clinic.pages;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import app.clinic.ClinicFixtures;
import app.clinic.ClinicFixtures.Account;
import app.clinic.HttpTest;
import app.clinic.pages.Chromium.Tab;
import com.microsoft.playwright.CDPSession;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The desk, the doctor's room, the waiting-room screen and the admin page in a real headless Chromium against the
 * service on its port: what a clinic's staff click, and what a screen in the waiting room must never show.
 */
class ClinicPagesTests extends HttpTest {

    private static final AtomicLong SEQUENCE = new AtomicLong(System.nanoTime() % 1_000_000);
    private static final LocatorAssertions.HasTextOptions WITHIN_TWO_SECONDS =
            new LocatorAssertions.HasTextOptions().setTimeout(2_000);

    @RegisterExtension
    static final Chromium chromium = new Chromium();

    @Test
    void receptionRegistersAPatientBooksAndChecksThemIn() {
        UUID doctor = doctorNamed("Dr. Desk " + SEQUENCE.incrementAndGet(), null);
        Tab desk = signedIn(given.staffAccount("reception", null), 1366, 768);
        Page page = desk.page;
        assertThat(page).hasURL(Pattern.compile("/desk$"));
        String phone = ClinicFixtures.uniquePhone();
        String lastName = "Verma" + SEQUENCE.incrementAndGet();

        page.locator("#find").getByLabel("Phone").fill(phone);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Find"))
                .click();
        assertThat(message(page)).containsText("Nobody is registered on this phone");
        Locator register = page.locator("#register");
        register.getByLabel("First name").fill("Asha");
        register.getByLabel("Last name").fill(lastName);
        register.getByLabel("Age").fill("41");
        register.getByRole(AriaRole.BUTTON).click();
        assertThat(message(page)).hasText("Registered Asha " + lastName + ".");

        page.locator("#book select[name=doctor_id]").selectOption(doctor.toString());
        assertThat(page.locator("#places")).containsText("places left");
        page.locator("#book button[type=submit]").click();
        assertThat(message(page)).containsText("Booked Asha " + lastName + ": token 1");

        Locator row = page.locator("tr", new Page.LocatorOptions().setHasText(lastName));
        assertThat(row).containsText("Booked");
        row.getByText("Check in").click();
        assertThat(message(page)).containsText("checked in: number 1");
        assertThat(row).containsText("Checked in");
        assertThat(row).containsText("#1, waiting");
        assertEveryControlIsLabelled(page);
        desk.screenshot("desk");

        assertThat(count(
                        "SELECT count(*) FROM appointments a JOIN patients p ON p.id = a.patient_id"
                                + " WHERE p.last_name = ? AND a.doctor_id = ? AND a.status = 'checked_in'",
                        lastName,
                        doctor))
                .isEqualTo(1);
    }

    @Test
    void aRefusedBookingShowsTheApisMessage() {
        UUID doctor = doctorNamed("Dr. Full " + SEQUENCE.incrementAndGet(), 1);
        given.booked(given.patient(), doctor, given.today());
        String phone = ClinicFixtures.uniquePhone();
        given.post("/api/v1/patients", Map.of("first_name", "Late", "last_name", "Comer", "phone", phone), 201);
        given.post("/api/v1/patients", Map.of("first_name", "Early", "last_name", "Comer", "phone", phone), 201);
        Tab desk = signedIn(given.staffAccount("reception", null), 1366, 768);
        desk.expectRefusals(409); // the browser logs a refused request itself
        Page page = desk.page;

        page.locator("#find input[name=phone]").fill(phone);
        page.locator("#find button").click();
        assertThat(message(page)).hasText("2 patients share this phone: choose one.");
        page.locator("#found").getByText("Late Comer").click();
        assertThat(page.locator("#selected")).containsText("Booking for Late Comer");
        page.locator("#book select[name=doctor_id]").selectOption(doctor.toString());
        assertThat(page.locator("#places")).containsText("0 of 1 places left");
        page.locator("#book button[type=submit]").click();

        assertThat(message(page)).hasText("No available slots for this doctor on " + given.today());
        assertThat(message(page)).hasAttribute("data-kind", "error");
        assertThat(appointmentsOf(doctor)).isEqualTo(1);
    }

    @Test
    void aCheckInAtOneDeskAppearsOnAnotherWithoutReloading() {
        UUID doctor = doctorNamed("Dr. Two Desks " + SEQUENCE.incrementAndGet(), null);
        UUID patient = given.patient();
        given.booked(patient, doctor, given.today());
        String lastName = lastNameOf(patient);
        Page first = signedIn(given.staffAccount("reception", null), 1366, 768).page;
        Page second = signedIn(given.staffAccount("reception", null), 1366, 768).page;
        Locator rowOnSecond = second.locator("tr", new Page.LocatorOptions().setHasText(lastName));
        assertThat(rowOnSecond).containsText("Booked");
        second.evaluate("window.notReloaded = true");

        first.locator("tr", new Page.LocatorOptions().setHasText(lastName))
                .getByText("Check in")
                .click();

        assertThat(rowOnSecond).containsText("Checked in");
        assertThat(rowOnSecond).containsText("#1, waiting");
        assertThat(second.evaluate("window.notReloaded === true")).isEqualTo(true);
    }

    @Test
    void cancellingAndReschedulingAskFirstAndBackingOutChangesNothing() {
        UUID doctor = doctorNamed("Dr. Moves " + SEQUENCE.incrementAndGet(), null);
        UUID staying = given.patient();
        UUID moving = given.patient();
        UUID cancelled = given.booked(staying, doctor, given.today());
        given.booked(moving, doctor, given.today());
        Page page = signedIn(given.staffAccount("reception", null), 1366, 768).page;
        Locator cancelledRow = page.locator("tr", new Page.LocatorOptions().setHasText(lastNameOf(staying)));
        Locator movingRow = page.locator("tr", new Page.LocatorOptions().setHasText(lastNameOf(moving)));

        cancelledRow.getByText("Cancel").click();
        page.locator("dialog").getByText("Back").click();
        assertThat(page.locator("dialog")).hasCount(0);
        assertThat(appointmentStatus(cancelled)).isEqualTo("booked");
        cancelledRow.getByText("Cancel").click();
        assertThat(page.locator("dialog")).containsText("The place returns to the day");
        page.locator("dialog").getByText("Cancel the appointment").click();
        assertThat(message(page)).containsText("Cancelled token 1");
        assertThat(cancelledRow).containsText("Cancelled");
        assertThat(appointmentStatus(cancelled)).isEqualTo("cancelled");

        movingRow.getByText("Reschedule").click();
        page.locator("dialog input[name=date]").fill(given.tomorrow().toString());
        page.locator("dialog").getByText("Move the appointment").click();
        assertThat(message(page)).containsText("moved to token 1 with Dr. Moves");
        assertThat(count(
                        "SELECT count(*) FROM appointments WHERE patient_id = ? AND date = ? AND status = 'booked'",
                        moving,
                        given.tomorrow()))
                .isEqualTo(1);
    }

    @Test
    void theRoomCallsTheNextPatientAndTheDisplayShowsTheTokenWithinTwoSeconds() {
        UUID doctor = doctorNamed("Dr. Room " + SEQUENCE.incrementAndGet(), null);
        List<UUID> patients = given.patients(2);
        for (UUID patient : patients) {
            given.checkedIn(given.booked(patient, doctor, given.today()), patient);
        }
        Tab display = chromium.tab(baseUrl(), 1920, 1080);
        display.page.navigate("/display?doctor_id=" + doctor + "#token=" + given.clientToken("display"));
        Locator serving = display.page.locator(".serving[data-doctor='" + doctor + "']");
        assertThat(serving).hasText("—");
        Tab room = signedIn(given.staffAccount("doctor", doctor), 1366, 768);
        Page page = room.page;
        assertThat(page).hasURL(Pattern.compile("/room$"));
        assertThat(page.locator("#waiting tbody tr")).hasCount(2);

        page.locator("#call-next").dblclick();

        assertThat(serving).hasText("1", WITHIN_TWO_SECONDS);
        assertThat(message(page)).containsText("Called token 1");
        assertThat(count("SELECT count(*) FROM queue_entries WHERE doctor_id = ? AND status = 'called'", doctor))
                .as("a double click calls one patient")
                .isEqualTo(1);
        assertThat(message(page)).not().hasAttribute("data-kind", "error");
        assertThat(page.locator("#call-next")).isDisabled();
        assertEveryControlIsLabelled(page);
        room.screenshot("room");
        display.screenshot("display");

        page.getByText("Served").click();
        assertThat(page.locator("#now")).containsText("Nobody is with the doctor");
        page.locator("#call-next").click();
        assertThat(serving).hasText("2", WITHIN_TWO_SECONDS);
        page.getByRole(
                        AriaRole.BUTTON,
                        new Page.GetByRoleOptions().setName("Not here").setExact(true))
                .click();
        assertThat(page.locator("#skipped")).containsText(lastNameOf(patients.get(1)));
        page.getByText("Back in queue").click();
        assertThat(page.locator("#waiting tbody tr")).hasCount(1);
        assertThat(page.locator("#counts")).hasText("1 seen, 1 waiting, 0 booked and not checked in yet.");

        page.navigate("/");
        assertThat(page).hasURL(Pattern.compile("/room$"));
    }

    @Test
    void theDisplayPageHoldsNoPatientDataInItsPageOrItsTraffic() {
        UUID doctor = doctorNamed("Dr. Screen " + SEQUENCE.incrementAndGet(), null);
        List<String> secrets = new ArrayList<>();
        List<UUID> patients = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String phone = ClinicFixtures.uniquePhone();
            UUID patient = ClinicFixtures.id(given.post(
                    "/api/v1/patients",
                    Map.of("first_name", "Secretfirst" + i, "last_name", "Secretlast" + i, "phone", phone),
                    201));
            UUID appointment = given.booked(patient, doctor, given.today());
            patients.add(patient);
            secrets.addAll(List.of(
                    "Secretfirst" + i,
                    "Secretlast" + i,
                    phone,
                    phone.substring(3),
                    patient.toString(),
                    appointment.toString()));
            if (i < 2) {
                given.checkedIn(appointment, patient);
            }
        }
        given.post("/api/v1/doctors/" + doctor + "/queue/call-next", Map.of(), 200);

        Tab display = chromium.tab(baseUrl(), 1920, 1080);
        List<String> traffic = new CopyOnWriteArrayList<>();
        List<Response> responses = new CopyOnWriteArrayList<>();
        CDPSession network = display.context.newCDPSession(display.page);
        network.send("Network.enable");
        network.on(
                "Network.eventSourceMessageReceived",
                event -> traffic.add(event.get("data").getAsString()));
        network.on("Network.webSocketFrameReceived", event -> traffic.add(event.toString()));
        display.page.onRequest(request -> traffic.add(request.url() + " " + request.headers()));
        display.page.onResponse(responses::add);
        display.page.navigate("/display?doctor_id=" + doctor + "#token=" + given.clientToken("display"));
        Locator serving = display.page.locator(".serving[data-doctor='" + doctor + "']");
        assertThat(serving).hasText("1");

        UUID third = patients.get(2);
        given.checkedIn(appointmentOf(third), third);
        assertThat(display.page.locator(".next")).hasText("Next: 2 · 3");

        for (Response response : responses) {
            if (!String.valueOf(response.headerValue("content-type")).startsWith("text/event-stream")) {
                traffic.add(response.text());
            }
        }
        assertThat(traffic)
                .as("the stream's events reached the page")
                .anySatisfy(data -> assertThat(data).contains("\"next_tokens\":[2,3]"));
        String page = display.page.content();
        for (String secret : secrets) {
            assertThat(page).as("the display page").doesNotContain(secret);
            assertThat(traffic).as("the display page's traffic").noneMatch(data -> data.contains(secret));
        }
    }

    @Test
    void aWrongPasswordShowsTheApisMessageAndSignsNobodyIn() {
        Account account = given.staffAccount("reception", null);
        Tab tab = chromium.tab(baseUrl(), 1366, 768);
        tab.expectRefusals(401);
        tab.page.navigate("/login");
        tab.page.getByLabel("Username").fill(account.username());
        tab.page.getByLabel("Password").fill("not the passphrase at all");
        tab.page.locator("#login button").click();

        assertThat(message(tab.page)).hasText("Wrong username or password");
        assertThat(tab.page).hasURL(Pattern.compile("/login$"));
        assertThat(tab.page.evaluate("sessionStorage.getItem('clinic.staff')")).isNull();
    }

    @Test
    void signingOutEndsTheSessionAndItsToken() {
        Tab desk = signedIn(given.staffAccount("reception", null), 1366, 768);
        Page page = desk.page;
        String token = (String) page.evaluate("JSON.parse(sessionStorage.getItem('clinic.staff')).token");
        clientWith(token).get().uri("/api/v1/auth/me").exchange().expectStatus().isOk();

        page.locator("#sign-out").click();

        assertThat(page).hasURL(Pattern.compile("/login\\?reason=signed_out$"));
        assertThat(page.locator("#reason")).hasText("Signed out.");
        clientWith(token).get().uri("/api/v1/auth/me").exchange().expectStatus().isUnauthorized();
        page.navigate("/desk");
        assertThat(page).hasURL(Pattern.compile("/login$"));
        desk.screenshot("login");
    }

    @Test
    void anAdminSetsUpAWaitingRoomScreenAStaffAccountAndADoctorsWeek() {
        String doctorName = "Dr. Admin " + SEQUENCE.incrementAndGet();
        UUID doctor = doctorNamed(doctorName, null);
        Tab admin = signedIn(given.staffAccount("admin", null), 1366, 768);
        Page page = admin.page;
        assertThat(page).hasURL(Pattern.compile("/admin$"));

        Locator newClient = page.locator("#new-client");
        // a select's label holds its options' text, where any doctor's name may hold "Name": fields by name
        newClient.locator("input[name=name]").fill("Lobby screen " + SEQUENCE.incrementAndGet());
        newClient.locator("select[name=role]").selectOption("display");
        newClient.locator("select[name=doctor_id]").selectOption(doctor.toString());
        newClient.locator("button[type=submit]").click();
        assertThat(message(page)).containsText("copy its token now");
        String link = page.locator("#issued-link").textContent();
        assertThat(link).contains("/display?doctor_id=" + doctor + "#token=");
        assertThat(page.locator("#issued-token").textContent()).isNotBlank();

        Tab screen = chromium.tab(baseUrl(), 1920, 1080);
        screen.page.navigate(link);
        assertThat(screen.page.locator("article h2")).hasText(doctorName);
        assertThat(screen.page).hasURL(Pattern.compile("/display\\?doctor_id=" + doctor + "$"));

        String username = "nurse" + SEQUENCE.incrementAndGet();
        Locator newUser = page.locator("#new-user");
        newUser.locator("input[name=username]").fill(username);
        newUser.locator("input[name=password]").fill("a long passphrase indeed");
        newUser.locator("select[name=role]").selectOption("reception");
        newUser.locator("button[type=submit]").click();
        assertThat(message(page)).hasText("Account " + username + " created.");
        assertThat(count("SELECT count(*) FROM users WHERE username = ? AND role = 'reception'", username))
                .isEqualTo(1);

        Locator today = page.getByRole(AriaRole.CHECKBOX, new Page.GetByRoleOptions().setName(doctorName + " in on "))
                .first();
        assertThat(today).isChecked();
        today.uncheck();
        assertThat(message(page)).containsText(doctorName + " is away on");
        assertThat(count(
                        "SELECT count(*) FROM doctor_daily_availabilities WHERE doctor_id = ? AND date = ? AND NOT is_present",
                        doctor,
                        given.today()))
                .isEqualTo(1);
        assertEveryControlIsLabelled(page);
        admin.screenshot("admin");
    }

    @Test
    void theAdminsWeekShowsTheDaysTheRosterGivesTheDoctorOff() {
        String doctorName = "Dr. Roster " + SEQUENCE.incrementAndGet();
        UUID doctor = doctorNamed(doctorName, null);
        given.roster(doctor, given.today(), given.today().getDayOfWeek().name().toLowerCase(java.util.Locale.ROOT));
        Tab admin = signedIn(given.staffAccount("admin", null), 1366, 768);

        Locator days =
                admin.page.getByRole(AriaRole.CHECKBOX, new Page.GetByRoleOptions().setName(doctorName + " in on "));

        assertThat(days.first()).isChecked();
        assertThat(days.nth(1)).not().isChecked();
    }

    private Tab signedIn(Account account, int width, int height) {
        Tab tab = chromium.tab(baseUrl(), width, height);
        tab.page.navigate("/login");
        tab.page.getByLabel("Username").fill(account.username());
        tab.page.getByLabel("Password").fill(account.password());
        tab.page.locator("#login button").click();
        assertThat(tab.page).not().hasURL(Pattern.compile("/login"));
        // the page's script has wired the session (its sign-out button with it) once it names who is signed in: a
        // click before that would be lost
        assertThat(tab.page.locator("#who")).not().isEmpty();
        return tab;
    }

    private static Locator message(Page page) {
        return page.locator("#message");
    }

    /** Every input, select and button has a name a screen reader says: its label, aria-label or text. */
    private static void assertEveryControlIsLabelled(Page page) {
        Object unlabelled = page.evaluate("""
                () => [...document.querySelectorAll('input, select, button')]
                  .filter((control) => !(control.labels && control.labels.length)
                      && !control.getAttribute('aria-label') && !control.textContent.trim())
                  .map((control) => control.outerHTML)
                """);
        assertThat((List<?>) unlabelled).as("controls without a label").isEmpty();
    }

    private UUID doctorNamed(String name, Integer limit) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("code", "DR_PAGE_" + SEQUENCE.incrementAndGet());
        body.put("max_appointments_per_day", limit);
        return ClinicFixtures.id(given.post("/api/v1/doctors", body, 201));
    }

    private String lastNameOf(UUID patient) {
        return db.sql("SELECT last_name FROM patients WHERE id = ?")
                .param(patient)
                .query(String.class)
                .single();
    }

    private UUID appointmentOf(UUID patient) {
        return db.sql("SELECT id FROM appointments WHERE patient_id = ?")
                .param(patient)
                .query(UUID.class)
                .single();
    }
}
