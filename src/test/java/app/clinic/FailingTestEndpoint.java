package app.clinic;

import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** A route that fails the way a bug does, to see what a 500 looks like from outside. */
@Hidden
@TestConfiguration
@RestController
public class FailingTestEndpoint {

    public static final String PATH = "/test-only/bug";

    @GetMapping(PATH)
    String bug() {
        throw new IllegalStateException("a bug with patient phone=+919876543210 in its message");
    }
}
