package app.clinic.pages;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The clinic's screens, served by the service itself: plain HTML and JavaScript modules under {@code /app/}, no
 * build step and nothing fetched from outside, so they work on a clinic's closed network. The pages hold no data;
 * they call the API with the signed-in user's token (a screen: its display token), which decides what they see.
 */
@Configuration(proxyBeanMethods = false)
class ClinicPages implements WebMvcConfigurer {

    /** Each page's address, and its file under {@code static/app/}. */
    static final Map<String, String> PAGES = Map.of(
            "/", "index",
            "/login", "login",
            "/desk", "desk",
            "/room", "room",
            "/display", "display",
            "/admin", "admin");

    /**
     * Scripts, styles and connections from the service only, no inline script and no framing: a patient's name
     * that smuggled markup into the data could not run in a page that shows it (the pages also write data as text
     * only).
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self';"
            + " img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self';"
            + " frame-ancestors 'none'";

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        PAGES.forEach((path, page) -> registry.addViewController(path).setViewName("forward:/app/" + page + ".html"));
    }

    @Bean
    FilterRegistrationBean<Filter> pagesContentSecurityPolicy() {
        Filter policy = (request, response, chain) -> {
            ((HttpServletResponse) response).setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
            chain.doFilter(request, response);
        };
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(policy);
        // "" is the servlet mapping of "/" alone
        registration.setUrlPatterns(PAGES.keySet().stream()
                .map(path -> path.equals("/") ? "" : path)
                .toList());
        registration.addUrlPatterns("/app/*");
        return registration;
    }
}
