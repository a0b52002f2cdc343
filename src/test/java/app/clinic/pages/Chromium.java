package app.clinic.pages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The machine's own headless Chromium (Debian's {@code chromium}), driven by Playwright through the machine's
 * Node.js: no browser is ever downloaded. A test class registers it ({@code @RegisterExtension static final
 * Chromium chromium = new Chromium();}); after each test it closes the test's tabs and fails the test if a page
 * logged a console error. Without Chromium a developer's build skips each browser test, loudly; CI
 * ({@code BROWSER_TESTS=required}, set by {@code .ci/run}, which installs Chromium) fails instead.
 */
final class Chromium implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, AfterAllCallback {

    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    /** Chromium as root on a closed network: no sandbox, and none of its calls home, which would be refused. */
    private static final List<String> FLAGS = List.of(
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync");

    private Playwright playwright;
    private Browser browser;
    private String missing;
    private final List<Tab> tabs = new ArrayList<>();

    @Override
    public void beforeAll(ExtensionContext extension) {
        Optional<Path> chromium = executable("CHROMIUM_PATH", "chromium");
        Optional<Path> node = executable("PLAYWRIGHT_NODEJS_PATH", "node");
        if (chromium.isEmpty() || node.isEmpty()) {
            missing = (chromium.isEmpty() ? "Chromium" : "Node.js")
                    + " is not installed: the browser tests need Debian's chromium (scripts/install-tools.sh chromium)"
                    + " and Node.js on the PATH";
            if ("required".equals(System.getenv("BROWSER_TESTS"))) {
                fail(missing);
            }
            System.err.println("\n!!!!! SKIPPING THE BROWSER TESTS: " + missing + " !!!!!\n");
            return;
        }
        System.setProperty("playwright.nodejs.path", node.get().toString());
        playwright = Playwright.create(
                new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright
                .chromium()
                .launch(new BrowserType.LaunchOptions()
                        .setExecutablePath(chromium.get())
                        .setArgs(FLAGS)
                        .setHeadless(true));
    }

    /** Each test is reported skipped, with the reason, rather than the class silently running none. */
    @Override
    public void beforeEach(ExtensionContext extension) {
        Assumptions.assumeTrue(missing == null, () -> "SKIPPED: " + missing);
    }

    @Override
    public void afterEach(ExtensionContext extension) {
        closeTabsWithoutErrors();
    }

    @Override
    public void afterAll(ExtensionContext extension) {
        if (playwright != null) {
            browser.close();
            playwright.close();
        }
    }

    private static Optional<Path> executable(String setting, String name) {
        String configured = System.getenv(setting);
        if (configured != null && !configured.isBlank()) {
            return Optional.of(Path.of(configured)).filter(Files::isExecutable);
        }
        return Stream.of(System.getenv("PATH").split(":"))
                .map(directory -> Path.of(directory, name))
                .filter(Files::isExecutable)
                .findFirst();
    }

    /** A new tab in a browser of its own (its own session storage), at a screen size, on the service. */
    Tab tab(String baseUrl, int width, int height) {
        BrowserContext context = browser.newContext(
                new Browser.NewContextOptions().setBaseURL(baseUrl).setViewportSize(width, height));
        Tab tab = new Tab(context, context.newPage());
        tabs.add(tab);
        return tab;
    }

    /** Closes this test's tabs: none may have shown a console error or an uncaught exception. */
    private void closeTabsWithoutErrors() {
        List<String> problems = new ArrayList<>();
        for (Tab tab : tabs) {
            problems.addAll(tab.problems);
            tab.context.close();
        }
        tabs.clear();
        assertThat(problems).as("console errors in the pages").isEmpty();
    }

    /** A page in its own browser context, with the console errors it showed. */
    static final class Tab {
        final BrowserContext context;
        final Page page;
        final List<String> problems = new CopyOnWriteArrayList<>();
        private final Set<String> expectedLogLines = ConcurrentHashMap.newKeySet();

        Tab(BrowserContext context, Page page) {
            this.context = context;
            this.page = page;
            page.onConsoleMessage(message -> {
                if ("error".equals(message.type()) && !isExpected(message.text())) {
                    problems.add(page.url() + ": " + message.text());
                }
            });
            page.onPageError(error -> problems.add(page.url() + ": " + error));
        }

        /** The test makes the API refuse with this status: the browser's own log line of it is no error of the page. */
        void expectRefusals(int status) {
            expectedLogLines.add("Failed to load resource: the server responded with a status of " + status + " ");
        }

        /** The test stops the service: the browser logs its refused connections itself. */
        void expectOutage() {
            expectedLogLines.add("net::ERR_");
        }

        private boolean isExpected(String text) {
            return expectedLogLines.stream().anyMatch(text::contains);
        }

        /** Saves what the page shows from its top, at the tab's size, under {@code target/screenshots/}. */
        void screenshot(String name) {
            page.evaluate("window.scrollTo(0, 0)");
            page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png")));
        }
    }
}
