package app.clinic.config;

import app.clinic.web.ApiErrorWriter;
import app.clinic.web.RequestBodyLimitFilter;
import app.clinic.web.RequestsInFlightFilter;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration(proxyBeanMethods = false)
class WebConfig implements WebMvcConfigurer {

    /**
     * After the request id filter (and the bound on requests in flight), so that a refused body still has its id
     * and its access log line.
     */
    @Bean
    FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimit(
            ClinicProperties properties, ApiErrorWriter errors) {
        FilterRegistrationBean<RequestBodyLimitFilter> registration =
                new FilterRegistrationBean<>(new RequestBodyLimitFilter(properties.maxRequestBytes(), errors));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
        return registration;
    }

    /**
     * Before everything else but the request id: a request waiting its turn holds nothing yet, and its access log
     * line still counts the wait.
     */
    @Bean
    FilterRegistrationBean<RequestsInFlightFilter> requestsInFlight(ClinicProperties properties) {
        FilterRegistrationBean<RequestsInFlightFilter> registration =
                new FilterRegistrationBean<>(new RequestsInFlightFilter(properties.maxRequestsInFlight()));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addViewController("/redoc").setViewName("forward:/redoc.html");
    }
}
