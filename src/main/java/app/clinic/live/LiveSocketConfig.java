package app.clinic.live;

import app.clinic.config.ClinicProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class LiveSocketConfig implements WebSocketConfigurer {

    /** A client's messages are a few dozen bytes; anything far larger closes the socket (1009). */
    private static final int MAX_MESSAGE_BYTES = 4096;

    private final QueueSocketHandler handler;
    private final ClinicProperties properties;

    LiveSocketConfig(QueueSocketHandler handler, ClinicProperties properties) {
        this.handler = handler;
        this.properties = properties;
    }

    /** Browsers may open it from this service's own pages, and from CORS_ALLOWED_ORIGINS; other clients send no Origin. */
    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        registry.addHandler(handler, "/api/v1/ws/queue")
                .addInterceptors(handler)
                .setAllowedOrigins(properties.corsAllowedOrigins().toArray(String[]::new));
    }

    @Bean
    ServletServerContainerFactoryBean webSocketContainer() {
        ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
        container.setMaxTextMessageBufferSize(MAX_MESSAGE_BYTES);
        container.setMaxBinaryMessageBufferSize(MAX_MESSAGE_BYTES);
        return container;
    }
}
