package app.clinic.pages;

import static org.assertj.core.api.Assertions.assertThat;

import app.clinic.HttpTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/** The pages come from the service itself, to anyone (they hold no data), under a policy that runs only our scripts. */
class PagesServedTests extends HttpTest {

    @Test
    void everyPageIsServedWithoutATokenUnderAContentSecurityPolicy() {
        for (String path : List.of("/", "/login", "/desk", "/room", "/display", "/admin", "/app/api.js")) {
            var result = clientWith(null).get().uri(path).exchange().returnResult(String.class);

            assertThat(result.getStatus().value()).as(path).isEqualTo(200);
            assertThat(result.getResponseHeaders().getContentType())
                    .as(path)
                    .matches(type -> type.isCompatibleWith(MediaType.TEXT_HTML)
                            || type.isCompatibleWith(MediaType.valueOf("text/javascript")));
            assertThat(result.getResponseHeaders().getFirst("Content-Security-Policy"))
                    .as(path)
                    .isEqualTo(ClinicPages.CONTENT_SECURITY_POLICY);
        }
    }

    @Test
    void eachPageIsItsOwnFile() {
        for (String page : List.of("login", "desk", "room", "display", "admin")) {
            String body = clientWith(null)
                    .get()
                    .uri("/" + page)
                    .exchange()
                    .returnResult(String.class)
                    .getResponseBody();

            assertThat(body).as(page).contains("<script type=\"module\" src=\"/app/" + page + ".js\">");
        }
    }
}
